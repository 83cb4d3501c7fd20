"""The default voice speaks Chinese and English: Bark through transformers' text-to-audio pipeline."""

from __future__ import annotations

import json

import numpy as np
import pytest
from tts_support import tiny_bark

from engine.film.voice_over import DEFAULT_VOICE_MODEL, VoiceError, speak


@pytest.mark.slow
def test_the_default_voice_is_bark_and_speaks_chinese_and_english(tmp_path):
    assert DEFAULT_VOICE_MODEL == "suno/bark-small"
    model = tiny_bark(tmp_path / "bark")
    assert json.loads((model / "config.json").read_text())["model_type"] == "bark"
    for caption in ("你好，春茶！", "Taste spring, tea!"):
        samples, rate = speak(caption, str(model))
        assert rate == 24000 and samples.shape[0] == 1 and samples.shape[1] > 0
        assert np.isfinite(samples).all()
    with pytest.raises(VoiceError, match="empty"):
        speak("  ", str(model))
