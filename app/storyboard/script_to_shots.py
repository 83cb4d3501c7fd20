"""Script → proposal: the script, the film's cast and the rules go to a language model; its checked
answer comes back as a Proposal. The film is not touched."""

from __future__ import annotations

import json

from app.project.project import Project
from app.storyboard.fountain_script import captions_from_dialogue, screenplay_outline
from app.storyboard.proposal import MAX_SHOTS, SHOTS_SCHEMA, Proposal, proposal_from_answer
from app.storyboard.script_input import Script
from app.storyboard.writing_prompts import LANGUAGE_NAMES, check_language, detect_language, system_prompt
from engine.progress import CancelToken, ProgressCallback, ignore_progress
from engine.writing.chat_json import JsonChat, Message

FORM_NAMES = {
    "fountain": "a screenplay (Fountain), as a numbered outline of its scenes",
    "markdown": "a script in Markdown",
    "brief": "a short brief: invent the shots it asks for",
    "text": "a script in plain text",
}


def script_messages(project: Project, script: Script, language: str) -> list[Message]:
    """The chat that asks for shots: the rules (system), then the film's facts and the script (user)."""
    cast = [{"name": m.name, "kind": m.kind, "description": m.description} for m in project.cast]
    facts = {
        "film": project.settings.name,
        "size": f"{project.settings.width}x{project.settings.height}",
        "prompt_language": LANGUAGE_NAMES[language],
        "cast": cast,
        "most_shots": MAX_SHOTS,
    }
    text = screenplay_outline(script.screenplay) if script.screenplay is not None else script.text
    user = (
        f"Film: {json.dumps(facts, ensure_ascii=False)}\nWhat follows is {FORM_NAMES[script.form]}.\n\n{text}"
    )
    return [
        {"role": "system", "content": system_prompt("script_to_shots", language)},
        {"role": "user", "content": user},
    ]


def propose_shots(
    project: Project,
    script: Script,
    chat: JsonChat,
    language: str | None = None,
    progress: ProgressCallback = ignore_progress,
    cancel: CancelToken | None = None,
) -> Proposal:
    """Ask the model for the script's shots; prompts in `language`, else the script's own."""
    chosen = check_language(language) or detect_language(script.text)
    answer = chat.chat_json(
        script_messages(project, script, chosen), SHOTS_SCHEMA, progress=progress, cancel=cancel
    )
    proposal = proposal_from_answer(answer, project, chosen, chat.name)
    if script.screenplay is not None:  # a screenplay's captions are its dialogue, word for word
        captions = captions_from_dialogue(
            [s.caption for s in proposal.shots], [s.scene for s in proposal.shots], script.screenplay
        )
        for shot, caption in zip(proposal.shots, captions, strict=True):
            shot.caption = caption
    return proposal
