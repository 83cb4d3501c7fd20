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


def cast_film(tmp_path):
    """A saved film with one cast member, Mei, and 9-frame shots."""
    from app.project.cast_member import CastMember
    from app.project.reel_file import new_project_file, save_project

    project = new_project_file(tmp_path / "film" / "film.reel")
    project.settings.defaults.frames = 9
    project.add_cast_member(CastMember("Mei"))
    save_project(project)
    return project


def test_prompts_name_cast_members_and_unknown_names_are_refused_with_the_line(tmp_path):
    project = cast_film(tmp_path)
    path = tmp_path / "shots.csv"
    path.write_text("prompt\n@mei pours tea\nmail@Lin at @@home\n@Lin waves\n", encoding="utf-8")
    with pytest.raises(
        ShotListError, match=r"shots.csv, line 4: the prompt names @Lin, who is not in"
    ) as info:
        load_shot_list(path, project)
    assert "cast add" in info.value.hint
    path.write_text("prompt\n@mei pours tea\nmail@Lin at @@home\n", encoding="utf-8")
    assert [s.prompt for s in load_shot_list(path, project)] == ["@mei pours tea", "mail@Lin at @@home"]
    text = tmp_path / "shots.txt"
    text.write_text("# cast\n@Mei smiles\n\n@小美 smiles\n", encoding="utf-8")
    with pytest.raises(ShotListError, match=r"shots.txt, line 4: the prompt names @小美"):
        load_shot_list(text, project)


def test_a_keyframes_column_pins_checked_images_at_frames(tmp_path):
    from image_support import bad_images, gradient, png_file

    project = cast_film(tmp_path)
    for name, seed in (("a", 1), ("b", 2), ("c", 3)):
        png_file(tmp_path / f"{name}.png", gradient(16, 16, seed=seed))
    path = tmp_path / "shots.csv"
    path.write_text(
        'prompt,frames,keyframes\n@Mei walks,,"8:c.png; 0:a.png;4:b.png"\nno keys,,\nlong,81,0:a.png;80:c.png\n',
        encoding="utf-8",
    )
    first, plain, long = load_shot_list(path, project)
    assert [(k.frame, k.image.name) for k in first.keyframes] == [(0, "a.png"), (4, "b.png"), (8, "c.png")]
    assert all(k.image.path.startswith("images/") for k in first.keyframes)
    assert plain.keyframes == [] and [k.frame for k in long.keyframes] == [0, 80]
    (tmp_path / "bad.png").write_bytes(bad_images()["animated PNG"][0])
    path.write_text("prompt,frames,keyframes\nshot,11,10:a.png\n", encoding="utf-8")  # 11 frames: made as 9
    with pytest.raises(ShotListError, match="frame 10 is outside the shot's 9 frames"):
        load_shot_list(path, project)
    for cell, phrase in (
        ("9:a.png", "line 2: keyframe frame 9 is outside the shot's 9 frames"),
        ("0:a.png;0:b.png", "line 2: keyframes pin frame 0 twice"),
        ("a.png", "line 2: keyframes are FRAME:IMAGE"),
        ("-1:a.png", "keyframes are FRAME:IMAGE"),
        ("0:../a.png", "line 2: image"),
        ("0:missing.png", "no such file"),
        ("0:bad.png", "animated"),
    ):
        path.write_text(f"prompt,keyframes\nshot,{cell}\n", encoding="utf-8")
        with pytest.raises(ShotListError, match=phrase):
            load_shot_list(path, project)


def test_update_shot_checks_and_sorts_keyframes():
    from app.project.project import Project
    from app.project.shot import Shot
    from app.project.shot_inputs import ShotImage, ShotKeyframe

    project = Project(shots=[Shot(id="s")])
    image = ShotImage(path="images/" + "a" * 64 + ".png", sha256="a" * 64)
    old = project.update_shot("s", keyframes=[ShotKeyframe(40, image), ShotKeyframe(0, image)])
    assert old == {"keyframes": []} and [k.frame for k in project.shot("s").keyframes] == [0, 40]
    with pytest.raises(ValueError, match="two keyframes pin frame 4"):
        project.update_shot("s", keyframes=[ShotKeyframe(4, image), ShotKeyframe(4, image)])
    with pytest.raises(ValueError, match="whole number from 0"):
        project.update_shot("s", keyframes=[ShotKeyframe(-1, image)])
    with pytest.raises(TypeError):
        project.update_shot("s", keyframes=[(0, image)])
    assert [k.frame for k in project.shot("s").keyframes] == [0, 40]
