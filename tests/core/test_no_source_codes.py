"""No user-facing text cites the source papers by their file codes, such as "(001 paragraph 41)"."""

import ast
import importlib
import inspect
import re
from pathlib import Path

from django import forms
from django.apps import apps
from django.conf import settings

CODE = re.compile(r"\((?:seeds? |seed papers )?00[0-4]\b|\b00[0-4],? (?:paragraph|para)\b")
TEMPLATE_COMMENT = re.compile(r"\{#.*?#\}|\{% comment %\}.*?\{% endcomment %\}", re.S)


def _project_configs():
    root = Path(settings.BASE_DIR).resolve()
    return [c for c in apps.get_app_configs() if Path(c.path).resolve().is_relative_to(root)]


def test_form_labels_and_help_texts_cite_no_source_codes():
    found = []
    for config in _project_configs():
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for name, form in inspect.getmembers(module, inspect.isclass):
            for field_name, field in getattr(form, "base_fields", {}).items():
                if isinstance(field, forms.Field):
                    text = f"{field.label or ''} {field.help_text or ''}"
                    if CODE.search(text):
                        found.append(f"{module.__name__}.{name}.{field_name}: {text}")
    assert found == []


def test_model_fields_cite_no_source_codes():
    found = []
    for config in _project_configs():
        for model in config.get_models():
            for field in model._meta.get_fields():
                text = f"{getattr(field, 'verbose_name', '')} {getattr(field, 'help_text', '')}"
                if CODE.search(text):
                    found.append(f"{model._meta.label}.{field.name}: {text}")
    assert found == []


def test_templates_cite_no_source_codes():
    found = []
    for path in Path(settings.BASE_DIR, "templates").rglob("*.*"):
        text = TEMPLATE_COMMENT.sub("", path.read_text(encoding="utf-8"))
        found += [f"{path}: {m.group(0)}" for m in CODE.finditer(text)]
    assert found == []


def test_demo_content_cites_no_source_codes():
    """Demo text is shown on pages; docstrings and comments may say where it came from."""
    found = []
    for config in _project_configs():
        for path in Path(config.path).glob("demo*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            docstrings = {
                id(node.body[0].value)
                for node in ast.walk(tree)
                if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
                and node.body
                and isinstance(node.body[0], ast.Expr)
            }
            for node in ast.walk(tree):
                is_text = isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
                if is_text and CODE.search(node.value):
                    found.append(f"{path.name}:{node.lineno}: {node.value[:80]}")
        for path in Path(config.path).glob("demo*.md"):
            found += [f"{path.name}: {m.group(0)}" for m in CODE.finditer(path.read_text(encoding="utf-8"))]
    assert found == []
