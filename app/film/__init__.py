"""From a project to a film: spans with their looks, previews, and generate-then-export."""
