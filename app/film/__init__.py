"""From a project to a film: shot and film timing, spans with their looks, previews, and generate-then-export."""
