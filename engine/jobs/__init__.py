"""The job queue: states, progress and cancellation, one job from request to take, errors."""
