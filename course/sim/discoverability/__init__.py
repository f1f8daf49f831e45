"""Who can find an account by phone number or email: the fictional community,
the finding rules, and the discoverability explorer.
"""
