"""The title track's elements: title cards, lower thirds, end cards and captions, with their timing."""

from __future__ import annotations

from dataclasses import dataclass

from engine.values import is_json_number

KINDS = ("card", "lower_third", "end_card", "caption")
MOTIONS = ("fade", "slide")
ALIGNS = ("left", "center", "right")
BACKGROUNDS = ("color", "blur", "image")  # a card's backdrop: a colour, the film blurred, or an image
MAX_TEXT = 2000  # characters of one element's text; a caption longer than this is a paragraph
MAX_SECONDS = 24 * 3600.0


@dataclass
class TitleElement:
    """Words on screen from start for duration seconds of film time, faded or slid in and out."""

    kind: str = "card"
    text: str = ""
    start: float = 0.0
    duration: float = 3.0
    transition_in: float = 0.5  # seconds of fade or slide at the head
    transition_out: float = 0.5
    motion: str = "fade"
    align: str = "center"
    color: str = "#ffffff"
    background: str = "color"  # only for cards: lower thirds and captions sit over the film
    background_color: str = "#000000"
    image: str | None = None  # a card's backdrop image, an absolute path resolved by the project
    tagline: str = ""  # the end card's line under the logo
    url: str = ""

    @property
    def end(self) -> float:
        """Film time the element leaves the screen."""
        return self.start + self.duration

    def shows_at(self, t: float) -> bool:
        """Whether the element is on screen at film time t."""
        return self.start <= t < self.end

    def presence(self, t: float) -> float:
        """0 off screen, 1 fully in: how far its fade or slide has come at film time t."""
        if not self.shows_at(t):
            return 0.0
        head = (t - self.start) / self.transition_in if self.transition_in > 0 else 1.0
        tail = (self.end - t) / self.transition_out if self.transition_out > 0 else 1.0
        return max(0.0, min(1.0, head, tail))


def _check_color(value: object, name: str) -> None:
    text = value if isinstance(value, str) else ""
    if len(text) != 7 or text[0] != "#" or any(c not in "0123456789abcdefABCDEF" for c in text[1:]):
        raise ValueError(f"{name} must be a colour such as #ffffff, got {value!r}")


def check_element(element: TitleElement) -> TitleElement:
    """The element itself, or ValueError saying which field is wrong and how."""
    if element.kind not in KINDS:
        raise ValueError(f"a title's kind is one of {', '.join(KINDS)}, not {element.kind!r}")
    for name in ("text", "tagline", "url"):
        value = getattr(element, name)
        if not isinstance(value, str):
            raise ValueError(f"a title's {name} must be text")
        if len(value) > MAX_TEXT:
            raise ValueError(f"a title's {name} has {len(value):,} characters; the most is {MAX_TEXT:,}")
        if "\x00" in value:
            raise ValueError(f"a title's {name} holds a NUL character")
    for name in ("start", "duration", "transition_in", "transition_out"):
        value = getattr(element, name)
        if not is_json_number(value) or not 0 <= value <= MAX_SECONDS:
            raise ValueError(f"a title's {name} must be seconds from 0 to {MAX_SECONDS:.0f}, got {value!r}")
    if element.duration <= 0:
        raise ValueError("a title's duration must be more than 0 seconds")
    if element.motion not in MOTIONS:
        raise ValueError(f"a title's motion is one of {', '.join(MOTIONS)}, not {element.motion!r}")
    if element.align not in ALIGNS:
        raise ValueError(f"a title's alignment is one of {', '.join(ALIGNS)}, not {element.align!r}")
    if element.background not in BACKGROUNDS:
        raise ValueError(
            f"a card's background is one of {', '.join(BACKGROUNDS)}, not {element.background!r}"
        )
    if element.background == "image" and not element.image:
        raise ValueError("a card with an image background needs an image")
    _check_color(element.color, "a title's colour")
    _check_color(element.background_color, "a card's background colour")
    return element
