"""The window's side of review: score columns, the safety blur, best-of-N, the report and Preferences > Review."""
