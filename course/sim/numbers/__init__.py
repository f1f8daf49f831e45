"""Phone numbers: reading what a learner types, classifying it (libphonenumber plus
Japan's numbering plan), the fictional ranges, and masking for display.
"""
