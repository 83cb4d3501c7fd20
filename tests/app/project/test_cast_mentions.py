"""@Name mentions: parsing (Chinese names, names inside words, escapes, punctuation), lookup without case,
the prompt sent, and renaming in every prompt with the old prompts for undo."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.project.cast_member import CastMember
from app.project.cast_mentions import (
    Mention,
    check_cast_name,
    expand_mentions,
    find_mentions,
    mentioned_members,
    rename_in_prompts,
    unknown_mentions,
)
from app.project.project import Project
from app.project.shot import Shot

MEI = CastMember(name="Mei", description="a young woman in a red hanfu", id="m1")
POT = CastMember(name="Teapot", kind="product", description="", id="m2")
XIAOMEI = CastMember(name="小美", description="穿红色汉服的女孩", id="m3")
CAST = [MEI, POT, XIAOMEI]


def test_two_members_are_found_in_order_and_each_once():
    prompt = "@Teapot on the table, @Mei pours from @teapot"
    assert find_mentions(prompt) == [
        Mention("Teapot", 0, 7),
        Mention("Mei", 22, 26),
        Mention("teapot", 38, 45),
    ]
    assert [m.id for m in mentioned_members(prompt, CAST)] == ["m2", "m1"]
    assert expand_mentions(prompt, CAST) == (
        "Teapot on the table, a young woman in a red hanfu pours from Teapot"
    )


def test_a_chinese_name_is_a_mention():
    prompt = "@小美在竹林里, 慢镜头"
    assert [m.name for m in find_mentions(prompt)] == ["小美在竹林里"]  # no space: the name runs on
    assert unknown_mentions(prompt, CAST) == ["小美在竹林里"]
    prompt = "@小美 在竹林里"
    assert mentioned_members(prompt, CAST) == [XIAOMEI]
    assert expand_mentions(prompt, CAST) == "穿红色汉服的女孩 在竹林里"


def test_a_name_inside_a_word_is_not_a_mention():
    assert find_mentions("write to mail@Mei or x_@Mei or 3@Mei") == []
    assert expand_mentions("mail@Mei", CAST) == "mail@Mei"


def test_an_escaped_at_is_a_literal_at():
    assert find_mentions("price @@Mei and @@ 5") == []
    assert expand_mentions("price @@Mei and @@ 5, @Mei", CAST) == (
        "price @Mei and @ 5, a young woman in a red hanfu"
    )


@pytest.mark.parametrize("after", [",", ".", "!", ")", "'s", "- and", "—", "，"])
def test_a_name_followed_by_punctuation(after):
    prompt = f"(@Mei{after} walks"
    assert [m.name for m in find_mentions(prompt)] == ["Mei"]
    assert expand_mentions(prompt, CAST) == f"(a young woman in a red hanfu{after} walks"


def test_lookup_ignores_case_and_unknown_names_are_listed_once_as_written():
    assert mentioned_members("@MEI and @mei", CAST) == [MEI]
    assert unknown_mentions("@Lin meets @Mei and @LIN and @Bo-2", CAST) == ["Lin", "Bo-2"]
    assert expand_mentions("@Lin waves", CAST) == "@Lin waves"


@pytest.mark.parametrize("name", ["Mei", "小美", "Bo-2", "_x", "a" * 64, "Zoë"])
def test_names_a_prompt_can_write(name):
    assert check_cast_name(name) == name
    assert [m.name for m in find_mentions(f"@{name}, hi")] == [name]


@pytest.mark.parametrize("name", ["", "Mei Lin", "-Mei", "Mei-", "@Mei", "a" * 65, "Mei,", "a/b"])
def test_names_a_prompt_cannot_write_are_refused(name):
    with pytest.raises(ValueError, match="letters"):
        check_cast_name(name)


def test_rename_updates_every_prompt_and_returns_the_old_ones():
    project = Project(
        shots=[
            Shot(id="a", prompt="@Mei pours tea, @mei smiles"),
            Shot(id="b", prompt="mail@Mei and @@Mei and @Meiling"),
            Shot(id="c", prompt="@Teapot, then @MEI."),
        ],
        cast=[CastMember(name="Mei", id="m1"), CastMember(name="Teapot", id="m2")],
    )
    events = []
    project.subscribe(lambda event, details: events.append((event, details["shot_id"])))
    old = rename_in_prompts(project, "Mei", "小美")
    assert old == {"a": "@Mei pours tea, @mei smiles", "c": "@Teapot, then @MEI."}
    assert [s.prompt for s in project.shots] == [
        "@小美 pours tea, @小美 smiles",
        "mail@Mei and @@Mei and @Meiling",
        "@Teapot, then @小美.",
    ]
    assert events == [("shot_changed", "a"), ("shot_changed", "c")]
    for shot_id, prompt in old.items():  # what an undo does
        project.update_shot(shot_id, prompt=prompt)
    assert project.shot("a").prompt == "@Mei pours tea, @mei smiles"
    with pytest.raises(ValueError):
        rename_in_prompts(project, "Mei", "Mei Lin")
    assert project.shot("a").prompt == "@Mei pours tea, @mei smiles"


@given(st.text(alphabet=st.sampled_from("@@@aé小_- ,.\n1")))
def test_any_text_only_loses_its_escapes_and_keeps_unknown_names(text):
    assert expand_mentions(text, []) == text.replace("@@", "@")
    for mention in find_mentions(text):
        assert text[mention.start] == "@" and text[mention.start + 1 : mention.end] == mention.name
        check_cast_name(mention.name)  # whatever is found is a name a member can have
