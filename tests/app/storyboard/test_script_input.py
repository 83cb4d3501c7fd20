"""Scripts as read: their form named, their language found, bad files refused in words."""

from __future__ import annotations

import pytest

from app.paths.resources import resource_path
from app.storyboard.script_input import MAX_SCRIPT_BYTES, ScriptError, read_script, script_form
from app.storyboard.writing_prompts import KINDS, LANGUAGES, detect_language, system_prompt


@pytest.mark.parametrize(
    ("text", "name", "form"),
    [
        ("INT. KITCHEN - DAY\n\nMia pours tea.", "", "fountain"),
        ("any text", "film.fountain", "fountain"),
        ("# Scene one\n\n- Mia pours tea", "", "markdown"),
        ("A 30-second ad for Sakura tea, three scenes, warm.", "", "brief"),
        ("Mia pours tea. " * 40, "", "text"),
    ],
)
def test_the_form_of_a_script(text, name, form):
    assert script_form(text, name) == form


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("清晨，小美在茶园里采茶。", "zh"),
        ("清晨，@Mia 在 Sakura 茶园里采茶，阳光洒在茶叶上。", "zh"),
        ("Dawn over a tea field.", "en"),
        ("", "en"),
    ],
)
def test_the_language_of_a_text(text, language):
    assert detect_language(text) == language


def test_every_prompt_kind_exists_in_every_language():
    for kind in KINDS:
        for language in LANGUAGES:
            assert "JSON" in system_prompt(kind, language)


def test_the_example_script_reads_as_a_screenplay():
    script = read_script(resource_path("examples", "script.txt"))
    assert script.form == "fountain" and "Sakura" in script.text


def test_bad_script_files_are_refused_in_words(tmp_path):
    with pytest.raises(ScriptError, match="Cannot read"):
        read_script(tmp_path / "missing.txt")
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (MAX_SCRIPT_BYTES + 1))
    with pytest.raises(ScriptError, match="over 200 kB"):
        read_script(big)
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(ScriptError, match="empty"):
        read_script(empty)
