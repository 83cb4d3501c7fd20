"""One module per `main.py` command, each declaring its `COMMAND` (parser and function)."""
