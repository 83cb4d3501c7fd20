"""Script → proposal → shots: a fixed answer from a real (loopback) chat server becomes the expected
shots, frames and cast mentions; applying some rows is one change that only adds those shots."""

from __future__ import annotations

import json

import pytest

from app.project.cast_member import CastMember
from app.project.project import Project
from app.project.reel_file import new_project_file
from app.project.shot import Shot
from app.storyboard.proposal import SHOTS_SCHEMA, proposal_from_answer
from app.storyboard.proposal_apply import apply_proposal
from app.storyboard.script_input import script_from_text
from app.storyboard.script_to_shots import propose_shots
from engine.writing.chat_json import BadAnswer, parse_answer
from engine.writing.hosted_chat import HostedChat

ANSWER = {
    "shots": [
        {
            "title": "Opening",
            "prompt": "Wide shot, dawn. @mia walks through a tea field, mist drifting.",
            "duration": 5,
            "camera": "slow push in",
            "cast": ["Mia"],
            "caption": "",
        },
        {
            "title": "The cup",
            "prompt": "Close-up of a porcelain cup; @Leo pours tea, steam rising.",
            "duration": 3,
            "camera": "static",
            "cast": ["@Leo", "Teapot"],
            "caption": "Leo: Taste spring.",
        },
        {
            "title": "Logo",
            "prompt": "The tea tin on a wooden table, warm side light.",
            "duration": 2.6,
            "camera": "pan left",
            "cast": ["mia"],
            "caption": "Sakura tea",
        },
    ]
}


def film(tmp_path) -> Project:
    project = new_project_file(tmp_path / "film.reel")
    project.settings.fps = 16
    project.add_cast_member(CastMember("Mia", description="a woman of thirty in a green kimono"))
    project.add_cast_member(CastMember("Teapot", kind="product", description="a red cast-iron teapot"))
    project.add_shot(Shot(id="s1", prompt="first"))
    project.add_shot(Shot(id="s2", prompt="last"))
    return project


def test_golden_a_fixed_answer_becomes_the_expected_shots_frames_and_cast(tmp_path):
    proposal = proposal_from_answer(parse_answer(json.dumps(ANSWER), SHOTS_SCHEMA), film(tmp_path), "en")
    rows = [
        (s.title, s.prompt, s.frames, s.camera, s.cast, s.caption, s.unknown_cast) for s in proposal.shots
    ]
    assert rows == [
        (
            "Opening",
            "Wide shot, dawn. @Mia walks through a tea field, mist drifting.",
            81,  # 5 s × 16 fps = 80 → 4k+1
            "slow push in",
            ["Mia"],
            "",
            [],
        ),
        (
            "The cup",
            # Leo is no cast member: a plain word (an unknown @Name would stop generation); the
            # listed Teapot is named in front, so the reference run gets it.
            "@Teapot: Close-up of a porcelain cup; Leo pours tea, steam rising.",
            49,  # 3 s → 48 → 49
            "static",
            ["Teapot"],
            "Leo: Taste spring.",
            ["Leo"],
        ),
        (
            "Logo",
            "@Mia: The tea tin on a wooden table, warm side light.",
            41,
            "pan left",
            ["Mia"],
            "Sakura tea",
            [],
        ),
    ]
    assert [s.seconds for s in proposal.shots] == [5, 3, 2.6]


def test_the_script_goes_to_the_model_and_its_answer_comes_back_as_a_proposal(tmp_path, chat_server):
    server, url = chat_server([json.dumps(ANSWER)])
    project = film(tmp_path)
    before = [s.id for s in project.shots]
    script = script_from_text("INT. TEA HOUSE - DAY\n\nMIA pours tea.\n\nMIA\nTaste spring.\n")
    proposal = propose_shots(project, script, HostedChat(url))
    assert [s.title for s in proposal.shots] == ["Opening", "The cup", "Logo"] and proposal.language == "en"
    assert [s.id for s in project.shots] == before  # nothing applied silently
    system, user = server.requests[0]["messages"]
    assert "storyboard" in system["content"] and "Fountain" in user["content"]
    assert "a woman of thirty in a green kimono" in user["content"] and "English" in user["content"]


def test_a_chinese_script_asks_for_chinese_prompts_unless_told(tmp_path, chat_server):
    server, url = chat_server([json.dumps(ANSWER)])
    script = script_from_text("清晨，小美在茶园里采茶，阳光洒在茶叶上。")
    assert propose_shots(film(tmp_path), script, HostedChat(url)).language == "zh"
    assert "分镜" in server.requests[0]["messages"][0]["content"]
    assert propose_shots(film(tmp_path), script, HostedChat(url), language="en").language == "en"


def test_a_bad_answer_changes_nothing(tmp_path, chat_server):
    _, url = chat_server([json.dumps({"shots": [{"title": "no prompt"}]})])
    project = film(tmp_path)
    with pytest.raises(BadAnswer):
        propose_shots(project, script_from_text("a brief"), HostedChat(url))
    assert [s.id for s in project.shots] == ["s1", "s2"]


def test_applying_chosen_rows_inserts_only_those_in_order(tmp_path):
    project = film(tmp_path)
    proposal = proposal_from_answer(ANSWER, project, "en")
    events = []
    project.subscribe(lambda event, details: events.append(event))
    added = apply_proposal(project, proposal, [2, 0], at_index=1)
    assert [s.title for s in added] == ["Opening", "Logo"] and [s.frames for s in added] == [81, 41]
    assert [s.caption for s in added] == ["", "Sakura tea"]  # the script's line lands on the shot
    assert [s.id for s in project.shots] == ["s1", added[0].id, added[1].id, "s2"]
    assert events == ["shot_added", "shot_added"]


def test_a_bad_row_changes_nothing(tmp_path):
    project = film(tmp_path)
    with pytest.raises(IndexError):
        apply_proposal(project, proposal_from_answer(ANSWER, project, "en"), [0, 7])
    assert [s.id for s in project.shots] == ["s1", "s2"]
