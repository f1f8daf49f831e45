"""Drawing only: every function takes computed results and returns a figure."""
