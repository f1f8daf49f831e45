"""Two-factor methods: X's rules on which methods exist, TOTP, backup codes,
security keys and passkeys (WebAuthn), SMS login codes, and app set-up.
"""
