"""A brand preset's cast (its products, its mascot) added to a film, their images copied into FILM.media/cast/."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.presets.library import check_cast_image, find_preset
from app.presets.preset import Preset, PresetError, file_sha256
from app.project.cast_images import import_cast_images
from app.project.cast_member import CastMember
from app.project.project import Project
from app.project.shot_images import ShotImageError


@dataclass(frozen=True)
class PresetCast:
    """What applying a preset brings to a film's cast: the new members, and the names the film keeps its own."""

    members: list[CastMember] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # the film has another member of this name


def preset_cast(project: Project, preset: Preset, folder: Path) -> PresetCast:
    """The preset's members as the film's, images copied into FILM.media/cast/ (the project is not changed:
    the caller adds them, through an undo command in the window); a name the film has is left out."""
    members: list[CastMember] = []
    kept: list[str] = []
    for item in preset.cast:
        what = f"preset {preset.name!r}, cast member {item.name!r}"
        sources = [check_cast_image(folder, relative, what) for relative in item.images]
        own = project.cast_member(item.name)
        if own is not None:
            if not _same(
                own, item.kind, item.description, sources
            ):  # the preset's own, applied again: no clash
                kept.append(item.name)
            continue
        try:
            images = import_cast_images(project, sources)
        except ShotImageError as exc:
            raise PresetError(f"{what}: {exc}") from None
        members.append(CastMember(item.name, item.kind, item.description, images))
    return PresetCast(members, kept)


def _same(member: CastMember, kind: str, description: str, sources: list[Path]) -> bool:
    """Whether the film's member is the preset's as it is (same kind, description and images, in order)."""
    return (member.kind, member.description) == (kind, description) and [
        image.sha256 for image in member.images
    ] == [file_sha256(source) for source in sources]


def library_preset_cast(project: Project, name: str) -> PresetCast:
    """preset_cast for a preset of the library."""
    entry = find_preset(name)
    assert entry.preset is not None  # find_preset refuses a damaged one
    return preset_cast(project, entry.preset, entry.folder)


def kept_notice(preset_name: str, kept: list[str]) -> str | None:
    """The one line that says which of a preset's members the film kept its own (None if none)."""
    if not kept:
        return None
    return (
        f"The film already has cast member(s) named {', '.join(kept)}; it keeps its own, "
        f"not preset {preset_name!r}'s."
    )


def add_preset_cast(project: Project, name: str) -> str | None:
    """Add a library preset's cast to the film at once (the command line); returns the notice, if any."""
    cast = library_preset_cast(project, name)
    for member in cast.members:
        project.add_cast_member(member)
    return kept_notice(name, cast.kept)
