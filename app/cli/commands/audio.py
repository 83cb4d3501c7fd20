"""`main.py audio add | tts | generate | list | remove`: the film's sound track of music, voice and effect clips."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.command import Command
from app.cli.error_boundary import UsageError, flags_checked
from app.cli.exit_codes import ExitCode

if TYPE_CHECKING:
    from app.settings.sound_settings import SoundSettings


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The add, list and remove actions."""
    from engine.film.sound_mix import KINDS

    actions = p.add_subparsers(dest="audio_command", metavar="ACTION", parser_class=type(p))
    q = actions.add_parser("add", help="copy a sound file into the film and place it on the sound track")
    q.add_argument("project", type=Path, help="the .reel file")
    q.add_argument("file", type=Path, help="WAV, FLAC, MP3, AAC or Opus, shorter than two hours")
    q.add_argument("--kind", choices=KINDS, default="music", help="default music (ducked under voice)")
    q.add_argument("--start", type=float, default=0.0, help="seconds into the film (default 0)")
    q.add_argument("--gain", type=float, default=0.0, help="dB, -60 to 24 (default 0)")
    q = actions.add_parser(
        "tts", help="speak a shot's caption with a text-to-speech model, placed at the caption"
    )
    q.add_argument("project", type=Path, help="the .reel file")
    q.add_argument("--shot", type=int, required=True, help="the shot's position, from 1")
    q.add_argument(
        "--model",
        help="a transformers text-to-speech model: Hub id or local folder (default: the settings' voice_model)",
    )
    q = actions.add_parser("generate", help="make music or an effect from a prompt with Stable Audio Open")
    q.add_argument("project", type=Path, help="the .reel file")
    q.add_argument("prompt", help="what it sounds like, e.g. 'calm piano, soft rain'")
    q.add_argument("--seconds", type=float, default=10.0, help="length, up to 47 (default 10)")
    q.add_argument("--kind", choices=KINDS, default="music", help="default music")
    q.add_argument("--start", type=float, default=0.0, help="seconds into the film (default 0)")
    q.add_argument("--steps", type=int, default=100, help="denoising steps (default 100)")
    q.add_argument(
        "--model",
        help="a Stable Audio diffusers model: Hub id or local folder (default: the settings' sound_model)",
    )
    q = actions.add_parser("list", help="the sound track's clips")
    q.add_argument("project", type=Path, help="the .reel file")
    q.add_argument("--json", action="store_true", help="print the list as JSON")
    q = actions.add_parser("remove", help="take a clip off the sound track")
    q.add_argument("project", type=Path, help="the .reel file")
    q.add_argument("clip", help="the clip's id (see audio list)")


def run(args: argparse.Namespace) -> int:
    """Run an `audio` subcommand."""
    from app.cli.film_editing import edited_film

    if args.audio_command is None:
        raise UsageError("name an action: audio add | tts | generate | list | remove")
    if args.audio_command == "list":
        return _list(args)
    with edited_film(args.project, "audio") as project:
        if args.audio_command == "add":
            from app.project.audio_import import import_audio
            from app.project.sound_track import AudioClip, check_clip

            with flags_checked():
                clip = check_clip(AudioClip(args.kind, start=args.start, gain_db=args.gain))
            clip, facts = import_audio(project, args.file, clip)
            notes = "".join(f" ({note})" for note in facts.notes)
            print(
                f"Added {clip.kind} {clip.id}: {args.file.name}, {facts.duration:.1f} s at {clip.start:g} s{notes}."
            )
        elif args.audio_command == "tts":
            from app.film.voice_over import voice_caption

            if not 1 <= args.shot <= len(project.shots):
                raise UsageError(f"the film has shots 1 to {len(project.shots)}, not {args.shot}")
            spoken = voice_caption(
                project, project.shots[args.shot - 1].id, args.model or _sound_settings().voice_model
            )
            print(f"Added voice {spoken.id} at {spoken.start:g} s: {spoken.text}")
        elif args.audio_command == "generate":
            from app.film.voice_over import generated_clip
            from app.project.sound_track import AudioClip

            made = generated_clip(
                project,
                args.prompt,
                args.seconds,
                AudioClip(args.kind, start=args.start),
                args.model or _sound_settings().sound_model,
                max(1, args.steps),
            )
            print(f"Added {made.kind} {made.id} at {made.start:g} s: {made.text}")
        else:
            try:
                project.remove_audio_clip(args.clip)
            except KeyError:
                raise UsageError(
                    f"the sound track has no clip {args.clip!r} (see: main.py audio list)"
                ) from None
            print(f"Removed clip {args.clip}.")
    return ExitCode.OK


def _sound_settings() -> SoundSettings:
    """The person's sound models (Preferences' "sound" settings; defaults when unset)."""
    from app.settings.sound_settings import load_sound_settings
    from app.settings.user_settings import load_settings

    return load_sound_settings(load_settings())


def _list(args: argparse.Namespace) -> int:
    import dataclasses

    from app.project.reel_file import load_project

    rows = [dataclasses.asdict(clip) for clip in load_project(args.project).audio]
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    for row in rows if not args.json else []:
        print(f"{row['id']}: {row['kind']} at {row['start']:g} s, {row['gain_db']:+g} dB, {row['path']}")
    if not rows and not args.json:
        print(f"No sound track. Add a clip with: main.py audio add {args.project} FILE")
    return ExitCode.OK


COMMAND = Command(
    "audio", "add, list and remove the film's music, voice and effect clips", add_arguments, run
)
