"""Use cases and domain rules, pure Python: no Qt import, ever."""

from rcdesk.services.errors import ServiceError, ValidationError

__all__ = ["ServiceError", "ValidationError"]
