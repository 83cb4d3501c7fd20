"""A shot's given frames as the reference (VACE) model takes them, and the take made from what it gives back:
control frames to follow, known frames to keep (extend, context), a take to repaint under a mask.

Pure and Qt-free, so a test can build the same direct `WanVACEPipeline` call as the reference run.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from engine.conditioning.control_cache import frame_name
from engine.conditioning.control_settings import MAX_STRENGTH, ControlError
from engine.conditioning.keyframes import GENERATED, GREY, KNOWN
from engine.generation.request import CONTROL_MODES, ControlConditioning
from engine.generation.still_image import fit_still, png_bytes, read_still

if TYPE_CHECKING:
    import numpy as np
    from PIL import Image

MIN_CONTEXT = 8  # known frames an extension or a segment continues from: enough to carry direction and speed


def given_pngs(control: ControlConditioning) -> tuple[bytes, ...]:
    """The given frames as PNG bytes: as carried, a folder's frame_00000.png… read in order, or a clip's
    last MIN_CONTEXT frames (a continued shot's previous take, read when the job runs)."""
    if not isinstance(control.frames, Path):
        return control.frames
    if control.frames.is_file():
        return _clip_tail(control.frames)
    pngs: list[bytes] = []
    while (path := _frame_file(control.frames, len(pngs))) is not None:
        pngs.append(path.read_bytes())
    return tuple(pngs)


def _clip_tail(clip: Path) -> tuple[bytes, ...]:
    from PIL import Image

    from engine.generation.image_to_video import ImageModelError
    from engine.video.video_io import VideoError, probe, read_frames

    try:
        count = probe(clip).frame_count
        frames = read_frames(clip, max(0, count - MIN_CONTEXT), count)
    except VideoError as exc:
        raise ImageModelError(f"The frames to continue from, in {clip.name}, cannot be read: {exc}") from None
    return tuple(png_bytes(Image.fromarray(frame)) for frame in frames)


def _frame_file(folder: Path, index: int) -> Path | None:
    path = folder / frame_name(index)
    return path if path.is_file() and not path.is_symlink() else None


def control_slice(control: ControlConditioning, start: int, count: int) -> ControlConditioning:
    """A segment's part of a control: its frames start…start+count-1 (a short control holds its last
    frame), read from the folder only as far as they are needed."""
    if isinstance(control.frames, Path):
        folder, index = control.frames, start
        pngs: list[bytes] = []
        while len(pngs) < count and (path := _frame_file(folder, index)) is not None:
            pngs.append(path.read_bytes())
            index += 1
        if not pngs:  # the clip ended before the segment starts: it holds its last frame
            last = 0
            while _frame_file(folder, last) is not None:
                last += 1
            pngs = [(folder / frame_name(last - 1)).read_bytes()] if last else []
    else:
        pngs = list(control.frames[start : start + count] or control.frames[-1:])
    if not pngs:
        raise ControlError("The control has no frames.")
    return dataclasses.replace(control, frames=tuple(pngs + pngs[-1:] * (count - len(pngs))))


def given_stills(control: ControlConditioning) -> list[Image.Image]:
    """The given frames decoded to RGB: PNG bytes, or a folder's frame_00000.png… in order."""
    return [read_still(data, f"given frame {i}")[0] for i, data in enumerate(given_pngs(control))]


def _mask_stills(control: ControlConditioning, count: int, width: int, height: int) -> list[Image.Image]:
    masks = []
    for index, data in enumerate(control.masks):
        image = read_still(data, f"mask {index}")[0]
        if image.size != (width, height):
            raise ControlError(
                f"Mask {index} is {image.width}×{image.height}, not the take's {width}×{height}."
            )
        masks.append(image.convert("L"))
    if len(masks) == 1:
        return masks * count
    if len(masks) != count:
        raise ControlError(f"A repaint takes one mask or one per frame ({count}), not {len(masks)}.")
    return masks


def check_control(control: ControlConditioning, num_frames: int) -> None:
    """Raise ControlError on given frames that cannot fit the shot."""
    if control.mode not in CONTROL_MODES:
        raise ControlError(f"The control mode {control.mode!r} is not one of {', '.join(CONTROL_MODES)}.")
    if not 0.0 <= control.strength <= MAX_STRENGTH:
        raise ControlError(f"The control strength {control.strength} is not between 0 and {MAX_STRENGTH}.")
    if control.mode == "known" and not 0 <= control.offset < num_frames:
        raise ControlError(f"Known frames from frame {control.offset} fall outside the shot's {num_frames}.")
    if control.mode == "repaint" and not control.masks:
        raise ControlError("A repaint needs a mask.")


def control_video(
    control: ControlConditioning, num_frames: int, width: int, height: int
) -> tuple[list[Image.Image], list[Image.Image]]:
    """The pipeline's `video` and `mask` (white where the model makes pixels) for the given frames."""
    from PIL import Image

    check_control(control, num_frames)
    stills = given_stills(control)
    if isinstance(control.frames, Path) and control.frames.is_file():  # a take of another size: filled
        stills = [fit_still(image, width, height, "fill") for image in stills]
    for index, image in enumerate(stills):
        if image.size != (width, height):
            raise ControlError(
                f"Given frame {index} is {image.width}×{image.height}, not the shot's {width}×{height}."
            )
    grey = Image.new("RGB", (width, height), GREY)
    made = Image.new("L", (width, height), GENERATED)
    if control.mode == "known":
        video, mask = [grey] * num_frames, [made] * num_frames
        known = Image.new("L", (width, height), KNOWN)
        for index, image in enumerate(stills[: num_frames - control.offset]):
            video[control.offset + index], mask[control.offset + index] = image, known
        return video, mask
    # control and repaint: one given frame per shot frame (a short control holds its last frame).
    if not stills:
        raise ControlError("The control has no frames.")
    video = [stills[min(index, len(stills) - 1)] for index in range(num_frames)]
    if control.mode == "control":
        mask = [made] * num_frames
        known = Image.new("L", (width, height), KNOWN)
        for index, data in enumerate(control.context[:num_frames]):  # a later segment's frames to go on from
            image = read_still(data, f"context frame {index}")[0]
            if image.size != (width, height):
                raise ControlError(
                    f"Context frame {index} is {image.width}×{image.height}, not {width}×{height}."
                )
            video[index], mask[index] = image, known
        return video, mask
    return video, _mask_stills(control, num_frames, width, height)


def keep_outside_mask(frames: np.ndarray, video: list[Image.Image], mask: list[Image.Image]) -> np.ndarray:
    """Made frames with the given ones put back where the mask is black (a soft edge blends linearly)."""
    import numpy as np

    given = np.stack([np.asarray(image, dtype=np.float32) for image in video[: len(frames)]])
    weight = np.stack([np.asarray(m, dtype=np.float32) / 255.0 for m in mask[: len(frames)]])[..., None]
    out = np.rint(frames.astype(np.float32) * weight + given * (1.0 - weight))
    result: np.ndarray = out.astype(np.uint8)
    return result


def joined_take(made: np.ndarray, control: ControlConditioning, context: int) -> np.ndarray:
    """An extended take: the extended clip's frames and the new ones (the context frames not repeated)."""
    import numpy as np

    from engine.video.video_io import read_frames

    if control.extends is None:
        return made
    old = read_frames(control.extends, 0, None)
    if control.before:
        return np.concatenate([made[: len(made) - context], old])
    return np.concatenate([old, made[context:]])
