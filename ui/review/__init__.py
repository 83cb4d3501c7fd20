"""The window's side of review: the safety veil, best-of-N through the queue, the report, and their wiring."""
