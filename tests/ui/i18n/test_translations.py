"""The committed catalogues are complete and current: lupdate finds nothing new, the .qm is the .ts compiled."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from app.paths.resources import resource_path

SCRIPT = resource_path("i18n", "translations.py")


def _tools():
    spec = importlib.util.spec_from_file_location("storyreel_translations", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


tools = _tools()
LANGUAGES = tools.LANGUAGES


def by_context(keys) -> str:
    """Strings grouped by context, one per line, for a failure message."""
    groups: dict[str, list[str]] = defaultdict(list)
    for context, source in sorted(keys):
        groups[context].append(source)
    return "\n".join(f"  [{c}]\n" + "\n".join(f"    {s!r}" for s in ss) for c, ss in groups.items())


FIX = "Run `make translations`, translate what it lists in the .ts (docs/i18n.md), run it again."


@pytest.mark.parametrize("language", LANGUAGES)
def test_ts_holds_every_ui_string_translated(language, tmp_path):
    committed = tools.ts_path(language)
    fresh = tmp_path / committed.name
    shutil.copy(committed, fresh)
    tools.lupdate(fresh, language)  # what `make translations` would write now
    now, before = tools.messages(fresh), tools.messages(committed)
    missing = now.keys() - before.keys()
    assert not missing, f"strings in ui/ missing from {committed.name}:\n{by_context(missing)}\n{FIX}"
    gone = before.keys() - now.keys()
    assert not gone, f"strings no longer in ui/ still in {committed.name}:\n{by_context(gone)}\n{FIX}"
    untranslated = [key for key, text in before.items() if text is None]
    assert not untranslated, f"untranslated in {committed.name}:\n{by_context(untranslated)}\n{FIX}"
    assert fresh.read_bytes() == committed.read_bytes(), (
        f"{committed.name} is not as lupdate writes it. {FIX}"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_qm_is_the_compiled_ts(language, tmp_path):
    compiled = tmp_path / "fresh.qm"
    tools.lrelease(tools.ts_path(language), compiled)
    assert compiled.read_bytes() == tools.qm_path(language).read_bytes(), (
        f"{tools.qm_path(language).name} is older than {tools.ts_path(language).name}. {FIX}"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_placeholders_and_shortcuts(language):
    """A lost {0} would raise in .format(); a lost &X would take a menu's shortcut letter away."""
    wrong = []
    for (context, source), text in tools.messages(tools.ts_path(language)).items():
        assert text is not None
        if sorted(re.findall(r"\{[^}]*\}", source)) != sorted(re.findall(r"\{[^}]*\}", text)):
            wrong.append((context, f"{source} -> {text} (placeholders)"))
        accel = re.search(r"&(\w)", source)
        if accel and f"&{accel.group(1)}".lower() not in text.lower():
            wrong.append((context, f"{source} -> {text} (shortcut letter)"))
    assert not wrong, "\n" + by_context(wrong)


def test_make_translations_is_idempotent(tmp_path):
    """Running lupdate twice on the same sources gives the same file (no line numbers, sorted input)."""
    ts = tmp_path / "twice.ts"
    shutil.copy(tools.ts_path(LANGUAGES[0]), ts)
    tools.lupdate(ts, LANGUAGES[0])
    first = ts.read_bytes()
    tools.lupdate(ts, LANGUAGES[0])
    assert ts.read_bytes() == first


def test_bundled_presets_texts_are_marked():
    """Every bundled preset's name and description is in ui/presets/bundled_texts.py, so it is translated."""
    from ui.widgets.bundled_texts import BUNDLED_TEXTS

    for path in Path(resource_path("presets")).glob("*/preset.json"):
        doc = json.loads(path.read_text(encoding="utf-8"))
        assert doc["name"] in BUNDLED_TEXTS and doc.get("description", "") in BUNDLED_TEXTS + ("",)
