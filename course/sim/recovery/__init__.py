"""Getting back into an account: the recovery graph between states and the
navigator's situations, walks and dead ends.
"""
