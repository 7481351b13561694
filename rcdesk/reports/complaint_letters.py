"""Letters about one complaint: the acknowledgement of receipt and the answer letter."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from rcdesk.core.errors import ServiceError
from rcdesk.core.formatting import format_date, format_long_date
from rcdesk.reports.base import CompanyDocTemplate, pdf_phone, stylesheet, write_pdf
from rcdesk.services.complaints import complaint_addressee, get_complaint
from rcdesk.services.settings import check_letters_ready, letter_signer


def _p(text: str, style) -> Paragraph:
    """A paragraph of plain text: newlines kept, French quotes never split from their word."""
    text = text.replace("« ", "«\u00a0").replace(" »", "\u00a0»")
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _head(detail, company, styles, subject: str, on: date, *, duplicate: bool = False) -> list:
    """Addressee block on the right, place and date, subject line; a duplicate says so above
    the subject, with the date of the original."""
    addressee = complaint_addressee(detail.id)
    block = "<br/>".join(escape(x) for x in [addressee.name, *addressee.lines] if x)
    table = Table([["", Paragraph(block, styles["Body"])]], colWidths=[95 * mm, None])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    place = f"{company.city}, le " if company.city else "Le "
    return [
        table, Spacer(1, 10 * mm),
        Paragraph(escape(place + format_long_date(on)), styles["Right"]),
        Spacer(1, 6 * mm),
        *([Paragraph("<b>DUPLICATA</b> de l'accusé de réception du "
                     f"{escape(format_long_date(detail.received_on))}", styles["Body"]),
           Spacer(1, 2 * mm)] if duplicate else []),
        Paragraph(f"<b>Objet :</b> {escape(subject)}", styles["Body"]),
        Paragraph(f"<b>Référence :</b> {escape(detail.number)}", styles["Body"]),
        Spacer(1, 6 * mm),
        Paragraph(escape(addressee.salutation), styles["Body"]), Spacer(1, 3 * mm),
    ]


def of_name(name: str) -> str:
    """« de » before a name, elided before a vowel: « de Maison Test », « d'Atlas Déco »,
    « d'Épicerie Fine » (h is left alone: « de Hammam Zitoun »)."""
    return ("d'" if name[:1].lower() in "aeiouyàâäéèêëîïôöùûü" else "de ") + name


def _contact(company) -> str:
    parts = [p for p in (pdf_phone(company.phone, company.country), company.email) if p]
    who = letter_signer() or f"le service client {of_name(company.name)}"
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
    company setting says today (it may have changed since the receipt); a running pause is
    named, since the due date moves by the days waited when it ends."""
    delay = _days(detail.granted_days)
    if detail.waited_days:
        delay += f" (dont {_days(detail.waited_days)} d'attente de votre retour)"
    text = (f"Nous nous engageons à vous répondre dans un délai de {delay}, soit au plus tard "
            f"le {format_long_date(detail.due_date)}.")
    if detail.paused_on is not None:
        text += (f" Ce délai est suspendu depuis le {format_date(detail.paused_on)} dans "
                 "l'attente de votre retour : l'échéance sera reportée d'autant.")
    return text


UNFOUNDED_DECISION = (
    "Après examen, votre réclamation ne peut pas être retenue : les éléments constatés ne "
    "relèvent pas d'un défaut du produit ou du service, ni d'un manquement de notre part. "
    "Si vous disposez d'éléments que nous n'aurions pas pris en compte, faites-les-nous "
    "parvenir : nous réexaminerons votre demande.")
GUARANTEES = (
    "Pour rappel, les garanties légale et contractuelle couvrent les défauts présents lors de "
    "l'achat ou apparus lors d'une utilisation normale du produit ; elles ne s'appliquent pas "
    "aux dommages résultant d'une manipulation ou d'un usage non conformes. Elles restent "
    "acquises pour tout autre défaut, dans leurs conditions habituelles.")


def is_unfounded(detail) -> bool:
    """A complaint the answer turns down: qualified « non fondée », « mauvaise foi », or not
    receivable. Its letter explains the decision and the guarantees instead of apologising
    (M303: a bad-faith complaint is denied; the guarantees apply to normal use)."""
    return (detail.founded is False or detail.type == "mauvaise foi"
            or detail.status == "Non recevable")


def compensation_sentence(compensation: str, answer_text: str, refused: bool) -> str:
    """The one sentence naming the compensation, or "" when there is none or the answer text
    already names it (stated once). The shop's internal cost is never printed."""
    if compensation == "aucune":
        return ""
    if re.search(rf"\b{re.escape(compensation)}\b", answer_text, re.IGNORECASE):
        return ""
    if refused:
        return ("Sans reconnaissance de responsabilité de notre part, nous vous accordons "
                f"toutefois : {compensation}.")
    return f"À titre de dédommagement, nous vous accordons : {compensation}."


def _days(count: int) -> str:
    return f"{count} jour ouvré" if count <= 1 else f"{count} jours ouvrés"


def write_acknowledgement(complaint_id: int, path: str | Path, *, overwrite: bool = False,
                          duplicate: bool = False, today: date | None = None) -> Path:
    """Accusé de réception: number, date received, what was understood, promised delay, contact.

    The original is dated the day the complaint was received, whenever it is printed; a
    duplicate (duplicate=True) is dated today and says so, naming the original's date. Both
    promise the due date stored on the complaint."""
    detail = get_complaint(complaint_id)
    company = check_letters_ready()
    styles = stylesheet()
    body = styles["Body"]
    on = (today or date.today()) if duplicate else detail.received_on
    story = _head(detail, company, styles, "accusé de réception de votre réclamation", on,
                  duplicate=duplicate)
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
    informed = {"Madame,": "informée", "Monsieur,": "informé"}.get(
        complaint_addressee(detail.id).salutation, "informé(e)")
    story.append(_p(_promise(detail) + f" Nous vous tiendrons {informed} de l'avancement de son "
                    "traitement.", body))
    story.append(Spacer(1, 3 * mm))
    story.append(_p(_contact(company), body))
    story += _signature(company, styles)
    title = f"Accusé de réception {detail.number}" + (" (duplicata)" if duplicate else "")
    return write_pdf(lambda target: CompanyDocTemplate(target, company, title, footer=False
                                                       ).build(story),
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
    refused = is_unfounded(detail)
    if refused:
        story.append(_p(
            f"Vous nous avez fait part le {format_date(detail.received_on)} de votre "
            f"mécontentement{about}. Nous avons examiné votre réclamation avec attention.", body))
    else:
        story.append(_p(
            f"Vous nous avez fait part le {format_date(detail.received_on)} de votre "
            f"mécontentement{about}. Nous vous prions de bien vouloir nous en excuser.", body))
    story.append(Spacer(1, 3 * mm))
    story.append(_p(detail.answer_text, body))
    if refused:
        story += [Spacer(1, 3 * mm), _p(UNFOUNDED_DECISION, body),
                  Spacer(1, 3 * mm), _p(GUARANTEES, body)]
    line = compensation_sentence(detail.compensation, detail.answer_text, refused)
    if line:
        story += [Spacer(1, 3 * mm), _p(line, body)]
    story += [Spacer(1, 3 * mm),
              _p("Nous vous remercions de votre confiance et restons à votre écoute. "
                 + _contact(company), body)]
    story += _signature(company, styles)
    title = f"Réponse {detail.number}"
    return write_pdf(lambda target: CompanyDocTemplate(target, company, title, footer=False
                                                       ).build(story),
                     path, overwrite=overwrite)
