"""Errors that services raise for the UI and the CLI to show as they are (French text)."""


class ValidationError(Exception):
    """Input refused before anything was written. field names the form field (or "")."""

    def __init__(self, field: str, message: str):
        self.field = field
        self.message = message
        super().__init__(message)


class ServiceError(Exception):
    """An operation refused as a whole (workflow, missing record...): message is French."""


class StaleRecordError(ServiceError):
    """A save refused because the record changed since the form was opened (another counter
    saved it meanwhile): nothing was written.

    record names it as a sentence starts ("Ce client", "Cette réclamation"); changes are
    (label, value the user started from, value stored now) as display text, one per field that
    differs; current is the stored record, in the data class the form was filled from, to
    reload the form or to save over it knowingly with its version."""

    def __init__(self, record: str, changes, current, *, feminine: bool = False):
        self.record = record
        self.changes = list(changes)
        self.current = current
        agree = "e" if feminine else ""
        text = (f"{record} a été modifié{agree} sur un autre poste depuis que vous l'avez "
                f"ouvert{agree}")
        if self.changes:
            text += " : " + ", ".join(f"{label} ({before} → {after})"
                                      for label, before, after in self.changes)
        text += (". Rechargez la fiche, ou enregistrez quand même pour remplacer ces "
                 "changements.")
        super().__init__(text)


class ReadOnlyDatabaseError(ServiceError):
    """A write refused because the database is open read-only; reason says why (French)."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(f"Cette base est en lecture seule : {reason}. La modification n'a pas "
                         "été enregistrée.")
