"""The paper questionnaire: the company's header and logo, the questions with boxes to tick
and lines to write on, to hand out at the counter and type back on the entry screen."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from rcdesk.reports.base import FONT, FONT_BOLD, CompanyDocTemplate, stylesheet, write_pdf
from rcdesk.services.settings import get_company
from rcdesk.services.surveys import (
    CRITERION,
    MULTIPLE,
    NPS,
    RATING,
    SINGLE,
    TEXT,
    YESNO,
    get_questionnaire,
)

BOX = "☐"
LINE = colors.HexColor("#9AA5B1")


def _p(text: str, style) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _lines(count: int, width: float) -> Table:
    table = Table([[""] for _ in range(count)], colWidths=[width], rowHeights=[8 * mm] * count)
    table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.5, LINE)]))
    return table


def _scale_row(caption: str, low: int, high: int, width: float) -> Table:
    cells = [caption] + [f"{BOX} {v}" for v in range(low, high + 1)]
    first = 32 * mm if caption else 4 * mm
    each = (width - first) / (high - low + 1)
    table = Table([cells], colWidths=[first] + [each] * (high - low + 1))
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT),
                               ("FONTSIZE", (0, 0), (-1, -1), 11),
                               ("FONTNAME", (0, 0), (0, 0), FONT_BOLD),
                               ("ALIGN", (1, 0), (-1, -1), "CENTER"),
                               ("TOPPADDING", (0, 0), (-1, -1), 2),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    return table


def build_story(questionnaire_id: int) -> list:
    styles = stylesheet()
    q = get_questionnaire(questionnaire_id, counts=False)
    width = 174 * mm
    story: list = [_p(q.title, styles["Title"])]
    if q.intro:
        story.append(_p(q.intro, styles["Body"]))
    story.append(_p("Cochez une case par ligne. Les questions marquées * sont obligatoires.",
                    styles["Small"]))
    story.append(Spacer(1, 4 * mm))
    for question in q.questions:
        star = " *" if question.required else ""
        block = [_p(f"{question.number}. {question.label}{star}", styles["Heading2"])]
        low, high = question.scale
        if question.kind == NPS:
            block += [_scale_row("", 0, 10, width),
                      _p("0 = pas du tout probable — 10 = tout à fait probable",
                         styles["Small"]),
                      _p("Pourquoi ?", styles["Body"]), _lines(2, width)]
        elif question.kind == CRITERION:
            block += [_scale_row("Satisfaction", low, high, width),
                      _scale_row("Importance", low, high, width),
                      _p(f"Satisfaction : {low} = pas satisfait — {high} = très satisfait. "
                         f"Importance : {low} = pas important — {high} = très important.",
                         styles["Small"])]
        elif question.kind == RATING:
            block.append(_scale_row("", low, high, width))
        elif question.kind == YESNO:
            choice = Table([[f"{BOX} Oui", f"{BOX} Non"]], colWidths=[28 * mm, 28 * mm],
                           hAlign="LEFT")
            choice.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT),
                                        ("FONTSIZE", (0, 0), (-1, -1), 11),
                                        ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
            block.append(choice)
        elif question.kind in (SINGLE, MULTIPLE):
            hint = "une seule réponse" if question.kind == SINGLE else "plusieurs réponses possibles"
            block.append(_p(f"({hint})", styles["Small"]))
            block += [_p(f"{BOX} {choice}", styles["Body"]) for choice in question.choices]
        elif question.kind == TEXT:
            block.append(_lines(3, width))
        block.append(Spacer(1, 3 * mm))
        story.append(KeepTogether(block))
    if q.audience == "clients":
        story.append(KeepTogether([
            _p("Vos coordonnées (facultatif)", styles["Heading2"]),
            _p("Pour que nous puissions vous répondre. Sans elles, votre avis reste anonyme.",
               styles["Small"]),
            Table([["Nom :", ""], ["E-mail ou téléphone :", ""]],
                  colWidths=[42 * mm, width - 42 * mm], rowHeights=[9 * mm, 9 * mm],
                  style=TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT),
                                    ("LINEBELOW", (1, 0), (1, -1), 0.5, LINE),
                                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))]))
    story += [Spacer(1, 5 * mm), _p("Merci de votre réponse !", styles["Heading2"])]
    return story


def write_questionnaire(questionnaire_id: int, path: str | Path, *,
                        overwrite: bool = False) -> Path:
    story = build_story(questionnaire_id)
    company = get_company()
    title = get_questionnaire(questionnaire_id, counts=False).title

    def build(target):
        CompanyDocTemplate(target, company, title).build(story)

    return write_pdf(build, path, overwrite=overwrite)
