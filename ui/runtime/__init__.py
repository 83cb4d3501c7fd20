"""The Qt process's plumbing: asyncio on the Qt loop, garbage collected on the GUI thread."""
