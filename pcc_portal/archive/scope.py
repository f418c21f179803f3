"""Which rows belong to a force area: found, not listed.

Every model of the portal's apps (and its simple_history model) is reached
from `accounts.ForceArea` along forward relations: the shortest path of
foreign keys, one-to-ones and many-to-manys (fewest many-to-many hops first,
then a field called ``force_area``). A new app's models are therefore in the
archive as soon as they are installed. An app whose path would be wrong can
say so on its AppConfig::

    archive_scopes = {"model_name": "some__path__to__force_area"}  # or a callable area -> Q
    archive_personal_fields = {"model_name": ["email", "phone"]}
    archive_soft_refs = {"model_name": {"area_id": "accounts.forcearea"}}
    archive_exclude = ["model_name"]

Models with no path (shared reference data such as themes) travel only when
a row of the area refers to them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Q

AREA_LABEL = "accounts.forcearea"
USER_LABEL = "accounts.user"

# Apps whose rows are machinery, not the area's record.
EXCLUDED_APPS = {"pdf", "jobs", "archive"}

# Defaults for models of apps that do not (yet) declare archive hooks themselves.
DEFAULT_SCOPES: dict[str, str | Callable] = {
    # The reminders ledger stores the area as a number, not a foreign key.
    "deadlines.reminder": lambda area: Q(area_id=area.pk),
    "accounts.historicalforcearea": lambda area: Q(id=area.pk),
    # A finding belongs to its event (which may span several areas), not to whichever areas raised it.
    "consultations.finding": "event__force_areas",
}
DEFAULT_SOFT_REFS: dict[str, dict[str, str]] = {
    "deadlines.reminder": {"area_id": AREA_LABEL},
}
DEFAULT_PERSONAL_FIELDS: dict[str, list[str]] = {
    "partners.contact": ["email", "phone"],
    "consultations.response": ["respondent_name", "respondent_email"],
    "consultations.attendee": ["name"],
    "consultations.feedbackdelivery": ["email"],
    "consultations.receiptdelivery": ["email"],
    "panels.meeting": ["contact_email", "contact_phone"],
}
# Per-user settings and the account history are not the area's record.
DEFAULT_EXCLUDED: set[str] = {
    "accounts.user",
    "accounts.historicaluser",
    "accounts.historicaluser_force_areas",
    "deadlines.reminderpreference",
    "deadlines.historicalreminderpreference",
    "deadlines.calendarfeed",
    "deadlines.historicalcalendarfeed",
}
LEFT_OUT_NOTE = (
    "Left out: user passwords and sign-in records, per-user settings (reminder preferences, calendar feed tokens), "
    "the account change history, content types, permissions, sessions, sign-in lockouts (axes), Celery beat "
    "schedules, background jobs and the PDF cache."
)


def label_of(model) -> str:
    return model._meta.label_lower


def is_historical(model) -> bool:
    return hasattr(model, "instance_type") and model.__name__.startswith("Historical")


@dataclass
class ModelSpec:
    label: str
    model: type[models.Model]
    path: str | None  # lookup from the model to ForceArea ("" for ForceArea itself)
    scope: Callable | None  # override: area -> Q
    has_m2m_hop: bool = False
    personal: list[str] = field(default_factory=list)
    soft_refs: dict[str, str] = field(default_factory=dict)
    follow: tuple[str, str] | None = None  # (field, label): rows whose field is in that model's scoped rows
    # field -> {kind: model label of each dash-separated id}: a text key naming records by id ("plans.issue:12")
    keyed_refs: dict[str, dict[str, tuple]] = field(default_factory=dict)

    @property
    def historical(self) -> bool:
        return is_historical(self.model)

    @property
    def scoped(self) -> bool:
        return self.path is not None or self.scope is not None or self.follow is not None

    def area_q(self, area) -> Q:
        if self.scope is not None:
            return self.scope(area)
        return Q(**{self.path: area.pk})

    def fk_fields(self) -> list[models.Field]:
        return [f for f in self.model._meta.concrete_fields if f.is_relation]

    def m2m_fields(self) -> list[models.ManyToManyField]:
        return [f for f in self.model._meta.many_to_many if f.remote_field.through._meta.auto_created]

    def refs(self) -> dict[str, str]:
        """Every reference from this model's rows: field name -> target label."""
        out = {f.name: label_of(f.related_model) for f in self.fk_fields()}
        out.update(self.soft_refs)
        if self.historical:
            out.setdefault("id", label_of(self.model.instance_type))
        return out


def _hooks(name: str, defaults: dict) -> dict:
    merged = dict(defaults)
    for config in apps.get_app_configs():
        for model_name, value in (getattr(config, name, None) or {}).items():
            merged[f"{config.label}.{model_name.lower()}"] = value
    return merged


def deadline_key_models() -> dict[str, tuple]:
    """Every app's deadline kinds, each with the model of every id its keys carry (see the deadlines registry)."""
    merged: dict[str, tuple] = {}
    for config in apps.get_app_configs():
        merged.update(getattr(config, "deadline_key_models", None) or {})
    return merged


def transfer_key_models() -> dict[str, tuple]:
    """Every kind of transfer register source key ("commissioning.grant:12", "deadline.plans.issue:3"), each
    with the model of every id it carries: each app's ``transfer_key_models``, and every deadline kind."""
    merged = {f"deadline.{kind}": targets for kind, targets in deadline_key_models().items()}
    for config in apps.get_app_configs():
        merged.update(getattr(config, "transfer_key_models", None) or {})
    return merged


# Text fields that name records by id: remapped on import, hashed by natural key. A transfer register row's
# source key must follow its record, or proposing again in the receiving portal would add the row twice.
KEYED_REFS: dict[str, dict[str, Callable[[], dict[str, tuple]]]] = {
    "deadlines.reminder": {"deadline_key": deadline_key_models},
    "transition.transferitem": {"source_key": transfer_key_models},
}


def _excluded() -> set[str]:
    out = set(DEFAULT_EXCLUDED)
    for config in apps.get_app_configs():
        out.update(f"{config.label}.{m.lower()}" for m in getattr(config, "archive_exclude", None) or [])
    return out


def portal_models() -> list[type[models.Model]]:
    labels = [apps.get_app_config(name.rsplit(".", 1)[-1]).label for name in settings.PORTAL_APPS]
    labels = [label for label in labels if label not in EXCLUDED_APPS]
    out = []
    for label in labels:
        out.extend(apps.get_app_config(label).get_models())
    return out


def _best_path(model, max_depth: int = 6) -> tuple[str, bool] | None:
    """The path from `model` to ForceArea: fewest many-to-many hops, then fewest nullable links (a row whose
    link is empty would be lost on that path: a decision's optional meeting, say, rather than its programme),
    then shortest, never through users."""
    area_model = apps.get_model(AREA_LABEL)
    user_model = apps.get_model(USER_LABEL)
    found: list[tuple[int, int, int, int, str]] = []

    def walk(current, parts: list[str], m2m: int, seen: frozenset, nullable: int = 0) -> None:
        if len(parts) >= max_depth:
            return
        relations = [f for f in current._meta.concrete_fields if f.is_relation] + list(current._meta.many_to_many)
        for f in relations:
            target = f.related_model
            if target is None or target is user_model or f.name == "history_relation":
                continue
            hops = m2m + (1 if f.many_to_many else 0)
            empty = nullable + (1 if getattr(f, "null", False) and not f.many_to_many else 0)
            path = "__".join([*parts, f.name])
            if target is area_model:
                found.append((hops, empty, len(parts) + 1, 0 if f.name == "force_area" else 1, path))
            elif target not in seen and label_of(target).split(".")[0] not in EXCLUDED_APPS:
                walk(target, [*parts, f.name], hops, seen | {target}, empty)

    walk(model, [], 0, frozenset({model}))
    if not found:
        return None
    best = min(found)
    return best[4], best[0] > 0


@cache
def model_specs() -> dict[str, ModelSpec]:
    """Every archived model by label, ForceArea first."""
    scopes = _hooks("archive_scopes", DEFAULT_SCOPES)
    personal = _hooks("archive_personal_fields", DEFAULT_PERSONAL_FIELDS)
    soft = _hooks("archive_soft_refs", DEFAULT_SOFT_REFS)
    excluded = _excluded()
    specs: dict[str, ModelSpec] = {}

    def apply_path(spec: ModelSpec, override) -> None:
        if callable(override):
            spec.scope = override
        elif isinstance(override, str):
            spec.path = override
            spec.has_m2m_hop = True  # declared: treat as possibly shared with other areas
        else:
            found = _best_path(spec.model)
            if found:
                spec.path, spec.has_m2m_hop = found

    historical = []
    for model in portal_models():
        label = label_of(model)
        if label in excluded:
            continue
        spec = ModelSpec(label=label, model=model, path=None, scope=None)
        spec.soft_refs = dict(soft.get(label, {}))
        spec.keyed_refs = {name: kinds() for name, kinds in KEYED_REFS.get(label, {}).items()}
        specs[label] = spec
        if is_historical(model) or "history" in {f.name for f in model._meta.concrete_fields if f.is_relation}:
            historical.append(spec)
            continue
        spec.personal = list(personal.get(label, []))
        if label == AREA_LABEL:
            spec.path = "pk"
        else:
            apply_path(spec, scopes.get(label))
    for spec in historical:
        model = spec.model
        names = {f.name for f in model._meta.concrete_fields}
        history_fk = next((f for f in model._meta.concrete_fields if f.name == "history" and f.is_relation), None)
        if history_fk is not None:
            # A many-to-many history row belongs with the history row it describes.
            spec.follow = ("history", label_of(history_fk.related_model))
            continue
        instance = specs.get(label_of(model.instance_type))
        if instance is None:
            continue
        spec.personal = list(instance.personal)
        if spec.label in scopes:
            apply_path(spec, scopes[spec.label])
        elif instance.path and instance.path.split("__")[0] in names and instance.path != "pk":
            spec.path, spec.has_m2m_hop = instance.path, instance.has_m2m_hop
        elif instance.scoped:
            # The live model reaches its area through a many-to-many the history does not keep.
            spec.follow = ("id", instance.label)
    return specs


def describe_paths() -> dict[str, str]:
    """For the README and the manifest: how each model reaches its area."""
    out = {}
    for label, spec in model_specs().items():
        if spec.scope is not None:
            out[label] = "declared"
        elif spec.follow:
            out[label] = f"follows {spec.follow[1]} by {spec.follow[0]}"
        else:
            out[label] = spec.path or "by reference only"
    return out
