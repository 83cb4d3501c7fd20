"""Bad project files exit 2 with a message naming the file and the problem, never 'unexpected error'."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.project.reel_file import MAX_PROJECT_BYTES, ProjectError, load_project

ROOT = Path(__file__).resolve().parents[3]
BASE = '{"format_version": 1, "settings": {"width": 64, "height": 48, "fps": 16%s}, "shots": [%s]}'

CASES = {
    "a 5000-digit integer": (BASE % (', "fps": ' + "9" * 5000, ""), "digits"),
    "a 41-digit integer": (BASE % (', "fps": ' + "9" * 41, ""), "41 digits"),
    "a 41-digit integer after a long number in a prompt": (
        BASE % (', "fps": -' + "1" * 41, '{"id": "s1", "prompt": "' + "7" * 60 + '"}'),
        "42 digits",
    ),
    "nesting 1000 deep": (BASE % (', "x": ' + "[" * 1000 + "]" * 1000, ""), "nested"),
    "nesting 100 deep in a preset": (
        '{"format_version": 1, "settings": {"width": 64, "height": 48, "fps": 16}, "shots": [], '
        '"presets": {"p": ' + '{"a": ' * 100 + "1" + "}" * 100 + "}}",
        "nested",
    ),
    "a lone surrogate in a prompt": (BASE % ("", '{"id": "s1", "prompt": "\\ud800"}'), "surrogate"),
    "fade_out Infinity": (BASE % (', "fade_out": Infinity', ""), "Infinity"),
    "fade_out NaN": (BASE % (', "fade_out": NaN', ""), "NaN"),
    "a number overflowing to infinity": (BASE % (', "fade_out": 1e400', ""), "too large"),
    "a path component over 255 bytes": (
        BASE
        % ("", '{"id": "s1", "prompt": "p", "takes": [{"id": "t", "path": "s1/' + "x" * 300 + '.mp4"}]}'),
        "longer than 255",
    ),
    "a shot id over 255 bytes": (BASE % ("", '{"id": "' + "x" * 300 + '", "prompt": "p"}'), "shots[0].id"),
    "an absurd width": (BASE % ("", '{"id": "s1", "prompt": "p", "width": 100000000}'), "width"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_project_is_a_clean_project_error(tmp_path, name):
    text, problem = CASES[name]
    path = tmp_path / "film.reel"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    before = path.read_bytes()
    with pytest.raises(ProjectError) as caught:
        load_project(path)
    assert problem in str(caught.value) and str(path) in str(caught.value)
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "name", ["a 5000-digit integer", "nesting 1000 deep", "a lone surrogate in a prompt"]
)
def test_the_command_line_exits_2(tmp_path, name):
    path = tmp_path / "film.reel"
    path.write_text(CASES[name][0], encoding="utf-8", errors="surrogatepass")
    for command in (["info", str(path)], ["export", str(path), "-o", str(tmp_path / "o.mp4")]):
        result = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), *command], capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 2, result.stderr
        assert "unexpected" not in result.stderr and "film.reel" in result.stderr


def test_a_huge_file_is_refused_without_reading_it_whole(tmp_path):
    path = tmp_path / "film.reel"
    with open(path, "wb") as out:
        out.truncate(MAX_PROJECT_BYTES + 10)
    with pytest.raises(ProjectError, match="too large"):
        load_project(path)


def test_an_ordinary_project_still_opens(tmp_path):
    path = tmp_path / "film.reel"
    doc = json.loads(BASE % (', "fade_out": 1.5', '{"id": "s1", "prompt": "灯塔 🌊", "seed": 4294967295}'))
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    project = load_project(path)
    assert project.settings.fade_out == 1.5 and project.shots[0].prompt == "灯塔 🌊"


def test_long_digit_runs_in_text_are_only_text(tmp_path):
    # Integers are bounded by looking for a long run of digits: one inside a prompt is no integer.
    from app.project.json_limits import loads_strict

    doc = loads_strict('{"prompt": "' + "1" * 500 + '", "seed": ' + "9" * 40 + "}")
    assert doc["prompt"] == "1" * 500 and doc["seed"] == int("9" * 40)
