"""Shot lists: .txt and .csv parsing, CJK text, and clear errors."""

from __future__ import annotations

import pytest

from app.project.shot_list import ShotListError, load_shot_list


def test_text_list_skips_comments_and_blank_lines(tmp_path):
    path = tmp_path / "shots.txt"
    path.write_text(
        "# a comment\n\nA cat on a roof\n  \n一只猫在屋顶上\n# another\nКошка на крыше\n", encoding="utf-8"
    )
    shots = load_shot_list(path)
    assert [s.prompt for s in shots] == ["A cat on a roof", "一只猫在屋顶上", "Кошка на крыше"]
    assert all(s.seed is None for s in shots)


def test_csv_with_every_column(tmp_path):
    path = tmp_path / "shots.csv"
    path.write_text(
        "\ufefftitle,prompt,negative_prompt,seed,frames,width,height,steps,guidance_scale,guidance_scale_2\n"
        '开场,"一只猫, 在屋顶上",模糊,42,33,832,480,30,4.5,3\n'
        "Two,Ocean waves,,random,,,,,,\n",
        encoding="utf-8",
    )
    first, second = load_shot_list(path)
    assert (first.title, first.prompt, first.negative_prompt) == ("开场", "一只猫, 在屋顶上", "模糊")
    assert (first.seed, first.frames, first.width, first.height, first.steps) == (42, 33, 832, 480, 30)
    assert (first.guidance_scale, first.guidance_scale_2) == (4.5, 3.0)
    assert second.seed is None and second.frames is None and second.guidance_scale is None


def test_csv_with_only_some_columns_in_any_order(tmp_path):
    path = tmp_path / "shots.csv"
    path.write_text("seed,Prompt\n5,A\n,B\n", encoding="utf-8")
    shots = load_shot_list(path)
    assert [(s.prompt, s.seed) for s in shots] == [("A", 5), ("B", None)]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("s.csv", "title,seed\nA,1\n", "including 'prompt'"),
        ("s.csv", "prompt,colour\nA,red\n", "unknown column(s) colour"),
        ("s.csv", "prompt,seed\nA,abc\n", "line 2: seed must be a whole number"),
        ("s.csv", "prompt,frames\nA,0\n", "frames must be positive"),
        ("s.csv", "prompt,guidance_scale\nA,99\n", "between 0 and 50"),
        ("s.csv", "prompt,seed\n,5\n", "line 2: the prompt is empty"),
        ("s.csv", "prompt\nA,B\n", "more values than columns"),
        ("s.txt", "# only comments\n\n", "no shots found"),
    ],
)
def test_bad_lists_name_file_and_line(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ShotListError) as info:
        load_shot_list(path)
    assert str(path) in str(info.value) and expected in str(info.value)


def test_unreadable_lists(tmp_path):
    with pytest.raises(ShotListError, match="no such file"):
        load_shot_list(tmp_path / "missing.txt")
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("caf\xe9".encode("latin-1"))
    with pytest.raises(ShotListError, match="not UTF-8"):
        load_shot_list(bad)
