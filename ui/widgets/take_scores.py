"""The takes list's score columns: their titles, each cell's text and the value it sorts by."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from app.project.shot import Take
from app.review.ranking import combined_score
from ui.i18n.translation import QT_TRANSLATE_NOOP

# The scores shown, in column order after the combined score; the last column is the safety verdict.
SCORE_NAMES = ("prompt", "likeness", "look", "motion", "flicker")
MISSING = float("-inf")  # an unscored cell sorts below every score


# Marked for lupdate, translated one at a time: a takes list asks for its titles on every layout.
_TITLES = {
    "combined": QT_TRANSLATE_NOOP("ScoreColumns", "Score"),
    "prompt": QT_TRANSLATE_NOOP("ScoreColumns", "Prompt"),
    "likeness": QT_TRANSLATE_NOOP("ScoreColumns", "Likeness"),
    "look": QT_TRANSLATE_NOOP("ScoreColumns", "Look"),
    "motion": QT_TRANSLATE_NOOP("ScoreColumns", "Motion"),
    "flicker": QT_TRANSLATE_NOOP("ScoreColumns", "Flicker"),
    "aesthetics": QT_TRANSLATE_NOOP("ScoreColumns", "Aesthetics"),
    "safety": QT_TRANSLATE_NOOP("ScoreColumns", "Safety"),
}
# The columns after the take's own: the combined score, each score, the safety verdict.
COLUMN_NAMES = ("combined", *SCORE_NAMES, "safety")


def score_title(name: str) -> str:
    """A score's name as the person reads it."""
    source = _TITLES.get(name)
    return name if source is None else QCoreApplication.translate("ScoreColumns", source)


def column_titles() -> list[str]:
    """The titles of the columns after the take's own: the combined score, each score, the safety verdict."""
    return [score_title(name) for name in COLUMN_NAMES]


def weights_text(weights: dict[str, float]) -> str:
    """The combined score's weights, e.g. 'Prompt 1 · Likeness 1 · Look 0.5'."""
    return " · ".join(f"{score_title(name)} {value:g}" for name, value in weights.items() if value > 0)


def is_flagged(take: Take | None) -> bool:
    """Whether the safety check flagged the take."""
    return take is not None and take.safety.get("verdict") == "flagged"


def combined_value(take: Take, weights: dict[str, float]) -> float | None:
    """The take's combined score on 0-100 (None: nothing scored)."""
    value = combined_score(take, weights).value
    return None if value is None else value * 100.0


def _score(take: Take, name: str) -> dict[str, Any] | None:
    score = take.scores.get(name)
    return score if isinstance(score, dict) else None


def cell_value(take: Take, column: int, weights: dict[str, float]) -> float:
    """What a score column sorts by (unscored and failed cells lowest)."""
    if column == 0:
        value = combined_value(take, weights)
        return MISSING if value is None else value
    if column <= len(SCORE_NAMES):
        score = _score(take, SCORE_NAMES[column - 1])
        if score is None or score.get("status") != "ok" or not isinstance(score.get("value"), (int, float)):
            return MISSING
        return float(score["value"])
    return {"flagged": 2.0, "ok": 1.0, "off": 0.0}.get(str(take.safety.get("verdict")), MISSING)


def cell_text(take: Take, column: int, weights: dict[str, float]) -> str:
    """A score column's text: the value, 'failed', 'still', or empty when not scored."""
    if column == 0:
        value = combined_value(take, weights)
        return "" if value is None else f"{value:.0f}"
    if column <= len(SCORE_NAMES):
        name = SCORE_NAMES[column - 1]
        score = _score(take, name)
        if score is None:
            return ""
        if score.get("status") != "ok":
            return QCoreApplication.translate("ScoreColumns", "failed")
        value = score.get("value")
        text = f"{value:.2f}" if isinstance(value, (int, float)) else ""
        if name == "motion" and score.get("details", {}).get("still"):
            text += " " + QCoreApplication.translate("ScoreColumns", "(still)")
        return text
    verdict = take.safety.get("verdict")
    return {
        "flagged": QCoreApplication.translate("ScoreColumns", "flagged"),
        "ok": QCoreApplication.translate("ScoreColumns", "safe"),
        "off": QCoreApplication.translate("ScoreColumns", "off"),
    }.get(str(verdict), "")


def cell_tip(take: Take, column: int, weights: dict[str, float]) -> str | None:
    """A cell's tooltip: the weights behind the combined score, a failed score's reason, the model."""
    if column == 0:
        return QCoreApplication.translate("ScoreColumns", "Combined score (0-100), weights: {0}").format(
            weights_text(weights)
        )
    if column <= len(SCORE_NAMES):
        score = _score(take, SCORE_NAMES[column - 1])
        if score is None:
            return QCoreApplication.translate("ScoreColumns", "Not scored")
        if score.get("status") != "ok":
            return str(score.get("reason") or QCoreApplication.translate("ScoreColumns", "failed"))
        return QCoreApplication.translate("ScoreColumns", "model: {0}").format(score.get("model") or "-")
    value = take.safety.get("value")
    return (
        QCoreApplication.translate("ScoreColumns", "highest unsafe probability: {0:.2f}").format(value)
        if isinstance(value, (int, float))
        else None
    )
