"""Take the screenshots of docs/finishing.md: the title and sound track rows under the timeline.

    QT_QPA_PLATFORM=offscreen python docs/make_finishing_screenshots.py [-o docs]

Works on a copy of the example film in a temp folder (resources/ is never modified): it gets a title
card, a lower third, captions, an end card, a music clip and a voice clip (tones made here), then the
window's timeline panel is grabbed in English and in Chinese (finishing-tracks.png, -zh.png), and the
form that edits the lower third (finishing-title-form.png, -zh.png).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "docs")]
EXAMPLE = ROOT / "resources" / "examples" / "example.reel"


def tone(path: Path, seconds: float, freq: float, wobble: float) -> Path:
    """A stereo tone that swells and fades, so its waveform has a shape."""
    import numpy as np

    from engine.film.sound_mix import write_wav

    t = np.arange(round(seconds * 48000)) / 48000
    level = 0.2 + 0.6 * np.abs(np.sin(np.pi * t * wobble))
    wave = (np.sin(2 * np.pi * freq * t) * level).astype(np.float32)
    return write_wav(path, np.stack([wave, wave]))


def dress(film: Path, work: Path) -> None:
    """Titles, captions and two sound clips on the copy."""
    from app.film.shot_timing import film_seconds
    from app.project.audio_import import import_audio
    from app.project.reel_file import load_project, save_project
    from app.project.sound_track import AudioClip
    from engine.film.title_elements import TitleElement

    project = load_project(film)
    length = film_seconds(project)
    lines = ["The light still turns.", "灯塔的灯还在转。", "Tea by the window.", "Home."]
    for shot, line in zip(project.shots, lines, strict=False):
        project.update_shot(shot.id, caption=line)
    project.set_titles(
        [
            TitleElement(kind="card", text="The Keeper", start=0.0, duration=1.0, background="blur"),
            TitleElement(kind="lower_third", text="Keeper · 守塔人", start=1.3, duration=1.6, motion="slide"),
            TitleElement(
                kind="end_card", text="守望", tagline="The Keeper", start=length - 1.2, duration=1.2
            ),
        ]
    )
    import_audio(project, tone(work / "music.wav", length, 220, 0.3), AudioClip("music"))
    import_audio(project, tone(work / "voice.wav", 1.5, 660, 2.0), AudioClip("voice", start=3.3))
    save_project(project)


def main() -> int:
    """Copy, dress, open, grab."""
    from make_screenshot import install_language, settle

    from ui.shell.app_main import create_application
    from ui.shell.main_window import MainWindow

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        film = work / "example.reel"
        shutil.copy(EXAMPLE, film)
        media = EXAMPLE.with_name(EXAMPLE.stem + ".media")
        if media.is_dir():
            shutil.copytree(media, work / "example.media")
        dress(film, work)
        app = create_application([sys.argv[0]])  # with the bundled CJK font behind the app font
        for language, suffix in (("en", ""), ("zh_CN", "-zh")):
            install_language(app, language)
            window = MainWindow()
            if not window.files.open_path(film, ask=False):
                raise SystemExit(f"{film} did not open")
            window.show()
            window.resize(1440, 900)
            window.zoom_to_fit()
            for _ in range(3):
                settle(app, window)
            window.track_rows.select(("title", 1))  # the lower third, as a click selects it
            window.track_rows.grab()  # the first paint asks for the waveforms, read off the GUI thread
            while window.track_rows.waveforms_pending():
                app.processEvents()
                time.sleep(0.05)
            for _ in range(2):
                settle(app, window)
            window.timeline_panel.grab().save(str(args.output / f"finishing-tracks{suffix}.png"))
            window.finishing.edit_title()
            form = window.finishing.form
            assert form is not None
            for _ in range(2):
                settle(app, window)
            form.grab().save(str(args.output / f"finishing-title-form{suffix}.png"))
            form.reject()
            window.session.undo_stack.setClean()
            window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
