"""One module per ``python -m course`` command."""
