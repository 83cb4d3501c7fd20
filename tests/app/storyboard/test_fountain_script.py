"""Fountain screenplays read into scenes by the fountain.io rules (EN and ZH), shown to the model as
a numbered outline, and captions taken from each scene's dialogue."""

from __future__ import annotations

import json

from app.project.reel_file import new_project_file
from app.storyboard.fountain_script import Scene, Screenplay, captions_from_dialogue, parse_fountain
from app.storyboard.script_input import script_from_text
from app.storyboard.script_to_shots import propose_shots
from engine.writing.hosted_chat import HostedChat

ENGLISH = """Title:
    Sakura Tea
    A Spot
Author: Mia Chen
Draft date: 1 May

# Act one

= Mia's morning ritual.

INT. TEA HOUSE - MORNING #1#

Steam curls above a porcelain cup.
@Mia pours tea. [[Note: one take]]

MIA
(softly)
The first cup
is for luck.

/* Cut:
EXT. ROOF - NIGHT

LEO
Nobody hears this.
*/

CUT TO:

===

.FLASHBACK - THE FIELD

!INT. is how the sign reads.

LEO (V.O.) ^
Every spring, she waited.

[[A note
over two lines]]
> FADE OUT.
"""

CHINESE = """Title: 樱花茶

.茶室 - 清晨

茶杯上升起热气。@美 倒茶。

@美
（轻声）
第一杯，为了好运。

[[备注：一镜到底]]

.花园 - 白天

花瓣飘落。

@阿力
她每年春天都在等。
"""


def test_an_english_screenplay_becomes_its_scenes():
    assert parse_fountain(ENGLISH) == Screenplay(
        "Sakura Tea A Spot",
        [
            Scene(
                "INT. TEA HOUSE - MORNING",
                ["Steam curls above a porcelain cup. @Mia pours tea."],
                [("MIA", "The first cup is for luck.")],
                "CUT TO:",
            ),
            Scene(
                "FLASHBACK - THE FIELD",
                ["INT. is how the sign reads."],
                [("LEO", "Every spring, she waited.")],
                "FADE OUT.",
            ),
        ],
    )


def test_a_chinese_screenplay_becomes_its_scenes():
    assert parse_fountain(CHINESE) == Screenplay(
        "樱花茶",
        [
            Scene("茶室 - 清晨", ["茶杯上升起热气。@美 倒茶。"], [("美", "第一杯，为了好运。")]),
            Scene("花园 - 白天", ["花瓣飘落。"], [("阿力", "她每年春天都在等。")]),
        ],
    )


def test_a_screenplay_is_found_by_its_name_or_its_headings_and_read_into_scenes():
    assert script_from_text(CHINESE, "tea.fountain").screenplay is not None
    script = script_from_text(ENGLISH)
    assert script.form == "fountain" and script.screenplay == parse_fountain(ENGLISH)
    assert script_from_text("A 30-second ad for Sakura tea.").screenplay is None


def test_captions_come_from_the_scenes_dialogue_word_for_word():
    play = parse_fountain(ENGLISH)
    captions = ["MIA: “The first cup is for luck!”", "", "an invented line", "keeps its own"]
    assert captions_from_dialogue(captions, [1, 1, 2, None], play) == [
        "The first cup is for luck.",  # quoted, in the script's words
        "",  # the scene's only line is taken: none is invented
        "Every spring, she waited.",  # not a line of the scene: its next line instead
        "keeps its own",  # no scene named
    ]


def test_the_model_reads_the_outline_and_captions_follow_the_dialogue(tmp_path, chat_server):
    shot = {"prompt": "A porcelain cup, steam rising.", "duration": 3, "camera": "static", "cast": []}
    answer = {
        "shots": [
            {**shot, "title": "Cup", "caption": "", "scene": 1},
            {**shot, "title": "Field", "caption": "Every spring she waited", "scene": 2},
        ]
    }
    server, url = chat_server([json.dumps(answer)])
    project = new_project_file(tmp_path / "film.reel")
    proposal = propose_shots(project, script_from_text(ENGLISH), HostedChat(url))
    assert [(s.scene, s.caption) for s in proposal.shots] == [
        (1, "The first cup is for luck."),
        (2, "Every spring, she waited."),
    ]
    user = server.requests[0]["messages"][1]["content"]
    assert "Scene 1: INT. TEA HOUSE - MORNING" in user and "Dialogue, MIA: The first cup is for luck." in user
    assert "Scene 2: FLASHBACK - THE FIELD" in user and "Transition: CUT TO:" in user
    for hidden in ("Nobody hears this", "one take", "over two lines", "Act one", "#1#"):
        assert hidden not in user  # boneyard, notes, sections and scene numbers stay out
