"""A storyboard proposal: the shots a language model suggests, checked, as plain data to review.

Nothing here changes the film: `proposal_apply` does, when the person accepts some or all shots.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from app.film.shot_timing import MAX_FRAMES, seconds_to_frames
from app.project.cast_member import CastMember
from app.project.cast_mentions import find_mentions
from app.project.project import Project

MAX_SHOTS = 60
MAX_SECONDS = 60

# What the model must answer (asked for through response_format, checked on arrival).
SHOTS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["shots"],
    "additionalProperties": False,
    "properties": {
        "shots": {
            "type": "array",
            "minItems": 1,
            "maxItems": MAX_SHOTS,
            "items": {
                "type": "object",
                "required": ["title", "prompt", "duration", "camera", "cast", "caption"],
                "additionalProperties": False,
                "properties": {
                    "title": {"type": "string", "maxLength": 120},
                    "prompt": {"type": "string", "minLength": 1, "maxLength": 3000},
                    "duration": {"type": "number", "exclusiveMinimum": 0, "maximum": MAX_SECONDS},
                    "camera": {"type": "string", "maxLength": 200},
                    "cast": {"type": "array", "maxItems": 16, "items": {"type": "string", "maxLength": 80}},
                    "caption": {"type": "string", "maxLength": 1000},
                    # For a screenplay outline: the scene the shot comes from (its captions are that scene's lines).
                    "scene": {"type": "integer", "minimum": 1, "maximum": 10000},
                },
            },
        }
    },
}


@dataclass
class ProposedShot:
    """One suggested shot: what the person reviews and may edit before accepting it."""

    title: str
    prompt: str  # with @Name for the film's cast members; names the film lacks are plain words
    seconds: float  # as the model suggested
    frames: int  # snapped by the one rule (app/film/shot_timing.seconds_to_frames)
    camera: str = ""
    cast: list[str] = field(default_factory=list)  # the film's cast members it shows, as the film spells them
    caption: str = ""  # a caption or line of dialogue from the script
    unknown_cast: list[str] = field(
        default_factory=list
    )  # names the model used that the film has no member for
    scene: int | None = None  # the screenplay's scene it comes from (1 is the first), when the model said


@dataclass
class Proposal:
    """Shots suggested for a script, in story order, and the language their prompts are in."""

    shots: list[ProposedShot]
    language: str
    source: str = ""  # the language model that wrote it

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form (what `storyboard --json` prints)."""
        return asdict(self)


def _member(name: str, cast: list[CastMember]) -> CastMember | None:
    folded = name.strip().lstrip("@").casefold()
    return next((m for m in cast if m.name.casefold() == folded), None)


def _settle_mentions(
    prompt: str, listed: list[str], cast: list[CastMember]
) -> tuple[str, list[str], list[str]]:
    """(prompt, cast names, unknown names): known @mentions spelt as the film does, unknown ones made
    plain words (an unknown @Name would stop generation), listed members the prompt lacks put in front."""
    known: list[str] = []
    unknown: list[str] = []
    pieces: list[str] = []
    last = 0
    for mention in find_mentions(prompt):
        member = _member(mention.name, cast)
        pieces.append(prompt[last : mention.start])
        if member is None:
            pieces.append(mention.name)
            if mention.name not in unknown:
                unknown.append(mention.name)
        else:
            pieces.append(f"@{member.name}")
            if member.name not in known:
                known.append(member.name)
        last = mention.end
    pieces.append(prompt[last:])
    text = "".join(pieces).strip()
    missing: list[str] = []
    for name in listed:
        member = _member(name, cast)
        if member is None:
            clean = name.strip().lstrip("@")
            if clean and clean not in unknown:
                unknown.append(clean)
        elif member.name not in known and member.name not in missing:
            missing.append(member.name)
    if missing:  # the reference run takes the members the prompt names, so name them
        text = " ".join(f"@{name}" for name in missing) + ": " + text
    return text, missing + known, unknown


def proposal_from_answer(
    answer: dict[str, Any], project: Project, language: str, source: str = ""
) -> Proposal:
    """The proposal a checked answer (SHOTS_SCHEMA) makes for this film: frames snapped, cast settled."""
    fps = max(1, project.settings.fps)
    shots: list[ProposedShot] = []
    for item in answer["shots"]:
        prompt, cast, unknown = _settle_mentions(str(item["prompt"]), list(item["cast"]), project.cast)
        seconds = min(float(item["duration"]), MAX_FRAMES / fps)
        shots.append(
            ProposedShot(
                title=str(item["title"]).strip(),
                prompt=prompt,
                seconds=float(item["duration"]),
                frames=seconds_to_frames(seconds, fps),
                camera=str(item["camera"]).strip(),
                cast=cast,
                caption=str(item["caption"]).strip(),
                unknown_cast=unknown,
                scene=item.get("scene"),
            )
        )
    return Proposal(shots, language, source)
