"""What the keyframe strip adds to painting a timeline card: ms per card with 0 and with 3 pinned frames.

    QT_QPA_PLATFORM=offscreen python bench/keyframe_strip.py [--cards 2000]

Paints every card of an N-shot film with the timeline's own delegate into an image, the thumbnails
already cached (as on screen after the first paint), once with no keyframes and once with three per
shot; prints the median of five passes each and their ratio.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=2000)
    args = parser.parse_args()
    from PIL import Image
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

    from app.project.project import Project
    from app.project.project_settings import ProjectSettings
    from app.project.reel_file import save_project
    from app.project.shot import Shot
    from app.project.shot_images import import_image
    from app.project.shot_inputs import ShotKeyframe
    from ui.timeline.shot_card_delegate import CARD_HEIGHT, ShotCardDelegate
    from ui.timeline.timeline_model import TimelineModel
    from ui.widgets.thumbnails import ThumbnailCache

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        project = Project(
            ProjectSettings(name="Bench"), [Shot(prompt=f"shot {i}") for i in range(args.cards)]
        )
        save_project(project, Path(tmp) / "bench.reel")
        images = []
        for n in range(3):
            Image.new("RGB", (320, 180), (80 * n, 40, 200)).save(Path(tmp) / f"{n}.png")
            images.append(import_image(project, Path(tmp) / f"{n}.png"))
        cache = ThumbnailCache()
        for image in images:
            cache.still(project, image)
        cache.wait()
        app.processEvents()
        model = TimelineModel(project)
        delegate = ShotCardDelegate(cache)
        canvas = QImage(240, CARD_HEIGHT, QImage.Format.Format_RGB32)
        option = QStyleOptionViewItem()
        option.rect = QRect(0, 0, 240, CARD_HEIGHT)

        def paint_all() -> float:
            start = time.perf_counter()
            painter = QPainter(canvas)
            for row in range(model.rowCount()):
                delegate.paint(painter, option, model.index(row))
            painter.end()
            return (time.perf_counter() - start) * 1000 / model.rowCount()

        bare = statistics.median(paint_all() for _ in range(5))
        frames = project.settings.defaults.frames
        for shot in project.shots:
            shot.keyframes = [
                ShotKeyframe(f, image) for f, image in zip((0, frames // 2, frames - 1), images, strict=True)
            ]
        pinned = statistics.median(paint_all() for _ in range(5))
        cache.shutdown()
    print(
        f"{args.cards} cards: {bare:.3f} ms per card bare, {pinned:.3f} ms with 3 keyframes, ratio {pinned / bare:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
