"""Speed measurements (``make bench``); figures go into the issue notes, not tests."""
