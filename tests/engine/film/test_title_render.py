"""The title renderer: each kind, fades and slides, wrapping, Chinese glyphs, hostile captions, fonts."""

from __future__ import annotations

import os

import numpy as np
import pytest

from engine.film.font_file import DEFAULT_FONT, FontError, check_font_file, load_font, shaping_engine
from engine.film.title_elements import TitleElement, check_element
from engine.film.title_render import render_titles, wrap_text

GREY = np.full((48, 64, 3), 90, np.uint8)


@pytest.mark.parametrize("kind", ["card", "lower_third", "end_card", "caption"])
def test_each_kind_draws_only_while_it_shows(kind):
    element = check_element(
        TitleElement(kind=kind, text="Hello 你好", tagline="t", url="x.cn", start=1, duration=2)
    )
    assert render_titles(GREY, [element], 0.5) is GREY
    assert render_titles(GREY, [element], 3.0) is GREY
    drawn = render_titles(GREY, [element], 2.0)
    assert drawn.shape == GREY.shape and drawn.dtype == np.uint8
    assert (drawn != GREY).any(axis=2).mean() > 0.01


def test_a_fade_is_part_way_and_a_slide_moves():
    card = TitleElement(
        kind="card", text="", start=0, duration=2, transition_in=1.0, background_color="#ffffff"
    )
    half = render_titles(GREY, [card], 0.5)
    assert abs(int(half[0, 0, 0]) - (90 + 255) // 2) <= 1  # half way from the film to white
    slide = TitleElement(**{**card.__dict__, "motion": "slide"})
    moved = render_titles(GREY, [slide], 0.5)
    assert (moved[:20] == 90).all() and (moved[-20:] == 255).all()  # the top half still shows the film


def test_chinese_draws_real_glyphs_not_boxes():
    font = load_font(None, 40)
    masks = [np.asarray(font.getmask(char)) for char in "你好永"]
    assert all(mask.any() for mask in masks)
    assert not np.array_equal(masks[0], masks[1]) and not np.array_equal(masks[1], masks[2])
    assert shaping_engine() in ("raqm", "basic")


def test_long_captions_wrap_and_stop_at_the_frame():
    font = load_font(None, 12)
    lines = wrap_text("字" * 2000, font, 100, 3)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert all(font.getlength(line) <= 100 for line in lines)
    assert wrap_text("one two three", font, 1000, 2) == ["one two three"]
    assert wrap_text("a\nb", font, 1000, 3) == ["a", "b"]


@pytest.mark.parametrize(
    "text", ["Launch day 🚀🎬 ✨", "مرحبا بالعالم", "שלום עולם", "x" * 2000, "字" * 2000, "👍" * 2000]
)
def test_hostile_captions_draw_within_the_frame(text):
    element = check_element(TitleElement(kind="caption", text=text))
    drawn = render_titles(np.zeros((90, 160, 3), np.uint8), [element], 1.0)
    assert drawn.shape == (90, 160, 3)


def test_elements_are_checked():
    with pytest.raises(ValueError, match="2,000"):
        check_element(TitleElement(text="x" * 2001))
    with pytest.raises(ValueError, match="kind"):
        check_element(TitleElement(kind="scroll"))
    with pytest.raises(ValueError, match="colour"):
        check_element(TitleElement(color="red"))
    with pytest.raises(ValueError, match="duration"):
        check_element(TitleElement(duration=0))
    with pytest.raises(ValueError, match="image"):
        check_element(TitleElement(background="image"))


def test_fonts_are_checked_before_use(tmp_path):
    assert check_font_file(DEFAULT_FONT) == DEFAULT_FONT
    fake = tmp_path / "brand.ttf"
    fake.write_bytes(b"<html>not a font</html>")
    with pytest.raises(FontError, match="not a TrueType or OpenType font"):
        check_font_file(fake)
    damaged = tmp_path / "damaged.otf"
    damaged.write_bytes(b"OTTO" + b"\x00" * 100)
    with pytest.raises(FontError, match="FreeType"):
        check_font_file(damaged)
    huge = tmp_path / "huge.ttf"
    with huge.open("wb") as handle:  # sparse: 200 MB on paper, refused from its size before a byte is read
        handle.truncate(200 * 1024 * 1024)
    with pytest.raises(FontError, match="200 MB"):
        check_font_file(huge)
    with pytest.raises(FontError, match="cannot be read"):
        check_font_file(tmp_path / "missing.ttf")
    assert os.path.getsize(huge) == 200 * 1024 * 1024
