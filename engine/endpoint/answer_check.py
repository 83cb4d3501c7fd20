"""An endpoint's answer checked against the project schema's take before it becomes a take.

What an endpoint reports is saved into the take's sidecar and the .reel; a value the schema refuses
("seed": -1, steps 10⁶, a 46-digit seed, "model_revision": 123) would make the film unloadable.
So the answer is checked first, and a bad value fails the shot, naming what the endpoint sent.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from engine.endpoint.http_call import EndpointError
from engine.endpoint.protocol import EndpointAnswer
from engine.endpoint.redaction import redact
from engine.values import shorten

SCHEMA = Path(__file__).resolve().parents[2] / "resources" / "project.schema.json"
# The take's field, and the answer's name for it (parameters, then the answer's top level).
FROM_PARAMETERS = {
    "frames": "num_frames",
    "width": "width",
    "height": "height",
    "fps": "fps",
    "steps": "num_inference_steps",
    "guidance_scale": "guidance_scale",
    "guidance_scale_2": "guidance_scale_2",
    "negative_prompt": "negative_prompt",
}
FROM_ANSWER = ("model", "model_revision", "device", "dtype", "versions", "segments")
SHOWN = 80  # characters of a sent value quoted in the message


@functools.cache
def _take_validator() -> Any:
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator({"$defs": schema["$defs"], "$ref": "#/$defs/take"})


def reported_record(answer: EndpointAnswer) -> dict[str, object]:
    """The take fields as the endpoint sent them (before any conversion), by the take's names."""
    p, extra = answer.parameters, answer.extra
    record: dict[str, object] = {"seed": answer.seed}
    record.update({take: p[name] for take, name in FROM_PARAMETERS.items() if name in p})
    record.update({name: extra[name] for name in FROM_ANSWER if name in extra})
    return record


def check_answer(answer: EndpointAnswer, sender: str, secrets: Sequence[str | None] = ()) -> None:
    """Raise EndpointError naming the value if what the answer reports cannot be saved in a take."""
    import jsonschema

    record = reported_record(answer)
    errors = _take_validator().iter_errors({"id": "answer", "path": "answer.mp4", **record})
    error = jsonschema.exceptions.best_match(errors)
    if error is None:
        return
    path = list(error.absolute_path)
    field = str(path[0]) if path else ""
    name = FROM_PARAMETERS.get(field, field)
    # Redacted before it is cut: a token cut in half would no longer be found.
    value = shorten(redact(json.dumps(record.get(field), ensure_ascii=False, default=str), secrets), SHOWN)
    problem = shorten(redact(error.message, secrets), 2 * SHOWN)
    raise EndpointError(
        f'{sender} sent "{name}": {value}, which a take cannot hold ({problem}).',
        "The endpoint's handler reported a value out of range: check its version and logs. "
        "Nothing was saved for this shot.",
    )
