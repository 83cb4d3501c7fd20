"""A script as the language model reads it: plain text, Markdown, a Fountain screenplay or a brief,
read bounded and named by its form. A Fountain screenplay (a .fountain file, or a scene heading such
as INT. KITCHEN - DAY) is also read into scenes (app/storyboard/fountain_script.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from app.storyboard.fountain_script import Screenplay, parse_fountain
from engine.errors import StoryreelError

MAX_SCRIPT_BYTES = 200_000  # ~ a 100-page screenplay; a longer one is split before it is storyboarded
FORMS = ("fountain", "markdown", "brief", "text")
_SCENE_HEADING = re.compile(r"^(?:\.(?=\w)|(?:INT|EXT|EST|INT\./EXT|INT/EXT|I/E)[. ])", re.MULTILINE)
_MARKDOWN = re.compile(r"^(?:#{1,6} |[-*+] |\d+\. |> )", re.MULTILINE)
BRIEF_CHARS = 400  # a few sentences: a brief, not a script


class ScriptError(StoryreelError):
    """A script that cannot be read or is unfit; nothing was changed."""

    hint = "Save the script as UTF-8 text (.txt, .md or .fountain) and try again."


@dataclass(frozen=True)
class Script:
    """A script's text and its form: "fountain", "markdown", "brief" or "text" (a screenplay's scenes too)."""

    text: str
    form: str
    screenplay: Screenplay | None = None


def script_form(text: str, name: str = "") -> str:
    """The form a script is written in, from its file name and its lines."""
    if name.lower().endswith(".fountain") or len(_SCENE_HEADING.findall(text)) >= 1:
        return "fountain"
    if name.lower().endswith((".md", ".markdown")) or _MARKDOWN.search(text):
        return "markdown"
    return "brief" if len(text.strip()) <= BRIEF_CHARS else "text"


def read_script(path: Path) -> Script:
    """A script file read (UTF-8, at most MAX_SCRIPT_BYTES); ScriptError says what is wrong."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_SCRIPT_BYTES + 1)
    except OSError as exc:
        raise ScriptError(f"Cannot read the script {path}: {exc.strerror or exc}.") from exc
    if len(data) > MAX_SCRIPT_BYTES:
        raise ScriptError(
            f"The script {path.name} is over {MAX_SCRIPT_BYTES // 1000} kB.",
            "Storyboard it a part (a few scenes) at a time.",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ScriptError(f"The script {path.name} is not UTF-8 text (byte {exc.start}).") from exc
    return script_from_text(text, path.name)


def script_from_text(text: str, name: str = "") -> Script:
    """A script from text already in memory (the window's paste box); ScriptError when empty or too long."""
    if not text.strip():
        raise ScriptError("The script is empty.", "Write or paste a script, a screenplay or a short brief.")
    if len(text.encode("utf-8")) > MAX_SCRIPT_BYTES:
        raise ScriptError(
            f"The script is over {MAX_SCRIPT_BYTES // 1000} kB.", "Storyboard it a part at a time."
        )
    text = text.replace("\r\n", "\n")
    form = script_form(text, name)
    return Script(text, form, parse_fountain(text) if form == "fountain" else None)
