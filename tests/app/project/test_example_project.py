"""The example film shows every way shots belong together: it opens, validates, and its images are intact."""

from __future__ import annotations

import json

import jsonschema

from app.paths.resources import resource_path
from app.project.reel_file import load_project
from app.project.shot_images import load_shot_image

EXAMPLE = resource_path("examples", "example.reel")


def test_the_example_has_a_continuing_shot_and_a_shot_with_a_start_image():
    schema = json.loads(resource_path("project.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(EXAMPLE.read_text(encoding="utf-8")), schema)
    project = load_project(EXAMPLE)
    continuing = [s for s in project.shots if s.continue_previous]
    with_image = [s for s in project.shots if s.start_image is not None]
    assert len(continuing) == 1 and project.shots.index(continuing[0]) > 0  # it has a shot to continue
    assert len(with_image) == 1 and with_image[0].start_image.source == "file"
    image = load_shot_image(project, with_image[0].start_image)  # the hash matches the file
    assert image.size == (project.settings.width, project.settings.height)
    assert project.settings.image_model == "Wan-AI/Wan2.2-I2V-A14B-Diffusers"


def test_the_example_has_one_cast_member_named_in_two_shots():
    from app.project.cast_images import cast_image_bytes
    from app.project.cast_mentions import mentioned_members

    project = load_project(EXAMPLE)
    (member,) = project.cast
    assert member.kind == "character" and member.description and len(member.images) == 1
    assert cast_image_bytes(project, member.images[0])  # the bundled PNG, its hash intact
    naming = [s for s in project.shots if mentioned_members(s.prompt, project.cast) == [member]]
    assert len(naming) == 2
    assert project.settings.vace_model == "linoyts/Wan2.2-VACE-Fun-14B-diffusers"
