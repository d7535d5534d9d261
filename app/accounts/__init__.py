"""Staff accounts: creation, password hashing and roles."""
