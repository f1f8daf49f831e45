"""Attacks on the second factor: SIM swap and real-time relay played against each
method, code-guessing odds, and the published figures the lessons cite.
"""
