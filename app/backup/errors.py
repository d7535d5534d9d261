"""The one error a backup or restore raises, with a message fit for the operator."""


class BackupError(RuntimeError):
    """The backup or restore could not be done; the message says why and what to do."""
