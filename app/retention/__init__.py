"""Keeping only what is needed: each board's retention of answers, and the daily purge.

``flask purge`` runs the steps of ``app.retention.purge.STEPS`` in turn. Whole responses
and the words people wrote go when they are older than the board's settings; before any
goes, the evidence pack of every ended period that reads them is kept as JSON
(``app.retention.snapshots``), and the pack of such a period is served from it ever after
(``app.retention.kept``), so the figures a board has reported do not change.
"""
