"""Property-based fuzzing of the project loader, the preset importer and the endpoint body parser.

Bounded for CI (a few hundred cases, well under a minute); bench/fuzz_inputs.py runs 10,000.
Each case must end in success or a clean error, leave its input as it was, and write nothing
outside its temp folder (see tests/fuzz_support.py for what each check asserts).
"""

from __future__ import annotations

import json
import random
import tempfile
from pathlib import Path

from fuzz_support import (
    base_members,
    base_preset,
    base_project,
    base_request,
    check_preset_case,
    check_project_case,
    check_request_case,
    mutate_doc,
    mutated_style,
    render_text,
    style_bytes,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# Any JSON value, with the floats JSON cannot hold (NaN, infinities) and text with lone surrogates.
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(st.characters(codec=None), max_size=300),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(seed=st.integers(0, 2**32 - 1), value=json_values, rounds=st.integers(1, 3))
def test_project_loader(seed: int, value: object, rounds: int) -> None:
    rng = random.Random(seed)
    doc: object = base_project()
    for number in range(rounds):
        doc = mutate_doc(doc, rng, value, use_value=number == 0)
    with tempfile.TemporaryDirectory() as folder:
        assert check_project_case(Path(folder), render_text(doc, rng)) in ("ok", "refused")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1), value=json_values)
def test_preset_importer(seed: int, value: object) -> None:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as folder:
        assert check_preset_case(Path(folder), mutated_style(rng, value, use_value=True)) in ("ok", "refused")


@settings(max_examples=400, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), value=json_values, rounds=st.integers(1, 3))
def test_request_parser(seed: int, value: object, rounds: int) -> None:
    rng = random.Random(seed)
    body: object = base_request()
    for number in range(rounds):
        body = mutate_doc(body, rng, value, use_value=number == 0)
    assert check_request_case(body) in ("ok", "refused")


def test_the_unmutated_inputs_succeed(tmp_path: Path) -> None:
    """The fuzzers start from valid inputs: a check that always refused would prove nothing."""
    (tmp_path / "p").mkdir()
    assert check_project_case(tmp_path / "p", json.dumps(base_project()).encode()) == "ok"
    (tmp_path / "s").mkdir()
    assert check_preset_case(tmp_path / "s", style_bytes(base_preset(), base_members())) == "ok"
    assert check_request_case(base_request()) == "ok"
