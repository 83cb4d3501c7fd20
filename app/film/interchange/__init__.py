"""Timeline interchange: the film as OpenTimelineIO (.otio, FCPXML, EDL) for an editor, and back."""
