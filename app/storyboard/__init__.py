"""From a script to shots, prompts Wan understands, and keyframe sketches (no Qt)."""
