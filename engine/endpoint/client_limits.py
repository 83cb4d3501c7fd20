"""The endpoint client's defaults: how long a generation may take, how many requests are in flight, and
how large an answer is read. A leaf, so the user settings read them without loading the client."""

from __future__ import annotations

DEFAULT_TIMEOUT = 1800.0  # seconds for one generation, from sending to the whole answer
DEFAULT_SCALE_UP_TIMEOUT = 600  # seconds the endpoint's router may hold a request while a replica starts
MAX_IN_FLIGHT = 64  # requests in flight on one endpoint URL (its replicas)
# The largest answer read: a 161-frame 720p take is ~60 MB of base64. Bigger answers are refused
# before they are held (a 512 MB body took 2 GB as bytes, text and JSON). The user setting
# max_answer_mb (settings.json) or render --max-answer-mb sets it.
DEFAULT_MAX_ANSWER_MB = 256
