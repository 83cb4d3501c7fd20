"""The log file and crash traces: where failures go with their tracebacks."""
