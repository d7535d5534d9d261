"""Board home pages: the boards a user works on and each board's surveys."""
