"""Scam messages and look-alike links: the scam spotter's cards, cues and checks.
"""
