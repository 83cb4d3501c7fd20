"""extract_control: each kind equals a direct call of its library on the same frames; the cache and its record."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
import torch
from control_support import make_clip, moving_frames
from PIL import Image

from engine.conditioning import control_extraction
from engine.conditioning.control_extraction import extract_control
from engine.conditioning.control_settings import ControlError, ControlSettings
from engine.conditioning.extractor_models import folder_identity
from engine.conditioning.pose_drawing import BACKGROUND, draw_pose
from engine.model_hub import ModelError
from engine.video.video_io import read_frames


def settings(kind: str, **fields: object) -> ControlSettings:
    """A 32×32, 16 fps, 9-frame shot's control of `kind`."""
    base: dict[str, object] = {"kind": kind, "width": 32, "height": 32, "fps": 16, "frames": 9}
    return ControlSettings(**{**base, **fields})  # type: ignore[arg-type]


def test_video_control_is_the_clips_own_frames(clip: Path, tmp_path: Path) -> None:
    control = extract_control(clip, settings("video"), tmp_path / "control")
    assert np.array_equal(control.load(), read_frames(clip))
    assert control.folder.parent == tmp_path / "control"
    assert [p.name for p in control.paths()][:2] == ["frame_00000.png", "frame_00001.png"]


def test_edges_equal_opencv_canny_on_the_same_frames(clip: Path, tmp_path: Path) -> None:
    control = extract_control(clip, settings("edges", low_threshold=50, high_threshold=120), tmp_path / "c")
    direct = [cv2.Canny(cv2.cvtColor(f, cv2.COLOR_RGB2GRAY), 50, 120) for f in read_frames(clip)]
    got = control.load()
    assert np.array_equal(got[..., 0], np.stack(direct))
    assert got[..., 0].any() and np.array_equal(got[..., 0], got[..., 2])


@pytest.mark.slow
def test_depth_equals_the_transformers_pipeline(clip: Path, tiny_depth: Path, tmp_path: Path) -> None:
    from transformers import pipeline

    control = extract_control(clip, settings("depth", model=str(tiny_depth)), tmp_path / "c")
    pipe = pipeline("depth-estimation", model=str(tiny_depth), device="cpu")
    with torch.inference_mode():
        direct = [np.asarray(pipe(Image.fromarray(f))["depth"]) for f in read_frames(clip)]
    got = control.load()
    assert got.shape == (9, 32, 32, 3)
    assert np.array_equal(got[..., 1], np.stack(direct))
    assert len(np.unique(got)) > 2  # a real depth map, not a flat frame


@pytest.mark.slow
def test_pose_equals_rtdetr_then_vitpose(tiny_pose: Path, tiny_detector: Path, tmp_path: Path) -> None:
    from transformers import AutoImageProcessor, AutoModelForObjectDetection, VitPoseForPoseEstimation

    clip = make_clip(tmp_path / "walk.mp4", moving_frames(5))
    chosen = settings(
        "pose", model=str(tiny_pose), detector=str(tiny_detector), person_threshold=0.0, keypoint_threshold=0.0,
        frames=5,
    )  # fmt: skip
    control = extract_control(clip, chosen, tmp_path / "c")
    detector_processor = AutoImageProcessor.from_pretrained(tiny_detector)
    detector = AutoModelForObjectDetection.from_pretrained(tiny_detector).eval()
    processor = AutoImageProcessor.from_pretrained(tiny_pose)
    model = VitPoseForPoseEstimation.from_pretrained(tiny_pose).eval()
    got = control.load()
    drawn_people = 0
    for frame, extracted in zip(read_frames(clip), got, strict=True):
        image = Image.fromarray(frame)
        with torch.inference_mode():
            found = detector_processor.post_process_object_detection(
                detector(**detector_processor(images=image, return_tensors="pt")),
                target_sizes=torch.tensor([(32, 32)]),
                threshold=0.0,
            )[0]
            boxes = found["boxes"][found["labels"] == 0].numpy()
            people = []
            if len(boxes):
                boxes[:, 2:] -= boxes[:, :2]
                outputs = model(**processor(image, boxes=[boxes], return_tensors="pt"))
                poses = processor.post_process_pose_estimation(outputs, boxes=[boxes])[0]
                people = [(p["keypoints"].numpy(), p["scores"].numpy()) for p in poses]
        drawn_people += len(people)
        assert np.array_equal(extracted, draw_pose(32, 32, people, 0.0))
    assert drawn_people > 0  # the comparison covered drawn skeletons, not only empty frames
    assert (got != np.array(BACKGROUND, dtype=np.uint8)).any()


def test_frames_are_computed_once_and_strength_is_only_recorded(
    clip: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "control"
    first = extract_control(clip, settings("edges", strength=0.5), cache)

    def no_second_extraction(*_: object) -> None:
        raise AssertionError("the cached frames were extracted again")

    monkeypatch.setattr(control_extraction, "load_extractor", no_second_extraction)
    again = extract_control(clip, settings("edges", strength=1.5), cache)
    assert again.folder == first.folder and again.record["strength"] == 1.5
    assert sorted(p.name for p in cache.iterdir()) == [first.folder.name]
    record = first.record
    assert record["kind"] == "edges" and record["strength"] == 0.5 and record["frames"] == 9
    assert record["path"] == str(first.folder)
    assert record["settings"]["low_threshold"] == 100 and "strength" not in record["settings"]
    assert len(record["clip"]["sha256"]) == 64


def test_the_key_follows_the_clip_the_kind_and_the_settings(clip: Path, tmp_path: Path) -> None:
    cache = tmp_path / "control"
    folders = {
        extract_control(clip, settings("edges"), cache).folder,
        extract_control(clip, settings("edges", high_threshold=220), cache).folder,
        extract_control(clip, settings("video"), cache).folder,
        extract_control(
            make_clip(tmp_path / "other.mp4", moving_frames(9, seed=5)), settings("video"), cache
        ).folder,
    }
    assert len(folders) == 4


def test_a_model_is_named_by_its_hub_commit_or_its_files_stamps(tmp_path: Path) -> None:
    commit = "0123456789abcdef0123456789abcdef01234567"
    snapshot = tmp_path / "models--a--b" / "snapshots" / commit
    snapshot.mkdir(parents=True)
    assert folder_identity(snapshot) == commit
    folder = tmp_path / "depth"
    folder.mkdir()
    (folder / "model.safetensors").write_bytes(b"1234")
    before = folder_identity(folder)
    (folder / "model.safetensors").write_bytes(b"12345")
    assert folder_identity(folder) != before


def test_a_damaged_entry_is_extracted_again(clip: Path, tmp_path: Path) -> None:
    first = extract_control(clip, settings("video"), tmp_path / "c")
    (first.folder / "frame_00004.png").unlink()
    again = extract_control(clip, settings("video"), tmp_path / "c")
    assert np.array_equal(again.load(), read_frames(clip))


def test_a_model_folder_without_safetensors_is_refused(clip: Path, tmp_path: Path) -> None:
    folder = tmp_path / "pickled"
    folder.mkdir()
    (folder / "config.json").write_text("{}")
    (folder / "pytorch_model.bin").write_bytes(b"\x80\x04")
    with pytest.raises(ModelError, match="safetensors"):
        extract_control(clip, settings("depth", model=str(folder)), tmp_path / "c")
    with pytest.raises(ModelError, match="does not exist"):
        extract_control(clip, settings("depth", model=str(tmp_path / "nowhere")), tmp_path / "c")
    assert not (tmp_path / "c").exists()


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"kind": "canny"}, "control kind"),
        ({"strength": 3.0}, "strength"),
        ({"length": "bounce"}, "length mode"),
        ({"kind": "pose", "model": "a/b"}, "person detector"),
        ({"kind": "depth"}, "needs a model"),
    ],
)
def test_bad_settings_are_refused_in_words(
    clip: Path, tmp_path: Path, fields: dict[str, object], words: str
) -> None:
    base: dict[str, object] = {"kind": "edges", **fields}
    with pytest.raises(ControlError, match=words):
        extract_control(clip, settings(**base), tmp_path / "c")  # type: ignore[arg-type]


def test_a_detector_without_people_is_refused(tmp_path: Path) -> None:
    from transformers import RTDetrConfig

    from engine.conditioning.pose_frames import person_label

    assert person_label(RTDetrConfig(id2label={0: "cat", 3: "Person"}), tmp_path) == 3
    with pytest.raises(ModelError, match="no 'person' class"):
        person_label(RTDetrConfig(id2label={0: "cat", 1: "dog"}), tmp_path)


def test_a_cache_reached_through_a_link_is_refused(clip: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    media = tmp_path / "FILM.media"
    media.mkdir()
    (media / "control").symlink_to(elsewhere)
    with pytest.raises(ControlError, match="is a link"):
        extract_control(clip, settings("video"), media / "control")
    key = extract_control(clip, settings("video"), tmp_path / "real").folder.name
    (media / "control").unlink()
    (media / "control").mkdir()
    (media / "control" / key).symlink_to(elsewhere)
    with pytest.raises(ControlError, match="is a link"):
        extract_control(clip, settings("video"), media / "control")
    assert list(elsewhere.iterdir()) == []
