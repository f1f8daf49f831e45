"""The small core every simulator stands on: the injectable clock, problems and the
error catalog, the shared code check, and input cleaning.
"""
