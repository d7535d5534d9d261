"""Response headers, client keys for throttling and start-up checks."""
