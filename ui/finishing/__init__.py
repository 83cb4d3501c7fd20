"""The window's finishing rows: the title track and the sound track under the timeline."""
