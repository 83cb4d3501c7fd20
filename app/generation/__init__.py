"""From shots to generation requests and queued jobs, and from finished jobs back to takes."""
