"""Mutation fuzzing of what Storyreel reads from outside: project files, .reelstyle presets, endpoint bodies.

Each check_* function runs one case in a temp folder and returns "ok" or "refused" (a clean error);
anything else (another exception, a changed input, a file written where it should not be) raises.
The suite drives these with hypothesis (tests/fuzz/), bench/fuzz_inputs.py with 10,000 seeds.
"""

from __future__ import annotations

import copy
import io
import json
import math
import random
import zipfile
from pathlib import Path
from typing import Any

HOSTILE_STRINGS = [
    "../../outside",
    "/abs/path",
    "C:\\Windows",
    "..",
    ".",
    "",
    "CON",
    "nul.mp4",
    "a/b",
    "x" * 300,
    "é" * 200,
    "\ud800",
    "\x00",
    "s1/../../x.mp4",
    "{prompt}" * 50,
    "灯塔 🌊",
]
HOSTILE_NUMBERS: list[Any] = [
    float("nan"),
    float("inf"),
    -float("inf"),
    1e308,
    -1e308,
    1e6,
    2**64,
    -1,
    0,
    0.5,
    True,
    None,
    [],
    {},
]
# Text spliced into the JSON as written: things json.dumps would never produce.
RAW_SPLICES = [
    "9" * 5000,
    "[" * 1000,
    "{" * 500,
    "Infinity",
    "-Infinity",
    "NaN",
    "1e400",
    '"\\ud800"',
    "\x00",
    "\ufeff",
    "",
]


def base_project() -> dict:
    """A small valid project with two shots, a take, a preset and a pending job."""
    take = {
        "id": "t1",
        "path": "s1/take-001.mp4",
        "seed": 3,
        "width": 64,
        "height": 48,
        "frames": 9,
        "fps": 16,
    }
    return {
        "format_version": 1,
        "settings": {
            "name": "Fuzz",
            "width": 64,
            "height": 48,
            "fps": 16,
            "defaults": {"frames": 9, "steps": 2, "guidance_scale": 4.0, "guidance_scale_2": 3.0},
            "fade_in": 0.5,
            "fade_out": 0.5,
        },
        "shots": [
            {"id": "s1", "prompt": "A lighthouse", "takes": [take], "active_take": "t1", "trim_in": 1},
            {"id": "s2", "prompt": "Gulls", "seed": 7, "transition": "crossfade", "transition_duration": 0.5},
        ],
        "presets": {"Look": {"format_version": 1, "name": "Look"}},
        "pending_jobs": [{"shot": "s2", "seed": 1}],
    }


def _places(doc: Any, trail: tuple = ()) -> list[tuple]:
    """Every path into a JSON tree (keys and indices)."""
    found = [trail]
    if isinstance(doc, dict):
        for key, value in doc.items():
            found += _places(value, (*trail, key))
    elif isinstance(doc, list):
        for index, value in enumerate(doc):
            found += _places(value, (*trail, index))
    return found


def random_value(rng: random.Random) -> Any:
    """A hostile or ordinary JSON value."""
    roll = rng.random()
    if roll < 0.4:
        return rng.choice(HOSTILE_STRINGS)
    if roll < 0.8:
        return copy.deepcopy(rng.choice(HOSTILE_NUMBERS))
    return rng.choice(
        [{"id": "s9", "prompt": "p"}, ["x"] * rng.randint(0, 3), rng.randint(-(10**20), 10**20)]
    )


def set_at(doc: Any, place: tuple, value: Any) -> Any:
    """A copy of doc with value at place (the root when place is empty); a missing key is added."""
    if not place:
        return value
    doc = copy.deepcopy(doc)
    target = doc
    for part in place[:-1]:
        target = target[part]
    target[place[-1]] = value
    return doc


def mutate_doc(doc: Any, rng: random.Random, value: Any = None, use_value: bool = False) -> Any:
    """Replace, delete or add one value somewhere in the tree (value given, or a random one)."""
    places = _places(doc)
    place = rng.choice(places)
    new = value if use_value else random_value(rng)
    if place and rng.random() < 0.2 and isinstance(doc, dict):
        doc = copy.deepcopy(doc)
        target = doc
        for part in place[:-1]:
            target = target[part]
        if isinstance(target, dict):
            del target[place[-1]]
            return doc
    if place and rng.random() < 0.2:  # add a key beside an existing one
        parent = place[:-1]
        sub = doc
        for part in parent:
            sub = sub[part]
        if isinstance(sub, dict):
            return set_at(doc, (*parent, rng.choice(["id", "path", "extra", "takes", "shot"])), new)
    return set_at(doc, place, new)


def render_text(doc: Any, rng: random.Random) -> bytes:
    """doc as file bytes, sometimes with raw text spliced in, cut short, or a byte changed."""
    text = json.dumps(doc, ensure_ascii=rng.random() < 0.5)
    data = text.encode("utf-8", errors="surrogatepass")
    roll = rng.random()
    if roll < 0.25:
        at = rng.randrange(len(data) + 1)
        data = data[:at] + rng.choice(RAW_SPLICES).encode("utf-8", errors="surrogatepass") + data[at:]
    elif roll < 0.35:
        data = data[: rng.randrange(len(data) + 1)]
    elif roll < 0.45 and data:
        at = rng.randrange(len(data))
        data = data[:at] + bytes([rng.randrange(256)]) + data[at + 1 :]
    return data


def _tree(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every file under folder with its size and content (a small folder)."""
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.read_bytes() if p.is_file() else b"")
        for p in sorted(folder.rglob("*"))
    }


def check_project_case(folder: Path, data: bytes) -> str:
    """Open project bytes; a project must then report, plan and save inside its folder."""
    from app.cli.commands.info import project_summary
    from app.generation.take_generation import next_take_path
    from app.project.reel_file import ProjectError, load_project, save_project

    case, outside = folder / "case", folder / "outside"
    case.mkdir()
    outside.mkdir()
    (outside / "take-001.json").write_text("not Storyreel's", encoding="utf-8")
    path = case / "film.reel"
    path.write_bytes(data)
    before_outside = _tree(outside)
    try:
        project = load_project(path)
    except ProjectError as exc:
        assert str(path) in str(exc), f"the message does not name the file: {exc}"
        outcome = "refused"
    else:
        json.dumps(project_summary(project), allow_nan=False)
        media = project.media_dir
        assert media is not None
        for shot in project.shots:
            try:
                clip, _ = next_take_path(project, shot)
            except ValueError:
                continue
            assert clip.is_relative_to(media), f"a take would be written to {clip}"
        again = load_project(save_project(project, case / "copy.reel"))
        assert [s.id for s in again.shots] == [s.id for s in project.shots]
        outcome = "ok"
    assert path.read_bytes() == data, "the input was modified"
    assert _tree(outside) == before_outside, "a file outside the project changed"
    assert sorted(p.name for p in folder.iterdir()) == ["case", "outside"]
    return outcome


def _cube(size: int) -> str:
    rows = [
        f"{r / (size - 1):.4f} {g / (size - 1):.4f} {b / (size - 1):.4f}"
        for b in range(size)
        for g in range(size)
        for r in range(size)
    ]
    return f"LUT_3D_SIZE {size}\n" + "\n".join(rows) + "\n"


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGBA", (8, 4), (255, 255, 255, 200)).save(out, format="PNG")
    return out.getvalue()


def base_preset() -> dict:
    """A valid preset document with a grade and a logo."""
    return {
        "format_version": 1,
        "name": "Fuzzed",
        "prompt_template": "{prompt}, film",
        "grade": {"lut": "look.cube", "strength": 0.8},
        "watermark": {"image": "logo.png", "corner": "top-left", "opacity": 0.9},
        "settings": {"width": 64, "steps": 2},
    }


def style_bytes(doc: Any, members: dict[str, bytes]) -> bytes:
    """A .reelstyle (zip) holding preset.json and the given members."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "preset.json", json.dumps(doc, ensure_ascii=False).encode("utf-8", errors="surrogatepass")
        )
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def base_members() -> dict[str, bytes]:
    """The valid preset's files: a 2³ LUT and a small logo."""
    return {"look.cube": _cube(2).encode(), "logo.png": _png()}


def mutated_style(rng: random.Random, value: Any = None, use_value: bool = False) -> bytes:
    """A .reelstyle with its document, its LUT or its bytes mutated."""
    members = base_members()
    doc: Any = base_preset()
    roll = rng.random()
    if roll < 0.45:
        doc = mutate_doc(doc, rng, value, use_value)
    elif roll < 0.7:
        lut = members["look.cube"].decode()
        splice = rng.choice(
            ["LUT_3D_SIZE 257\n", "LUT_3D_SIZE 4\n", "nan 0 0\n", "0 0\n", "1" * 5000, "# c\n", "\x00"]
        )
        at = rng.randrange(len(lut) + 1)
        members["look.cube"] = (lut[:at] + splice + lut[at:]).encode()
    elif roll < 0.8:
        members[rng.choice(["look.cube", "logo.png"])] = bytes(
            rng.randrange(256) for _ in range(rng.randrange(64))
        )
    data = style_bytes(doc, members)
    if roll >= 0.8:
        data = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        data = bytes(data[: rng.randrange(len(data) // 2, len(data) + 1)])
    return data


def check_preset_case(folder: Path, data: bytes) -> str:
    """Import .reelstyle bytes into the (isolated) library; only the library may change."""
    from app.presets.archive import import_preset
    from app.presets.library import delete_preset, library_dir
    from app.presets.preset import PresetError

    style = folder / "case.reelstyle"
    style.write_bytes(data)
    try:
        preset = import_preset(style, replace=True)
    except PresetError as exc:
        assert "case.reelstyle" in str(exc) or "preset" in str(exc), f"an unclear message: {exc}"
        outcome = "refused"
    else:
        assert (library_dir() / preset.name).is_dir()
        delete_preset(preset.name)
        outcome = "ok"
    assert style.read_bytes() == data, "the input was modified"
    assert [p.name for p in folder.iterdir()] == ["case.reelstyle"]
    leftovers = [p.name for p in library_dir().iterdir()] if library_dir().exists() else []
    assert leftovers == [], f"the library kept {leftovers}"
    return outcome


# An 8×8 grey PNG, base64: the references and keyframes the request fuzzer mutates.
_TINY_PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAAAAADhZOFXAAAAEElEQVR4nGNsYIAAJgaKGAAmCACQXTClHgAAAABJRU5ErkJggg=="
)


def base_request() -> dict:
    """A valid reference-model request body (text, cast references and a keyframe)."""
    return {
        "inputs": "A lighthouse at dawn",
        "parameters": {
            "negative_prompt": ["blurry"],
            "num_frames": 9,
            "num_inference_steps": 2,
            "guidance_scale": 4.0,
            "guidance_scale_2": 3.0,
            "seed": 5,
            "width": 64,
            "height": 48,
            "fps": 16,
            "reference_images": [_TINY_PNG, _TINY_PNG],
            "keyframes": [{"frame": 0, "image": _TINY_PNG}, {"frame": 8, "image": _TINY_PNG}],
            "keyframe_fit": "fill",
        },
    }


def _finite(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(_finite(v) for v in value.values())
    if isinstance(value, list):
        return all(_finite(v) for v in value)
    return True


def check_request_case(body: Any) -> str:
    """Parse one request body; a success holds finite numbers within the project's bounds."""
    from engine.endpoint.protocol import parse_body
    from engine.endpoint.request_limits import EndpointLimits, RequestRejected

    before = copy.deepcopy(body)
    try:
        fields = parse_body(body, EndpointLimits(), 16)
    except RequestRejected as exc:
        assert str(exc), "a refusal without a message"
        outcome = "refused"
    else:
        assert _finite(fields), f"non-finite numbers accepted: {fields}"
        json.dumps(fields, allow_nan=False, default=repr)  # stills as their repr: sizes, not bytes
        assert 0 <= fields["guidance_scale"] <= 50
        assert fields["guidance_scale_2"] is None or 0 <= fields["guidance_scale_2"] <= 50
        outcome = "ok"
    assert json.dumps(body, sort_keys=True, default=repr) == json.dumps(before, sort_keys=True, default=repr)
    return outcome
