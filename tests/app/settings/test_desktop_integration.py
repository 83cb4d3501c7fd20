"""install-desktop: the .desktop entry, icons and the .reel MIME type land in the XDG folders."""

from __future__ import annotations

import configparser
import xml.etree.ElementTree as ET

from app.paths.resources import resource_path
from app.settings import desktop_integration


def test_install_writes_every_file(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    config = tmp_path / "config"
    config.mkdir()
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    # Another program's associations must survive.
    (config / "mimeapps.list").write_text(
        "[Default Applications]\ntext/html=firefox.desktop\n\n[Added Associations]\n"
        "application/x-storyreel=other.desktop;\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(desktop_integration.shutil, "which", lambda name: None)
    report = desktop_integration.install()
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(tmp_path / "applications" / "storyreel.desktop")
    section = entry["Desktop Entry"]
    assert section["MimeType"].startswith("application/x-storyreel")
    assert section["Exec"].endswith("main.py %f") and section["Icon"] == "storyreel"
    assert (tmp_path / "icons/hicolor/scalable/apps/storyreel.svg").is_file()
    assert (tmp_path / "icons/hicolor/256x256/apps/storyreel.png").is_file()
    mime = ET.parse(tmp_path / "mime/packages/storyreel.xml").getroot()
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    assert mime.find("m:mime-type/m:glob", ns).get("pattern") == "*.reel"
    assert "update-mime-database not found" in report and str(tmp_path) in report
    apps = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    apps.optionxform = str
    apps.read(config / "mimeapps.list")
    assert apps["Default Applications"]["application/x-storyreel"] == "storyreel.desktop"
    assert apps["Default Applications"]["text/html"] == "firefox.desktop"
    assert apps["Added Associations"]["application/x-storyreel"] == "storyreel.desktop;other.desktop;"


def test_installed_script_is_preferred(tmp_path, monkeypatch):
    monkeypatch.setattr(
        desktop_integration.shutil,
        "which",
        lambda name: "/opt/bin/storyreel" if name == "storyreel" else None,
    )
    assert "Exec=/opt/bin/storyreel %f" in desktop_integration.desktop_entry()


def test_resources_exist():
    for name in ("storyreel.desktop", "storyreel-mime.xml", "icons/storyreel.svg", "icons/storyreel-256.png"):
        assert resource_path(*name.split("/")).is_file()
