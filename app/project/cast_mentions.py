"""@Name mentions of cast members in prompts: found, expanded into the prompt sent, renamed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.project.project import CastMember, Project

# "@@" is a literal "@"; otherwise "@" not preceded by a word character, then a name.
_TOKEN = re.compile(r"@@|(?<![\w])@([\w-]+)")


@dataclass(frozen=True)
class Mention:
    """One @Name in a prompt: the name and where the mention starts and ends (the @ included)."""

    name: str
    start: int
    end: int


def find_mentions(prompt: str) -> list[Mention]:
    """Every @Name in the prompt, in order (escaped @@ skipped)."""
    return [Mention(m.group(1), m.start(), m.end()) for m in _TOKEN.finditer(prompt) if m.group(1)]


def mentioned_members(prompt: str, cast: list[CastMember]) -> list[CastMember]:
    """The cast members the prompt names, in the order named, each once."""
    by_name = {m.name.casefold(): m for m in cast}
    found: dict[str, CastMember] = {}
    for mention in find_mentions(prompt):
        member = by_name.get(mention.name.casefold())
        if member is not None:
            found.setdefault(member.id, member)
    return list(found.values())


def unknown_mentions(prompt: str, cast: list[CastMember]) -> list[str]:
    """Names mentioned that no cast member has, in order, each once."""
    known = {m.name.casefold() for m in cast}
    names = [m.name for m in find_mentions(prompt) if m.name.casefold() not in known]
    return list(dict.fromkeys(names))


def expand_mentions(prompt: str, cast: list[CastMember]) -> str:
    """The prompt sent: each @Name replaced by the member's description (or its name), @@ by @."""
    by_name = {m.name.casefold(): m for m in cast}

    def replace(match: re.Match[str]) -> str:
        if match.group(1) is None:
            return "@"
        member = by_name.get(match.group(1).casefold())
        if member is None:
            return match.group(0)
        return member.description.strip() or member.name

    return _TOKEN.sub(replace, prompt)


def rename_in_prompts(project: Project, old_name: str, new_name: str) -> dict[str, str]:
    """Rewrite @old_name as @new_name in every shot's prompt; shot id → old prompt, for undo."""
    folded = old_name.casefold()
    old_prompts: dict[str, str] = {}
    for shot in project.shots:
        parts, last = [], 0
        for mention in find_mentions(shot.prompt):
            if mention.name.casefold() == folded:
                parts += [shot.prompt[last : mention.start], "@" + new_name]
                last = mention.end
        if parts:
            old_prompts[shot.id] = shot.prompt
            project.update_shot(shot.id, prompt="".join(parts) + shot.prompt[last:])
    return old_prompts
