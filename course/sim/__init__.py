"""The pure domain of the course: phone numbers, SMS delivery, accounts and
their states, two-factor methods, discoverability and attacks.

Plain dataclasses and functions with an injectable clock and random source.
Nothing here imports ipywidgets, IPython or matplotlib.
"""
