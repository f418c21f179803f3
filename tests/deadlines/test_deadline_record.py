"""A deadline is built, compared, hashed and copied as the frozen dataclass it declares."""

import dataclasses
import inspect
from datetime import timedelta

import pytest
from django.utils import timezone

from pcc_portal.deadlines.registry import Deadline


def test_a_deadline_takes_its_fields_in_order_with_their_defaults():
    parameters = list(inspect.signature(Deadline).parameters.values())
    fields = dataclasses.fields(Deadline)
    assert [p.name for p in parameters] == [f.name for f in fields]
    assert [p.default for p in parameters] == [
        inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default for f in fields
    ]


def test_a_deadline_is_a_frozen_value():
    due = timezone.now() + timedelta(days=3)
    first = Deadline("plans.issue:1", "plans.issue", "Plan issue", "Issue the plan", due, "/plans/1/", 4, "OPCC")
    same = Deadline(
        key="plans.issue:1", kind="plans.issue", kind_label="Plan issue", title="Issue the plan", due=due,
        url="/plans/1/", area_id=4, responsible="OPCC",
    )  # fmt: skip
    assert first == same and hash(first) == hash(same) and len({first, same}) == 1
    assert (first.recipient_ids, first.escalate_to_ids, first.done) == (frozenset(), frozenset(), False)
    assert "title='Issue the plan'" in repr(first)
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.done = True
    met = dataclasses.replace(first, done=True, recipient_ids=frozenset({7}))
    assert (met.done, met.recipient_ids, met.key) == (True, frozenset({7}), "plans.issue:1")
    assert met != first
