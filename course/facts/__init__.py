"""Facts the whole course rests on: the policy catalog (values the simulators and
quizzes use, each with its source and status).

Pure: no widgets, IPython or matplotlib; used by sim, quiz, ui and commands.
"""
