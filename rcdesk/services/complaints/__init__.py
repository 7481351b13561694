"""Use cases of the complaints area: one import point re-exporting the complaints_* modules."""

from __future__ import annotations

from rcdesk.services.complaints.attachments import (  # noqa: F401
    AttachmentRow,
    add_attachment,
    attachment_path,
    list_attachments,
)
from rcdesk.services.complaints.categories import (  # noqa: F401
    add_category,
    category_usage,
    delete_category,
    list_categories,
    rename_category,
)
from rcdesk.services.complaints.detail import (  # noqa: F401
    Addressee,
    ComplaintDetail,
    Event,
    HistoryRow,
    PurchaseSummary,
    complaint_addressee,
    complaint_numbers,
    customer_history,
    find_by_number,
    get_complaint,
    is_repeat_complainer,
)
from rcdesk.services.complaints.indicators import (  # noqa: F401
    ComplaintIndicators,
    RepeatComplainer,
    complaint_indicators,
    pareto,
    pooled_pareto,
    purchase_figures,
    repeat_complainers,
    stats,
)
from rcdesk.services.complaints.register import (  # noqa: F401
    REGISTER_COLUMNS,
    ComplaintQuery,
    count_complaints,
    late_condition,
    list_complaints,
    open_state_counts,
    report_rows,
)
from rcdesk.services.complaints.rules import (  # noqa: F401
    ALLOWED_MOVES,
    CHANNELS,
    COMPENSATIONS,
    FINAL_STATUSES,
    OPEN_STATUSES,
    REOPEN_TO,
    RESATISFACTION,
    SEVERITIES,
    STATUSES,
    TYPES,
    complaint_rate,
    due_state,
    loss_rate,
)
from rcdesk.services.complaints.workflow import (  # noqa: F401
    AnswerInput,
    ComplaintInput,
    ComplaintSummary,
    Qualification,
    add_comment,
    close,
    edit_complaint,
    move,
    qualify,
    record_answer,
    register_complaint,
    reopen,
)


def is_late(status, due_date, paused_on, today, country) -> bool:
    """due_state(...) == "late" (the rule itself lives in due_state)."""
    return due_state(status, due_date, paused_on, today, country) == "late"


