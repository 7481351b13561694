"""Letters about one complaint: the acknowledgement of receipt and the answer letter."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from rcdesk.core.errors import ServiceError
from rcdesk.core.formatting import format_date, format_long_date, format_money
from rcdesk.reports.base import CompanyDocTemplate, stylesheet, write_pdf
from rcdesk.services.complaints import complaint_addressee, get_complaint
from rcdesk.services.settings import check_letters_ready, format_phone, letter_signer


def _p(text: str, style) -> Paragraph:
    """A paragraph of plain text: newlines kept, French quotes never split from their word."""
    text = text.replace("« ", "«\u00a0").replace(" »", "\u00a0»")
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _head(detail, company, styles, subject: str, on: date | None = None) -> list:
    """Addressee block on the right, place and date, subject line."""
    addressee = complaint_addressee(detail.id)
    block = "<br/>".join(escape(x) for x in [addressee.name, *addressee.lines] if x)
    table = Table([["", Paragraph(block, styles["Body"])]], colWidths=[95 * mm, None])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    place = f"{company.city}, le " if company.city else "Le "
    return [
        table, Spacer(1, 10 * mm),
        Paragraph(escape(place + format_long_date(on or date.today())), styles["Right"]),
        Spacer(1, 6 * mm),
        Paragraph(f"<b>Objet :</b> {escape(subject)}", styles["Body"]),
        Paragraph(f"<b>Référence :</b> {escape(detail.number)}", styles["Body"]),
        Spacer(1, 6 * mm),
        Paragraph(escape(addressee.salutation), styles["Body"]), Spacer(1, 3 * mm),
    ]


def _contact(company) -> str:
    parts = [p for p in (format_phone(company.phone), company.email) if p]
    who = letter_signer() or f"le service client de {company.name}"
    if parts:
        return (f"Pour toute question, votre interlocuteur est {who}, joignable au "
                f"{' ou à '.join(parts)}, en rappelant la référence de votre réclamation.")
    return (f"Pour toute question, votre interlocuteur est {who} : rappelez la référence de "
            "votre réclamation.")


def _signature(company, styles) -> list:
    return [Spacer(1, 8 * mm), _p("Nous vous prions d'agréer nos salutations distinguées.",
                                  styles["Body"]),
            Spacer(1, 10 * mm),
            _p("\n".join(p for p in (letter_signer(), company.name) if p), styles["Body"])]


def _promise(detail) -> str:
    """The delay this complaint was given and its stored due date, which agree whatever the
    company setting says today (it may have changed since the receipt)."""
    delay = _days(detail.granted_days)
    if detail.waited_days:
        delay += f" (dont {_days(detail.waited_days)} d'attente de votre retour)"
    return (f"Nous nous engageons à vous répondre dans un délai de {delay}, soit au plus tard "
            f"le {format_long_date(detail.due_date)}.")


def _days(count: int) -> str:
    return f"{count} jour ouvré" if count <= 1 else f"{count} jours ouvrés"


def write_acknowledgement(complaint_id: int, path: str | Path, *,
                          overwrite: bool = False) -> Path:
    """Accusé de réception: number, date received, what was understood, promised delay, contact."""
    detail = get_complaint(complaint_id)
    company = check_letters_ready()
    styles = stylesheet()
    body = styles["Body"]
    story = _head(detail, company, styles, "accusé de réception de votre réclamation")
    story.append(_p(
        f"Nous avons bien reçu le {format_date(detail.received_on)} votre réclamation "
        f"(canal : {detail.channel}) et nous vous remercions de nous l'avoir signalée. Elle est "
        f"enregistrée sous le numéro {detail.number}.", body))
    story.append(Spacer(1, 3 * mm))
    story.append(_p("Voici ce que nous avons compris de votre demande :", body))
    rows = [["Produit ou service", detail.product or "—"], ["Lieu", detail.place or "—"],
            ["Votre réclamation", detail.description], ["Votre attente", detail.expectation or "—"]]
    table = Table([[_p(a, styles["TableCell"]), _p(b, styles["TableCell"])] for a, b in rows],
                  colWidths=[38 * mm, None])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.25, "#A6B4C4")]))
    story += [Spacer(1, 2 * mm), table, Spacer(1, 4 * mm)]
    story.append(_p(_promise(detail) + " Nous vous tiendrons informé(e) de l'avancement de son "
                    "traitement.", body))
    story.append(Spacer(1, 3 * mm))
    story.append(_p(_contact(company), body))
    story += _signature(company, styles)
    title = f"Accusé de réception {detail.number}"
    return write_pdf(lambda target: CompanyDocTemplate(target, company, title).build(story),
                     path, overwrite=overwrite)


def write_answer_letter(complaint_id: int, path: str | Path, *,
                        overwrite: bool = False) -> Path:
    """The answer letter: the answer given and the compensation granted, if any."""
    detail = get_complaint(complaint_id)
    if not detail.answer_text:
        raise ServiceError(f"{detail.number} n'a pas encore de réponse enregistrée.")
    company = check_letters_ready()
    styles = stylesheet()
    body = styles["Body"]
    story = _head(detail, company, styles, "réponse à votre réclamation", detail.answer_date)
    about = f" au sujet de : {detail.product}" if detail.product else ""
    story.append(_p(
        f"Vous nous avez fait part le {format_date(detail.received_on)} de votre "
        f"mécontentement{about}. Nous vous prions de bien vouloir nous en excuser.", body))
    story.append(Spacer(1, 3 * mm))
    story.append(_p(detail.answer_text, body))
    if detail.compensation != "aucune":
        text = f"À titre de dédommagement, nous vous accordons : {detail.compensation}"
        if detail.cost_cents:
            text += f" ({format_money(detail.cost_cents, company.currency)})"
        story += [Spacer(1, 3 * mm), _p(text + ".", body)]
    story += [Spacer(1, 3 * mm),
              _p("Nous vous remercions de votre confiance et restons à votre écoute. "
                 + _contact(company), body)]
    story += _signature(company, styles)
    title = f"Réponse {detail.number}"
    return write_pdf(lambda target: CompanyDocTemplate(target, company, title).build(story),
                     path, overwrite=overwrite)
