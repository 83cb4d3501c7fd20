"""Opening a film skips only work that cannot change its outcome (issue 22: load_project <= 5x json)."""

from __future__ import annotations

import json

import fastjsonschema

from app.paths.resources import resource_path
from app.project.json_limits import MAX_DEPTH, UnsafeJson, check_tree, loads_strict
from app.project.media_paths import ID_PATTERN
from app.project.schema_check import lean_code


def _schema() -> dict:
    return json.loads(resource_path("project.schema.json").read_text(encoding="utf-8"))


def test_the_schema_checks_ids_exactly_as_check_id_does() -> None:
    # check_names leaves shot and take ids to the schema: the two patterns must stay one.
    schema = _schema()
    assert schema["$defs"]["id"]["pattern"] == ID_PATTERN
    assert schema["$defs"]["shot"]["properties"]["id"] == {"$ref": "#/$defs/id"}
    assert schema["$defs"]["take"]["properties"]["id"] == {"$ref": "#/$defs/id"}


def test_the_lean_check_builds_no_message_and_no_key_set_for_a_valid_film() -> None:
    code = fastjsonschema.compile_to_code(
        _schema(), use_default=False, use_formats=False, detailed_exceptions=False
    )
    lean = lean_code(code)
    assert "_keys.remove(" in code and "_keys.remove(" not in lean
    calls = [line for line in lean.splitlines() if "custom_formats, " in line and "raise" not in line]
    assert calls and all("locals()" not in line and "name_prefix" not in line for line in calls)
    # A dict whose leftover keys are read (additionalProperties) keeps its key set.
    assert "for data__presets_key in data__presets_keys:" in lean


def _nested(levels: int, inner: object) -> object:
    doc = inner
    for _ in range(levels - 1):
        doc = {"x": doc} if isinstance(doc, list) else [doc]
    return doc


def test_the_depth_bound_is_the_same_with_empty_containers_at_the_edge() -> None:
    # The fast walk skips empty containers except at the last level: both walks must still agree.
    for levels in (MAX_DEPTH - 2, MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1, MAX_DEPTH + 2):
        for inner in ([], {}, [1], {"a": "b"}):
            doc = _nested(levels, inner)
            text = json.dumps(doc)
            with_strings = _refused(lambda d=doc: check_tree(d))
            fast = _refused(lambda t=text: loads_strict(t))
            assert fast == with_strings == (levels > MAX_DEPTH), (levels, inner)


def _refused(action) -> bool:
    try:
        action()
    except UnsafeJson:
        return True
    return False


def test_the_compiled_check_is_kept_between_launches_and_a_damaged_copy_is_made_again(monkeypatch) -> None:
    from app.paths.user_paths import cache_dir
    from app.project.schema_check import SchemaCheck

    film = {"format": "storyreel", "version": 1}  # refused: the check must still say so from the cache
    first = SchemaCheck("project.schema.json")
    verdict = first.passes(film)
    kept = list((cache_dir() / "schemas").iterdir())
    assert len(kept) == 1
    made: list[int] = []
    real = fastjsonschema.compile_to_code
    monkeypatch.setattr(fastjsonschema, "compile_to_code", lambda *a, **k: made.append(1) or real(*a, **k))
    again = SchemaCheck("project.schema.json")  # a later launch: nothing generated
    assert again.passes(film) == verdict and again.first_error(film) == first.first_error(film) and made == []
    data = bytearray(kept[0].read_bytes())
    data[-5] ^= 0xFF  # torn or altered: the digest inside no longer matches
    kept[0].write_bytes(bytes(data))
    third = SchemaCheck("project.schema.json")
    assert third.passes(film) == verdict and made == [1]
    assert kept[0].read_bytes() != bytes(data)  # written again, whole
