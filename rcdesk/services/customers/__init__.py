"""Use cases of the customer file: one import point re-exporting the customers_* modules."""

from __future__ import annotations

from rcdesk.models.customers import KINDS, STATUSES  # noqa: F401,E402
from rcdesk.services.customers.activity import (  # noqa: F401
    CHANNELS,
    DIRECTIONS,
    STEPS,
    FollowUp,
    InteractionData,
    InteractionRow,
    PurchaseRow,
    add_interaction,
    add_purchase,
    due_follow_ups,
    insert_purchase,
    is_refund,
    list_interactions,
    list_purchases,
    mark_follow_up_done,
    sales_count,
    set_last_contacts,
    touch_last_contact,
    touch_last_contacts,
)
from rcdesk.services.customers.corrections import (  # noqa: F401
    HistoryLine,
    correct_interaction,
    customer_history,
    delete_purchase,
    get_interaction,
    get_purchase,
    remove_interaction,
    update_purchase,
)
from rcdesk.services.customers.figures import (  # noqa: F401  # noqa: F401
    SEGMENT_HELP,
    SEGMENTS,
    CustomerFigures,
    RfmScore,
    TopCustomer,
    attrition_rate,
    customer_figures,
    retention_rate,
    rfm,
    rfm_label_counts,
    rfm_scores,
    rfm_segments,
    stats,
)
from rcdesk.services.customers.gdpr import (  # noqa: F401
    PurgeCandidate,
    purge_candidates,
    purge_years,
    set_purge_years,
)
from rcdesk.services.customers.records import (  # noqa: F401
    CIVILITIES,
    CustomerData,
    DuplicateHit,
    create_customer,
    customer_name,
    delete_customer,
    find_duplicates,
    get_customer,
    update_customer,
    validate_customer,
)
from rcdesk.services.customers.search import (  # noqa: F401
    LIST_COLUMNS,
    CustomerHit,
    CustomerQuery,
    count_customers,
    display_name,
    list_customers,
    quick_search,
)
from rcdesk.services.customers.segments import (  # noqa: F401
    SegmentMember,
    export_mailing_list,
    segment_members,
)
from rcdesk.services.customers.summaries import (  # noqa: F401
    PurchaseTotals,
    purchase_totals,
    rebuild_summaries,
    summary_problems,
)
from rcdesk.services.customers.vocabulary import country_name  # noqa: F401
