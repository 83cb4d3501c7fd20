"""The compiled schema check refuses exactly what jsonschema refuses, over the fuzz corpus.

Opening a film validates through fastjsonschema and asks jsonschema only for the message of a refusal,
so the two must agree on every document, mutated or not.
"""

from __future__ import annotations

import json
import random

from fuzz_support import base_preset, base_project, mutate_doc, random_value
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.presets.preset import PRESET_SCHEMA
from app.project.json_limits import UnsafeJson, loads_strict
from app.project.reel_file import PROJECT_SCHEMA
from app.project.schema_check import SchemaCheck


def _as_read(doc: object) -> object | None:
    """doc as a file would give it back (None where the JSON reader refuses it first)."""
    try:
        return loads_strict(json.dumps(doc, allow_nan=True))
    except (UnsafeJson, ValueError, RecursionError):
        return None


def _agree(check: SchemaCheck, doc: object) -> bool:
    return check.passes(doc) == (check.full_error(doc) is None)


def _corpus(base: dict, seed: int, count: int) -> list[object]:
    rng = random.Random(seed)
    docs: list[object] = [base]
    for _ in range(count):
        doc: object = base
        for _round in range(rng.randint(1, 3)):
            doc = mutate_doc(doc, rng, random_value(rng), use_value=True)
        docs.append(doc)
    return [d for d in (_as_read(doc) for doc in docs) if d is not None]


def test_the_compiled_project_check_agrees_over_the_corpus() -> None:
    docs = _corpus(base_project(), 22, 1500)
    refused = [doc for doc in docs if PROJECT_SCHEMA.full_error(doc) is not None]
    assert 200 < len(refused) < len(docs)  # the corpus holds both kinds, or agreement would prove little
    assert [d for d in docs if not _agree(PROJECT_SCHEMA, d)] == []


def test_the_compiled_preset_check_agrees_over_the_corpus() -> None:
    docs = _corpus(base_preset(), 23, 800)
    assert [d for d in docs if not _agree(PRESET_SCHEMA, d)] == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1), rounds=st.integers(1, 3))
def test_the_checks_agree_on_hypothesis_mutations(seed: int, rounds: int) -> None:
    rng = random.Random(seed)
    for check, base in ((PROJECT_SCHEMA, base_project()), (PRESET_SCHEMA, base_preset())):
        doc: object = base
        for _number in range(rounds):
            doc = mutate_doc(doc, rng)
        read = _as_read(doc)
        if read is not None:
            assert _agree(check, read), read
