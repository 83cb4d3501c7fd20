"""What conditions a shot besides its prompt, built as the pipelines take it (no model code): keyframes, control clips (pose, depth, edges, video) and colour matching."""
