"""@Name mentions of cast members in prompts: found, looked up without case, expanded and renamed.

A mention is '@' not preceded by a letter, digit or '_' (so mail@Mei is no mention), then a name of
Unicode letters, digits, '_' or '-' that starts and ends with a letter, digit or '_' (so "@Mei," and
"@Mei-" name Mei). '@@' is a literal '@'.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from app.project.cast_member import CastMember
from app.project.project import Project

MAX_NAME_CHARS = 64
MAX_DESCRIPTION_CHARS = 2000  # as the project schema allows: a description stands in for a name
_NAME = r"\w(?:[\w-]*\w)?"
# One pass finds both the escape and the mentions, so "@@Mei" is the text "@Mei", not a mention.
_TOKEN = re.compile(rf"@@|(?<!\w)@({_NAME})")
_WHOLE_NAME = re.compile(rf"^{_NAME}$")


@dataclass(frozen=True)
class Mention:
    """One @Name in a prompt: the name as written, and where the '@' starts and the name ends."""

    name: str
    start: int
    end: int


def check_cast_name(name: str) -> str:
    """The name if a prompt can mention it as @name; ValueError saying which characters are allowed."""
    if not isinstance(name, str) or not _WHOLE_NAME.match(name) or len(name) > MAX_NAME_CHARS:
        raise ValueError(
            f"the cast name {str(name)[:80]!r} cannot be written as @name: use 1 to {MAX_NAME_CHARS} letters "
            "(any script), digits, '_' or '-', starting and ending with a letter, digit or '_'"
        )
    return name


def check_description(description: str) -> str:
    """The description trimmed; ValueError if it is longer than MAX_DESCRIPTION_CHARS."""
    text = description.strip()
    if len(text) > MAX_DESCRIPTION_CHARS:
        raise ValueError(
            f"a cast member's description of {len(text)} characters is too long: "
            f"keep it under {MAX_DESCRIPTION_CHARS} (it replaces @name in each prompt)"
        )
    return text


def find_mentions(prompt: str) -> list[Mention]:
    """Every @Name in the prompt, in order (escaped '@@' skipped)."""
    return [
        Mention(match.group(1), match.start(), match.end())
        for match in _TOKEN.finditer(prompt)
        if match.group(1) is not None
    ]


def _by_name(cast: Iterable[CastMember]) -> dict[str, CastMember]:
    return {member.name.casefold(): member for member in cast}


def mentioned_members(prompt: str, cast: Iterable[CastMember]) -> list[CastMember]:
    """The cast members the prompt names, in the order first named, each once (unknown names skipped)."""
    members = _by_name(cast)
    found: dict[str, CastMember] = {}
    for mention in find_mentions(prompt):
        member = members.get(mention.name.casefold())
        if member is not None:
            found.setdefault(member.id, member)
    return list(found.values())


def unknown_mentions(prompt: str, cast: Iterable[CastMember]) -> list[str]:
    """The @names the prompt uses that no cast member has, as written, each once."""
    members = _by_name(cast)
    unknown: dict[str, str] = {}
    for mention in find_mentions(prompt):
        if mention.name.casefold() not in members:
            unknown.setdefault(mention.name.casefold(), mention.name)
    return list(unknown.values())


def expand_mentions(prompt: str, cast: Iterable[CastMember]) -> str:
    """The prompt sent: each @Name replaced by the member's description (its name if it has none),
    '@@' by '@'; an unknown @Name is left as written (generation refuses it before this matters)."""
    members = _by_name(cast)

    def replace(match: re.Match[str]) -> str:
        if match.group(1) is None:
            return "@"
        member = members.get(match.group(1).casefold())
        if member is None:
            return match.group(0)
        return member.description.strip() or member.name

    return _TOKEN.sub(replace, prompt)


def rename_mentions(prompt: str, old_name: str, new_name: str) -> str:
    """The prompt with every @old_name (any case) written as @new_name; all else unchanged."""
    folded = old_name.casefold()

    def replace(match: re.Match[str]) -> str:
        if match.group(1) is not None and match.group(1).casefold() == folded:
            return f"@{new_name}"
        return match.group(0)

    return _TOKEN.sub(replace, prompt)


def rename_in_prompts(project: Project, old_name: str, new_name: str) -> dict[str, str]:
    """Rewrite @old_name as @new_name in every shot's prompt; shot id → its previous prompt, for undo."""
    check_cast_name(new_name)
    old_prompts: dict[str, str] = {}
    for shot in list(project.shots):
        renamed = rename_mentions(shot.prompt, old_name, new_name)
        if renamed != shot.prompt:
            old_prompts[shot.id] = shot.prompt
            project.update_shot(shot.id, prompt=renamed)
    return old_prompts
