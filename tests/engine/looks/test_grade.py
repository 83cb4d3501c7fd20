"""Colour grades: identity, agreement with ffmpeg's lut3d/lut1d (inside PyAV), strength, bad files."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np
import pytest
from looks_support import write_3d

from engine.looks.cube_lut import write_cube
from engine.looks.grade import Grade, LutError, load_grade, read_lut


def write_1d(path: Path, size: int = 32) -> Path:
    ramp = np.linspace(0, 1, size)[:, None]
    write_cube(path, ramp ** np.array([1.8, 1.0, 0.6]))
    return path


def sample_frame() -> np.ndarray:
    """Random pixels plus every grey level and the cube's corners: all the lattice cases."""
    rng = np.random.default_rng(3)
    frame = rng.integers(0, 256, (48, 96, 3), dtype=np.uint8)
    frame[0, : 256 // 3] = np.arange(0, 255, 3)[:, None]
    corners = np.array([[r, g, b] for r in (0, 255) for g in (0, 255) for b in (0, 255)], np.uint8)
    frame[1, : len(corners)] = corners
    return frame


def ffmpeg_filter(frame: np.ndarray, name: str, **options: str) -> np.ndarray:
    """Run one ffmpeg filter over an RGB frame through PyAV's filter graph (ffmpeg's own code)."""
    graph = av.filter.Graph()
    src = graph.add_buffer(width=frame.shape[1], height=frame.shape[0], format="rgb24", time_base=1 / 16)
    node = graph.add(name, **options)
    sink = graph.add("buffersink")
    src.link_to(node)
    node.link_to(sink)
    graph.configure()
    video = av.VideoFrame.from_ndarray(frame, format="rgb24")
    video.pts = 0
    graph.push(video)
    return graph.pull().to_ndarray(format="rgb24")


def psnr(a: np.ndarray, b: np.ndarray) -> float:
    mse = np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2)
    return float("inf") if mse == 0 else 10 * np.log10(255**2 / mse)


def test_identity_lut_leaves_frames_unchanged(tmp_path: Path) -> None:
    frame = sample_frame()
    for size in (2, 17, 33):
        grade = Grade(*read_lut(write_3d(tmp_path / f"id{size}.cube", size, identity=True)))
        assert np.array_equal(grade(frame), frame), size


def test_3d_lut_matches_ffmpeg_lut3d_trilinear(tmp_path: Path) -> None:
    cube = write_3d(tmp_path / "look.cube")
    frame = sample_frame()
    reference = ffmpeg_filter(frame, "lut3d", file=str(cube), interp="trilinear")
    ours = load_grade(cube)(frame)
    assert psnr(ours, frame) < 30  # the grade really changes the picture
    # ffmpeg truncates to 8 bits where we round: at most one level apart, about 51 dB.
    assert psnr(ours, reference) >= 45
    assert np.abs(ours.astype(int) - reference).max() <= 1


def test_1d_lut_matches_ffmpeg_lut1d(tmp_path: Path) -> None:
    cube = write_1d(tmp_path / "curve.cube")
    kind, table, _ = read_lut(cube)
    assert kind == "1d" and table.shape == (32, 3)
    frame = sample_frame()
    reference = ffmpeg_filter(frame, "lut1d", file=str(cube), interp="linear")
    assert psnr(Grade(kind, table, read_lut(cube)[2])(frame), reference) >= 45


def test_strength_blends_with_the_original(tmp_path: Path) -> None:
    cube = write_3d(tmp_path / "look.cube")
    frame = sample_frame()
    full = load_grade(cube, 1.0)(frame).astype(np.float64)
    half = load_grade(cube, 0.5)(frame).astype(np.float64)
    assert np.array_equal(load_grade(cube, 0.0)(frame), frame)
    assert np.abs(half - (frame + full) / 2).max() <= 1.0
    with pytest.raises(ValueError, match="between 0 and 1"):
        load_grade(cube, 1.5)


@pytest.mark.parametrize(
    "content, problem",
    [
        ("", "no LUT_1D_SIZE or LUT_3D_SIZE"),
        ("LUT_3D_SIZE 2\n0 0 0\n1 0 0\n", "needs 8 rows, the file has 2"),
        ("just some text\nnot a lut\n", "no LUT_1D_SIZE"),
        ("LUT_3D_SIZE 2\n" + "nan nan nan\n" * 8, "invalid values"),
        ("LUT_3D_SIZE 2\n" + "0 0\n" * 8, "three numbers"),
        ("LUT_3D_SIZE 2\n" + "0 0 x\n" * 8, "not a number"),
        ("LUT_3D_SIZE 1\n0 0 0\n", "outside 2..256"),
        ("LUT_1D_SIZE 2\nLUT_3D_SIZE 2\n", "exactly one"),
        ("LUT_3D_SIZE two\n", "line 1"),
    ],
)
def test_malformed_lut_files_name_the_file(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "broken.cube"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LutError, match=problem) as caught:
        read_lut(path)
    assert str(path) in str(caught.value)


def test_reader_follows_the_cube_format(tmp_path: Path) -> None:
    """Comments, a title, a domain, and red varying fastest: same result as ffmpeg."""
    path = tmp_path / "domain.cube"
    rows = [f"{r / 2:g} {g / 3:g} {1 - b:g}  # row" for b in (0, 1) for g in (0, 1) for r in (0, 1)]
    path.write_text(
        '# made by hand\nTITLE "x"\nLUT_3D_SIZE 2\nDOMAIN_MIN 0 0 0\nDOMAIN_MAX 1 1 1\n\n'
        + "\n".join(rows)
        + "\n",
        encoding="utf-8",
    )
    kind, table, domain = read_lut(path)
    assert kind == "3d" and domain.tolist() == [[0, 0, 0], [1, 1, 1]]
    assert np.allclose(table[1, 0, 0], [0.5, 0, 1]) and np.allclose(table[0, 1, 1], [0, 1 / 3, 0])
    frame = sample_frame()
    reference = ffmpeg_filter(frame, "lut3d", file=str(path), interp="trilinear")
    assert psnr(Grade(kind, table, domain)(frame), reference) >= 45


def test_missing_lut_file(tmp_path: Path) -> None:
    with pytest.raises(LutError, match="not found"):
        load_grade(tmp_path / "nowhere.cube")
