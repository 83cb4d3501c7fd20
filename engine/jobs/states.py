"""The states a generation job passes through, as an enum whose values are the words shown and saved."""

from __future__ import annotations

from enum import Enum

from engine.progress import DECODING, ENCODING, GENERATING, LOADING


class StateEnum(str, Enum):
    """A state that is also its plain string, so JSON, project files and comparisons keep working."""

    def __str__(self) -> str:
        # (str, Enum) would print "JobState.DONE"; the value is what a person and a file see.
        return str(self.value)


class JobState(StateEnum):
    """Where a job is: waiting, one of the running stages, or finished one of three ways."""

    QUEUED = "queued"
    LOADING_MODEL = "loading model"
    GENERATING = "generating"
    DECODING = "decoding"
    ENCODING = "encoding"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


ACTIVE_STATES = (JobState.LOADING_MODEL, JobState.GENERATING, JobState.DECODING, JobState.ENCODING)
FINISHED_STATES = (JobState.DONE, JobState.FAILED, JobState.CANCELLED)
# The running state each progress stage puts a job in.
STAGE_STATE = {
    LOADING: JobState.LOADING_MODEL,
    GENERATING: JobState.GENERATING,
    DECODING: JobState.DECODING,
    ENCODING: JobState.ENCODING,
}
