"""Accounts and the numbers on them: the registry and its limits, account states,
the phone-number settings flow, and the accounts explorer.
"""
