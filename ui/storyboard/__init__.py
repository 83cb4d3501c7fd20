"""The storyboard's window side: scripts to shots, prompt enhancement, keyframe sketches."""
