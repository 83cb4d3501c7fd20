"""What conditions a shot besides its prompt: control clips (pose, depth, edges, video) and colour matching."""
