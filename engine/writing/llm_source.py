"""Which language model writes: the defaults named once, and a source (URL, Hub repo, folder) opened."""

from __future__ import annotations

from engine.writing.chat_json import JsonChat

# Small instruct models that run on a CPU or next to Wan on one GPU; Apache-2.0.
DEFAULT_LLM = "Qwen/Qwen2.5-1.5B-Instruct"
DEFAULT_VL_LLM = "Qwen/Qwen2.5-VL-3B-Instruct"


def is_url(source: str) -> bool:
    """Whether source names a hosted chat server rather than a local model."""
    return source.strip().lower().startswith(("http://", "https://"))


def open_chat(source: str | None = None, model: str | None = None, timeout: float | None = None) -> JsonChat:
    """A chat model for source: an http(s) chat URL (with `model` as its model name), else a local model."""
    text = (source or DEFAULT_LLM).strip()
    if is_url(text):
        from engine.writing.hosted_chat import DEFAULT_TIMEOUT, HostedChat

        return HostedChat(text, model=model, timeout=timeout or DEFAULT_TIMEOUT)
    from engine.writing.local_chat import LocalChat

    return LocalChat(text)
