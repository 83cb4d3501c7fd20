"""The CLI with images: demo-model --arch i2v-a14b and vace-a14b, a shot list with image and continue, render, info."""

from __future__ import annotations

import json

import pytest
from image_support import gradient, png_file

from app.cli.main import run_cli
from app.project.reel_file import load_project
from engine.video.video_io import probe


def test_demo_model_writes_the_i2v_a14b_layout(tmp_path, capsys):
    folder = tmp_path / "tiny-i2v"
    assert run_cli(["demo-model", str(folder), "--arch", "i2v-a14b"]) == 0
    index = json.loads((folder / "model_index.json").read_text(encoding="utf-8"))
    assert index["_class_name"] == "WanImageToVideoPipeline" and index["boundary_ratio"] == 0.9
    assert index["image_encoder"] == [None, None] and index["image_processor"] == [None, None]
    config = json.loads((folder / "transformer" / "config.json").read_text(encoding="utf-8"))
    assert (config["in_channels"], config["out_channels"]) == (36, 16)
    assert (folder / "transformer_2" / "config.json").is_file()
    assert "i2v-a14b" in capsys.readouterr().out


def test_demo_model_writes_the_vace_a14b_layout_sharing_the_text_models_files(tmp_path, capsys, tiny_a14b):
    from engine.generation.shared_components import SHARABLE, same_component

    folder = tmp_path / "tiny-vace"
    assert run_cli(["demo-model", str(folder), "--arch", "vace-a14b"]) == 0
    index = json.loads((folder / "model_index.json").read_text(encoding="utf-8"))
    assert index["_class_name"] == "WanVACEPipeline" and index["boundary_ratio"] == 0.875
    for expert in ("transformer", "transformer_2"):
        config = json.loads((folder / expert / "config.json").read_text(encoding="utf-8"))
        assert config["_class_name"] == "WanVACETransformer3DModel"
        assert (config["vace_layers"], config["vace_in_channels"], config["num_layers"]) == ([0, 2], 96, 3)
    # The same text encoder, VAE and tokenizer files as the tiny text model: a loaded one is shared.
    assert all(same_component(tiny_a14b, folder, name) for name in SHARABLE)
    assert "vace-a14b" in capsys.readouterr().out


@pytest.mark.slow
def test_render_a_film_with_a_start_image_and_a_continuing_shot(tmp_path, capsys, tiny_a14b, tiny_i2v):
    png_file(tmp_path / "hanfu.png", gradient(40, 30, 9))
    shots = tmp_path / "shots.csv"
    shots.write_text(
        "prompt,image,continue\nA girl in a red hanfu,,\nShe turns,,true\nClose on her face,hanfu.png,\n",
        encoding="utf-8",
    )
    film = tmp_path / "film.reel"
    args = ["new", str(film), "--shots", str(shots), "--width", "32", "--height", "32", "--frames", "9"]
    args += ["--steps", "2", "--model", str(tiny_a14b), "--image-model", str(tiny_i2v)]
    assert run_cli(args) == 0
    out = tmp_path / "film.mp4"
    assert run_cli(["render", str(film), "-o", str(out), "--device", "cpu", "--json"]) == 0
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    # Grouped by model: the text model's shot first, then the image model's two, in timeline order.
    assert [e["title"] for e in events if e["event"] == "take"] == ["Shot 1", "Shot 2", "Shot 3"]
    project = load_project(film)
    first, second, third = (s.active for s in project.shots)
    assert (first.model, second.model, third.model) == (str(tiny_a14b), str(tiny_i2v), str(tiny_i2v))
    assert second.conditioning["from_take"] == first.id and third.conditioning["kind"] == "file"
    assert probe(out).frame_count == 27  # the three takes, one after the other
    capsys.readouterr()
    assert run_cli(["info", str(film)]) == 0
    info = json.loads(capsys.readouterr().out)
    assert [s["continue_previous"] for s in info["shots"]] == [False, True, False]
    assert info["shots"][2]["start_image"] == project.shots[2].start_image.path
    assert info["settings"]["image_model"] == str(tiny_i2v)
