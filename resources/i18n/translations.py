"""`make translations`: pyside6-lupdate over ui/ into the .ts sources, pyside6-lrelease into the .qm files.

Run again after any change: it is idempotent (no line numbers are stored, removed strings are dropped),
so the .ts changes only when a string in ui/ does. tests/ui/i18n/test_translations.py checks both steps.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "resources" / "i18n"
CATALOGUE = "storyreel"
LANGUAGES = ("zh_CN",)  # one .ts/.qm pair each; a new language is added here (docs/i18n.md)


def tool(name: str) -> str:
    """A Qt tool shipped with PySide6: beside this Python first (the venv), else on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: it ships with PySide6 (pip install PySide6)")
    return found


def sources(root: Path = ROOT) -> list[str]:
    """Every Python file under ui/, in a stable order (paths relative to root)."""
    return sorted(str(p.relative_to(root)) for p in (root / "ui").rglob("*.py"))


def ts_path(language: str) -> Path:
    return FOLDER / f"{CATALOGUE}_{language}.ts"


def qm_path(language: str) -> Path:
    return FOLDER / f"{CATALOGUE}_{language}.qm"


def lupdate(ts: Path, language: str, root: Path = ROOT) -> None:
    """Add ui/'s new strings to ts (translations kept; strings gone from ui/ dropped)."""
    command = [tool("pyside6-lupdate"), *sources(root), "-locations", "none", "-no-obsolete"]
    command += ["-source-language", "en", "-target-language", language, "-silent", "-ts", str(ts)]
    subprocess.run(command, cwd=root, check=True)


def lrelease(ts: Path, qm: Path) -> None:
    """Compile ts into qm (untranslated strings are left out: they show in English)."""
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def messages(ts: Path) -> dict[tuple[str, str], str | None]:
    """(context, source) -> translation (None while unfinished) of every message in a .ts file."""
    found: dict[tuple[str, str], str | None] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            done = translation is not None and translation.get("type") not in ("unfinished", "vanished")
            text = translation.text if translation is not None else None
            found[(name, message.findtext("source") or "")] = text if done and text else None
    return found


def main() -> None:
    for language in LANGUAGES:
        lupdate(ts_path(language), language)
        lrelease(ts_path(language), qm_path(language))
        todo = [key for key, text in messages(ts_path(language)).items() if text is None]
        print(f"{ts_path(language).name}: {len(todo)} string(s) still to translate")
        for context, source in todo:
            print(f"  [{context}] {source!r}")


if __name__ == "__main__":
    main()
