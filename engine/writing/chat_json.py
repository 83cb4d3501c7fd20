"""The one chat interface: messages and a JSON schema in, a checked JSON object out, retried once."""

from __future__ import annotations

import json
import logging
from abc import ABC, abstractmethod
from typing import Any

from engine.errors import StoryreelError
from engine.progress import GENERATING, CancelToken, Progress, ProgressCallback, ignore_progress
from engine.values import shorten

log = logging.getLogger(__name__)

Message = dict[str, Any]  # OpenAI chat form: {"role": ..., "content": str | [parts]}

MAX_ANSWER_CHARS = 64_000  # a storyboard of a few dozen shots is ~10k; more is a runaway answer
MAX_NEW_TOKENS = 4096  # what a model is asked to write at most
ATTEMPTS = 2  # a bad answer is asked for once more, then refused


class WritingError(StoryreelError):
    """A language model could not give a usable answer; the film is left as it was."""

    hint = "Try again, or choose another language model (--llm, or Preferences > Writing)."


class BadAnswer(WritingError):
    """The model answered, but not with JSON that fits the schema (after one retry)."""


class AnswerTooLong(WritingError):
    """The model's answer passed MAX_ANSWER_CHARS and was cut off unread."""


def parse_answer(text: str, schema: dict[str, Any]) -> dict[str, Any]:
    """The JSON object in text (a ```json fence allowed), checked against schema; ValueError says why not."""
    import jsonschema

    body = text.strip()
    if body.startswith("```"):  # small models wrap JSON in a Markdown fence despite being asked not to
        body = body.split("\n", 1)[1] if "\n" in body else ""
        body = body.rsplit("```", 1)[0]
    try:
        data = json.loads(body)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg} at character {exc.pos})") from None
    if not isinstance(data, dict):
        raise ValueError(f"a JSON {type(data).__name__}, not an object")
    error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(schema).iter_errors(data))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "the answer"
        raise ValueError(f"{where}: {shorten(error.message, 200)}")
    return data


class JsonChat(ABC):
    """A language model that answers chat messages with JSON fitting a schema."""

    name: str = "language model"

    @abstractmethod
    def complete(
        self,
        messages: list[Message],
        schema: dict[str, Any],
        progress: ProgressCallback,
        cancel: CancelToken,
    ) -> str:
        """One answer's text (at most MAX_ANSWER_CHARS, else AnswerTooLong); Cancelled when cancelled."""

    def chat_json(
        self,
        messages: list[Message],
        schema: dict[str, Any],
        *,
        progress: ProgressCallback = ignore_progress,
        cancel: CancelToken | None = None,
    ) -> dict[str, Any]:
        """The model's answer as a JSON object valid for schema; a bad answer is retried once, then BadAnswer."""
        cancel = cancel or CancelToken()
        problem = ""
        asked = list(messages)
        for attempt in range(1, ATTEMPTS + 1):
            cancel.check()
            progress(Progress(GENERATING, attempt, ATTEMPTS, message=f"Asking {self.name}"))
            text = self.complete(asked, schema, progress, cancel)
            try:
                return parse_answer(text, schema)
            except ValueError as exc:
                problem = str(exc)
                log.warning("%s gave a bad answer (attempt %d): %s", self.name, attempt, problem)
            # The retry shows the model its answer and what was wrong with it, as a person would.
            asked = [
                *messages,
                {"role": "assistant", "content": shorten(text, 2000)},
                {
                    "role": "user",
                    "content": f"That answer was not valid ({problem}). Reply with the JSON object only.",
                },
            ]
        raise BadAnswer(
            f"{self.name} did not answer in the expected form, twice ({problem}). Nothing was changed.",
            "Try again, or choose a larger or instruction-tuned model (--llm, or Preferences > Writing).",
        )
