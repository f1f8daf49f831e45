"""SMS verification: codes with expiry and lockout, delivery to the simulated phone,
and the troubleshooting lab for codes that never arrive.
"""
