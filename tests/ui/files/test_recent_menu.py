"""File > Open Recent lists films by their film names from the summary cache, the path as tip."""

from __future__ import annotations

from ui_support import make_window, sample_project

from app.project.reel_file import save_project


def _menu_texts(window) -> list[str]:
    window.recent_menu.aboutToShow.emit()
    return [action.text() for action in window.recent_menu.actions()]


def test_open_recent_names_films_by_their_film_names_with_the_path_as_tip(qtbot, tmp_path):
    market, rain = sample_project(1), sample_project(1)
    market.settings.name, rain.settings.name = "Night Market", "Rain & Neon"
    paths = [save_project(market, tmp_path / "a.reel"), save_project(rain, tmp_path / "b.reel")]
    window = make_window(qtbot)
    for path in paths:
        window.files.open_path(path, ask=False)  # opening keeps the film's summary beside the recent list
    never_opened = save_project(sample_project(1), tmp_path / "c.reel")
    window.settings.add_recent(never_opened)  # no summary yet: its file name, and no film read to find one

    assert _menu_texts(window) == ["c.reel", "Rain && Neon", "Night Market"]
    actions = window.recent_menu.actions()
    assert [a.toolTip() for a in actions] == [str(p.resolve()) for p in (never_opened, *reversed(paths))]
    assert actions[2].statusTip() == str(paths[0].resolve()) and window.recent_menu.toolTipsVisible()

    actions[2].trigger()
    assert window.project.path == paths[0].resolve() and window.project.settings.name == "Night Market"
