"""Errors that services raise for the UI and the CLI to show as they are (French text)."""


class ValidationError(Exception):
    """Input refused before anything was written. field names the form field (or "")."""

    def __init__(self, field: str, message: str):
        self.field = field
        self.message = message
        super().__init__(message)


class ServiceError(Exception):
    """An operation refused as a whole (workflow, missing record...): message is French."""


class ReadOnlyDatabaseError(ServiceError):
    """A write refused because the database is open read-only; reason says why (French)."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(f"Cette base est en lecture seule : {reason}. La modification n'a pas "
                         "été enregistrée.")
