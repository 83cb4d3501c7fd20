"""The review of a film's takes: scoring them, ranking them, best-of-N, and the client report."""
