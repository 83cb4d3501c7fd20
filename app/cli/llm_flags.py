"""The language-model flags `storyboard` and `enhance` share: which model writes, in which language."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from engine.writing.chat_json import JsonChat


def add_llm_options(parser: argparse.ArgumentParser) -> None:
    """Add --llm, --llm-model, --llm-timeout and --language."""
    from app.storyboard.writing_prompts import LANGUAGES
    from engine.writing.llm_source import DEFAULT_LLM

    parser.add_argument(
        "--llm",
        metavar="SOURCE",
        help=f"a local model (Hub repo id or folder; default {DEFAULT_LLM}) or an OpenAI-compatible "
        "chat URL, e.g. https://router.huggingface.co/v1 (the token as for --remote)",
    )
    parser.add_argument(
        "--llm-model",
        metavar="NAME",
        help="the model name a chat URL serves (e.g. Qwen/Qwen2.5-72B-Instruct)",
    )
    parser.add_argument(
        "--llm-timeout",
        type=float,
        metavar="SECONDS",
        help="for a chat URL: the longest one answer may take (default 120)",
    )
    parser.add_argument(
        "--language", choices=LANGUAGES, help="the prompts' language (default: the text's own)"
    )


def chat_from_args(args: argparse.Namespace, source: str | None = None) -> JsonChat:
    """The chat model the flags name (`source` overrides --llm)."""
    from engine.writing.llm_source import open_chat

    if args.llm_timeout is not None and not args.llm_timeout > 0:
        raise ValueError("--llm-timeout: use a number of seconds above 0")
    return open_chat(source or args.llm, args.llm_model, args.llm_timeout)


def print_progress(progress: object) -> None:
    """A language model's progress as a line on stderr."""
    import sys

    message = getattr(progress, "message", "")
    if message:
        print(message, file=sys.stderr, flush=True)
