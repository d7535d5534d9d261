"""Staff sign-in, sessions and who may see which board."""
