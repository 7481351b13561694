"""One seam of the Satisfaction tab onto the services (rcdesk.services.surveys and the
functions it offers other areas): widgets call these, never the models. Every call runs on the
GUI thread and is one short transaction or a few aggregate queries."""

from __future__ import annotations


def surveys():
    from rcdesk.services import surveys as service

    return service


def results():
    from rcdesk.services.surveys import results as service

    return service


def loop():
    from rcdesk.services.surveys import loop as service

    return service


def imports():
    from rcdesk.services.surveys import imports as service

    return service


def campaign_results(*, campaign_id: int, cut: str):
    return results().campaign_results(campaign_id, cut)


def customer_name(*, customer_id: int) -> str:
    from rcdesk.services.customers import customer_name as name

    return name(customer_id)


def write_campaign_pdf(*, campaign_id: int, path: str, cut: str):
    from rcdesk.reports.satisfaction import write_satisfaction_report

    return write_satisfaction_report(campaign_id, path, cut=cut, overwrite=True)


def write_questionnaire_pdf(*, questionnaire_id: int, path: str):
    from rcdesk.reports.questionnaire import write_questionnaire

    return write_questionnaire(questionnaire_id, path, overwrite=True)


def preview(*, path: str) -> tuple[list[str], list[list[str]]]:
    """The header and first rows of a file to import (the columns the dialog maps)."""
    from rcdesk.services.tabular import detect_format, read_preview

    return read_preview(path, detect_format(path), rows=3)


def delete_campaign(campaign_id: int) -> int:
    """The campaign and its responses deleted; their customers' « Dernier contact » recomputed
    from every area (services/last_contact)."""
    from rcdesk.services import last_contact

    return last_contact.delete_campaign(campaign_id)
