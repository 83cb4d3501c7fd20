"""Fountain screenplays (fountain.io) read into scenes: heading, action, dialogue by speaker and the
transition out, with the title page's title; boneyard, notes, sections and page breaks left out. The
language model reads the scenes as a numbered outline, and captions are taken from their dialogue.

Hand-written rather than a registry parser: fountain-py 0.3 forces scene headings only before an
ASCII letter (so no Chinese ones) and fountain-parser 0.1 keeps [[notes]] as action; both are
months-old single-author releases. The syntax read here is the spec's, Unicode throughout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_BONEYARD = re.compile(r"/\*.*?\*/", re.DOTALL)
_NOTE = re.compile(r"\[\[.*?\]\]", re.DOTALL)
_TITLE_KEY = re.compile(r"^([A-Za-z][A-Za-z ]*):(.*)$")
_HEADING = re.compile(r"^(?:INT|EXT|EST|INT\./EXT|INT/EXT|I/E)[. ]", re.IGNORECASE)
_FORCED_HEADING = re.compile(r"^\.(?=[^.\s])")
_SCENE_NUMBER = re.compile(r"\s*#[\w.-]+#\s*$")
_EXTENSION = re.compile(r"\s*[(（][^)）]*[)）]\s*$")
_PARENTHETICAL = re.compile(r"^[(（].*[)）]$")
_SENTENCE_END = (".", "!", "?", "。", "！", "？", "…")


@dataclass
class Scene:
    """One scene: its heading, action paragraphs, (speaker, line) dialogue in order, the transition out."""

    heading: str
    action: list[str] = field(default_factory=list)
    dialogue: list[tuple[str, str]] = field(default_factory=list)
    transition: str = ""


@dataclass
class Screenplay:
    """A Fountain screenplay as scenes; text before the first heading is a scene with no heading."""

    title: str
    scenes: list[Scene]


def _title_page(lines: list[str]) -> tuple[str, int]:
    """(title, index of the first body line): a title page is key: value lines up to a blank line."""
    if not lines or not _TITLE_KEY.match(lines[0]):
        return "", 0
    title: list[str] = []
    key = ""
    end = 0
    while end < len(lines) and lines[end].strip():
        match = _TITLE_KEY.match(lines[end])
        if match and not lines[end].startswith((" ", "\t")):
            key = match.group(1).strip().casefold()
            if key == "title" and match.group(2).strip():
                title.append(match.group(2).strip())
        elif key == "title":  # a value on indented lines under its key
            title.append(lines[end].strip())
        end += 1
    return " ".join(title), end


def _is_cue(line: str, before_blank: bool, next_line: str) -> bool:
    """A character cue: after a blank line, before dialogue; @forced, or in capitals (letters with case)."""
    if not before_blank or not next_line.strip():
        return False
    if line.startswith("@"):
        return len(line) <= 60 and not line.endswith(_SENTENCE_END)  # "@Mia pours tea." is action
    name = _EXTENSION.sub("", line.rstrip("^ "))
    return any(c.isalpha() for c in name) and name == name.upper() and name != name.lower()


def _cue_name(line: str) -> str:
    return _EXTENSION.sub("", line.lstrip("@").rstrip("^ ")).strip()


def parse_fountain(text: str) -> Screenplay:
    """The screenplay's title and scenes, read by the fountain.io rules (see the module's docstring)."""
    text = _NOTE.sub("", _BONEYARD.sub("", text.replace("\r\n", "\n")))
    lines = text.split("\n")
    title, start = _title_page(lines)
    scenes = [Scene("")]
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            scenes[-1].action.append(" ".join(paragraph))
            paragraph.clear()

    index = start
    while index < len(lines):
        raw = lines[index]
        line = raw.strip()
        before_blank = index == start or not lines[index - 1].strip()
        after_blank = index + 1 >= len(lines) or not lines[index + 1].strip()
        index += 1
        if not line:
            flush()
        elif line.startswith(("#", "===")) or (line.startswith("=") and not line.startswith("==")):
            flush()  # sections, synopses and page breaks organise the writing, not the film
        elif before_blank and (_HEADING.match(line) or _FORCED_HEADING.match(line)):
            flush()
            heading = line[1:] if line.startswith(".") else line
            scenes.append(Scene(_SCENE_NUMBER.sub("", heading).strip()))
        elif line.startswith(">") and not line.endswith("<"):
            flush()
            scenes[-1].transition = line[1:].strip()
        elif before_blank and after_blank and line.isupper() and line.endswith("TO:"):
            flush()
            scenes[-1].transition = line
        elif not line.startswith("!") and _is_cue(
            line, before_blank, lines[index] if index < len(lines) else ""
        ):
            flush()
            speaker = _cue_name(line)
            spoken: list[str] = []
            while index < len(lines) and lines[index].strip():
                said = lines[index].strip()
                index += 1
                if not _PARENTHETICAL.match(said):  # (softly) is for the actor, not the caption
                    spoken.append(said)
            if spoken:
                scenes[-1].dialogue.append((speaker, " ".join(spoken)))
        else:
            paragraph.append(line.lstrip("!~").strip(" ><") if line.startswith(("!", "~", ">")) else line)
    flush()
    if not scenes[0].action and not scenes[0].dialogue and len(scenes) > 1:
        scenes.pop(0)  # nothing before the first heading
    return Screenplay(title, scenes)


def screenplay_outline(screenplay: Screenplay) -> str:
    """The numbered scene-by-scene outline the model reads: headings, action, dialogue, transitions."""
    out: list[str] = [f"Title: {screenplay.title}", ""] if screenplay.title else []
    for number, scene in enumerate(screenplay.scenes, 1):
        out.append(f"Scene {number}: {scene.heading}".rstrip())
        out += [f"  Action: {paragraph}" for paragraph in scene.action]
        out += [f"  Dialogue, {speaker}: {line}" for speaker, line in scene.dialogue]
        if scene.transition:
            out.append(f"  Transition: {scene.transition}")
        out.append("")
    return "\n".join(out).strip() + "\n"


def _plain(text: str) -> str:
    """Words only, folded: how a caption is matched to a line whatever quotes or speaker it carries."""
    return " ".join(re.sub(r"[\W_]+", " ", text).split()).casefold()


def captions_from_dialogue(
    captions: list[str], scenes: list[int | None], screenplay: Screenplay
) -> list[str]:
    """Each shot's caption as a line of its scene's dialogue, in the script's words: the line the model
    quoted, else the scene's next line no shot has yet, else none. A shot without a scene keeps its own."""
    used: set[tuple[int, int]] = set()
    out: list[str] = []
    for caption, scene in zip(captions, scenes, strict=True):
        if scene is None or not 1 <= scene <= len(screenplay.scenes):
            out.append(caption)
            continue
        lines = [_plain(line) for _, line in screenplay.scenes[scene - 1].dialogue]
        wanted = _plain(caption)
        quoted = [n for n, line in enumerate(lines) if wanted and line and (line in wanted or wanted in line)]
        free = [n for n in range(len(lines)) if (scene, n) not in used]
        chosen = quoted[0] if quoted else (free[0] if free else None)
        if chosen is None:
            out.append("")
            continue
        used.add((scene, chosen))
        out.append(screenplay.scenes[scene - 1].dialogue[chosen][1])
    return out
