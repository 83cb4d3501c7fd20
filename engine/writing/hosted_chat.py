"""A hosted language model: any OpenAI-compatible chat URL (Inference Providers, TGI, vLLM, a local
server) through huggingface_hub's InferenceClient, with structured output and the remote backend's
token handling.

The answer is streamed, so it is bounded as it arrives (a runaway answer is cut at
MAX_ANSWER_CHARS, never held whole), cancel is checked between chunks (closing the call), and an
overall deadline applies on top of the client's per-read timeout.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from engine.endpoint.http_status import status_text
from engine.endpoint.hub_token import find_token
from engine.endpoint.redaction import redact, remember_secret
from engine.endpoint.urls import check_token_transport, clean_url, public_url
from engine.progress import GENERATING, Cancelled, CancelToken, Progress, ProgressCallback
from engine.values import shorten
from engine.writing.chat_json import (
    MAX_ANSWER_CHARS,
    MAX_NEW_TOKENS,
    AnswerTooLong,
    JsonChat,
    Message,
    WritingError,
)

if TYPE_CHECKING:
    from huggingface_hub import InferenceClient

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 120.0  # seconds for one answer, all of it
REPORT_EVERY = 50  # chunks between progress reports


class HostedChat(JsonChat):
    """A chat-completions server at `url` (its `/v1` base), answering with JSON through response_format."""

    def __init__(
        self, url: str, model: str | None = None, token: str | None = None, timeout: float = DEFAULT_TIMEOUT
    ) -> None:
        if timeout <= 0:
            raise ValueError("The language model's timeout must be positive.")
        self.url = clean_url(url)
        self.model = model
        self.timeout = timeout
        self.name = public_url(self.url) + (f" ({model})" if model else "")
        self._token = token  # None: looked up (keyring, HF_TOKEN, hf login) for each call

    def __repr__(self) -> str:  # never shows the token
        return f"HostedChat({public_url(self.url)!r}, model={self.model!r})"

    def _client(self) -> tuple[InferenceClient, str | None]:
        from huggingface_hub import InferenceClient

        token = self._token or find_token()[0]
        if token:
            check_token_transport(self.url)  # never a token over plain http to a public host
            remember_secret(token)
        # The client appends /chat/completions to a base URL ending in /v1, as OpenAI's client does.
        return InferenceClient(base_url=self.url.rstrip("/"), api_key=token, timeout=self.timeout), token

    def complete(
        self, messages: list[Message], schema: dict[str, Any], progress: ProgressCallback, cancel: CancelToken
    ) -> str:
        """Stream one answer, bounded, cancellable and within the deadline; WritingError with a clear cause."""
        client, token = self._client()
        started = time.monotonic()
        parts: list[str] = []
        size = 0
        try:
            # The OpenAI form as a dict: TGI, vLLM and the router all read it so.
            response_format: Any = {
                "type": "json_schema",
                "json_schema": {"name": "answer", "schema": schema},
            }
            chunks = client.chat_completion(
                messages,
                model=self.model,
                stream=True,
                max_tokens=MAX_NEW_TOKENS,
                response_format=response_format,
            )
            for count, chunk in enumerate(chunks, 1):
                if cancel.cancelled:
                    raise Cancelled()
                if time.monotonic() - started > self.timeout:
                    raise WritingError(
                        f"{self.name} did not finish its answer within {self.timeout:.0f} s.",
                        "Try again later, or a faster model.",
                    )
                for choice in chunk.choices or ():
                    text = (choice.delta.content if choice.delta else None) or ""
                    parts.append(text)
                    size += len(text)
                if size > MAX_ANSWER_CHARS:
                    raise AnswerTooLong(
                        f"{self.name} wrote more than {MAX_ANSWER_CHARS:,} characters; the answer was refused.",
                        "Try again with a shorter script, or another model.",
                    )
                if count % REPORT_EVERY == 0:
                    progress(Progress(GENERATING, message=f"{self.name}: {size:,} characters"))
        except (WritingError, Cancelled):
            raise
        except Exception as exc:
            raise self._describe(exc, token) from None
        finally:
            client.close()  # closes the stream: a cancelled or refused answer stops arriving
        return "".join(parts)

    def _describe(self, exc: Exception, token: str | None) -> WritingError:
        """A WritingError for what the client raised; the server's words redacted, the token never shown."""
        import httpx2
        from huggingface_hub.errors import HfHubHTTPError, InferenceTimeoutError, OfflineModeIsEnabled

        log.warning(
            "%s failed: %s", self.name, shorten(redact(f"{type(exc).__name__}: {exc}", [token]), 1000)
        )
        if isinstance(exc, HfHubHTTPError) and getattr(exc, "response", None) is not None:
            status = exc.response.status_code
            said = _server_words(exc.response, token)
            known = status_text(status, self.name, f"the language model at {self.name}", said)
            if known is not None:
                return WritingError(*known)
            return WritingError(
                f"{self.name} failed (HTTP {status})" + (f": {said}" if said else "."),
                "Check the address and the model name, then try again.",
            )
        if isinstance(exc, OfflineModeIsEnabled):
            return WritingError(
                f"Cannot reach {self.name}: huggingface_hub's offline mode is on.",
                "Unset HF_HUB_OFFLINE to use a chat URL, or choose a local language model.",
            )
        if isinstance(exc, InferenceTimeoutError | httpx2.TimeoutException):
            return WritingError(
                f"{self.name} did not answer within {self.timeout:.0f} s.", "Try again later; it may be busy."
            )
        if isinstance(exc, httpx2.TransportError):
            host = urlsplit(self.url).hostname or self.url
            return WritingError(
                f"Cannot reach {host} ({type(exc).__name__}).", "Check the address and the connection."
            )
        return WritingError(
            redact(
                f"{self.name} gave an answer that could not be read ({type(exc).__name__}: {exc}).", [token]
            )
        )


def _server_words(response: Any, token: str | None) -> str:
    """The server's error text, short and without credentials."""
    try:
        response.read()
        text = str(response.text)
    except Exception:  # a closed stream: nothing more to say
        return ""
    if "html" in response.headers.get("content-type", "").lower():
        return ""
    return shorten(redact(text.strip(), [token]))
