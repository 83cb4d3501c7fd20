"""Prompt enhancement through a real (loopback) chat server: the right rules per shot, the start image
shown for an image shot, the original kept beside the enhanced prompt, saved and loaded, and undoable."""

from __future__ import annotations

import base64
import json

from image_support import gradient, png_file

from app.project.reel_file import load_project, new_project_file, save_project
from app.project.shot import Shot
from app.project.shot_images import import_image
from app.storyboard.prompt_enhance import apply_enhancements, enhance_prompts, restore_original
from engine.writing.hosted_chat import HostedChat

RICH = "Medium shot, soft morning light. A grey cat walks slowly along a stone wall, its tail swaying."


def test_enhanced_prompts_keep_the_original_and_survive_a_save(tmp_path, chat_server):
    server, url = chat_server([json.dumps({"prompt": RICH})])
    project = new_project_file(tmp_path / "film.reel")
    project.add_shot(Shot(id="a", prompt="a cat on a wall"))
    project.add_shot(Shot(id="b", prompt=""))
    results = enhance_prompts(project, ["a", "b"], HostedChat(url))
    assert [(r.shot_id, r.original, r.enhanced, r.with_image) for r in results] == [
        ("a", "a cat on a wall", RICH, False)
    ]
    assert project.shot("a").prompt == "a cat on a wall"  # the person picks before anything changes
    assert "Wan 2.2" in server.requests[0]["messages"][0]["content"]
    old = apply_enhancements(project, results)
    assert old == {"a": {"prompt": "a cat on a wall", "prompt_original": None}}
    save_project(project)
    again = load_project(tmp_path / "film.reel").shot("a")
    assert (again.prompt, again.prompt_original) == (RICH, "a cat on a wall")
    # Enhancing again keeps the prompt as first written; restoring puts it back.
    apply_enhancements(project, results)
    assert project.shot("a").prompt_original == "a cat on a wall"
    restore_original(project, "a")
    assert (project.shot("a").prompt, project.shot("a").prompt_original) == ("a cat on a wall", None)


def test_an_image_shot_shows_its_start_image_with_the_image_rules(tmp_path, chat_server):
    server, url = chat_server([json.dumps({"prompt": "她转身走向茶园。"})])
    project = new_project_file(tmp_path / "film.reel")
    image = import_image(project, png_file(tmp_path / "start.png", gradient(16, 16)))
    project.add_shot(Shot(id="a", prompt="她走开", start_image=image))
    [result] = enhance_prompts(project, ["a"], HostedChat(url))
    assert result.with_image and result.enhanced == "她转身走向茶园。"
    system, user = server.requests[0]["messages"]
    assert "首帧" in system["content"]  # the Chinese image-to-video rules, as the prompt is Chinese
    picture, text = user["content"]
    url_data = picture["image_url"]["url"]
    assert url_data.startswith("data:image/png;base64,")
    assert base64.b64decode(url_data.split(",", 1)[1]) == (tmp_path / "start.png").read_bytes()
    assert "她走开" in text["text"]
