"""The film's cast: a member's kinds and reference images, checked before the project takes them."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.project.shot import new_id
from app.project.shot_inputs import ShotImage

CAST_KINDS = ("character", "product", "place", "style")
MAX_CAST_IMAGES = 4


@dataclass
class CastMember:
    """A character, product, place or style that looks the same in every shot that names it (@Name)."""

    name: str  # unique in the film; a prompt names it as @name
    kind: str = "character"  # one of CAST_KINDS
    description: str = ""  # what the prompt sent says in place of @name
    images: list[ShotImage] = field(default_factory=list)  # 1-4 references, in FILM.media/cast/<sha256>.<ext>
    id: str = field(default_factory=new_id)


def check_cast_images(images: object) -> None:
    """TypeError unless a list of ShotImage, ValueError if more than MAX_CAST_IMAGES."""
    if not isinstance(images, list) or not all(isinstance(i, ShotImage) for i in images):
        raise TypeError("a cast member's images are a list of ShotImage")
    if len(images) > MAX_CAST_IMAGES:
        raise ValueError(f"a cast member has at most {MAX_CAST_IMAGES} reference images, not {len(images)}")
