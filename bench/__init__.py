"""Load benchmark: Chorus under gunicorn, driven by simulated respondents on 127.0.0.1."""
