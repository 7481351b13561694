"""The maturity diagnosis PDF: the consultant's deliverable for one self-assessment."""

from __future__ import annotations

import math
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer, Table, TableStyle

from rcdesk.core.formatting import format_date, format_long_date, format_number, format_signed
from rcdesk.reports.base import (
    ACCENT,
    FONT,
    FONT_BOLD,
    CompanyDocTemplate,
    stylesheet,
    table_style_commands,
    write_pdf,
)
from rcdesk.services.assessment import AssessmentView, comparison, get_assessment, rules
from rcdesk.services.assessment.rules import LEVELS, SWOT_FIELDS, THEMES
from rcdesk.services.settings import get_company

TITLE = "Diagnostic de maturité de la relation client"
CURRENT_COLOUR = colors.HexColor("#1F77B4")
PREVIOUS_COLOUR = colors.HexColor("#9AA5B1")
THRESHOLD_COLOUR = colors.HexColor("#E08A00")
LEVEL_COLOURS = {"consolider": colors.HexColor("#C0392B"), "maitrisee": colors.HexColor("#1F77B4"),
                 "excellence": colors.HexColor("#1E8449")}


def _p(text: str, style) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _n(value: float) -> str:
    """A threshold as the reader writes it: 7, or 6,5."""
    return format_number(value, 0 if float(value).is_integer() else 1)


def _threshold() -> str:
    """The score under which a theme gets a recommendation (rules.RECOMMENDATION_BELOW): "7"."""
    return _n(rules.RECOMMENDATION_BELOW)


def _levels_rule() -> str:
    """"moyenne < 7 : Relation Client à consolider ; de 7 à moins de 9 : … ; 9 et plus : …",
    from the levels' minimums (the rule maturity_level applies)."""
    parts = []
    for level, following in zip(LEVELS, LEVELS[1:] + (None,)):
        if following is None:
            parts.append(f"{_n(level.minimum)} et plus : {level.label}")
        elif level is LEVELS[0]:
            parts.append(f"moyenne < {_n(following.minimum)} : {level.label}")
        else:
            parts.append(f"de {_n(level.minimum)} à moins de {_n(following.minimum)} : "
                         f"{level.label}")
    return " ; ".join(parts)


def radar_drawing(scores, previous=None, *, size: float = 120 * mm, labels: bool = True,
                  previous_label: str = "Évaluation précédente") -> Drawing:
    """The 8 scores on a radar (vector): grid rings every 2 points, the recommendation
    threshold (7) dashed, the previous assessment in grey beneath the current one."""
    drawing = Drawing(size, size * 0.82)
    cx, cy = size / 2, size * 0.41
    radius = size * 0.27
    count = len(THEMES)

    def point(index: int, value: float) -> tuple[float, float]:
        angle = math.pi / 2 - 2 * math.pi * index / count  # theme 1 at the top, clockwise
        return cx + radius * value / 10 * math.cos(angle), cy + radius * value / 10 * math.sin(angle)

    for ring in (2, 4, 6, 8, 10):
        pts = [c for i in range(count) for c in point(i, ring)]
        drawing.add(Polygon(pts, strokeColor=colors.HexColor("#C8D1DC"), strokeWidth=0.5,
                            fillColor=None))
        x, y = point(0, ring)
        drawing.add(String(x + 2, y + 1, str(ring), fontName=FONT, fontSize=6,
                           fillColor=colors.grey))
    threshold = [c for i in range(count) for c in point(i, rules.RECOMMENDATION_BELOW)]
    drawing.add(Polygon(threshold, strokeColor=THRESHOLD_COLOUR, strokeWidth=0.7,
                        strokeDashArray=[2, 2], fillColor=None))
    for index in range(count):
        x, y = point(index, 10)
        drawing.add(Line(cx, cy, x, y, strokeColor=colors.HexColor("#C8D1DC"), strokeWidth=0.5))
    if previous is not None:
        pts = [c for i, v in enumerate(previous) for c in point(i, v)]
        drawing.add(Polygon(pts, strokeColor=PREVIOUS_COLOUR, strokeWidth=1.2,
                            strokeDashArray=[4, 2], fillColor=None))
    pts = [c for i, v in enumerate(scores) for c in point(i, v)]
    drawing.add(Polygon(pts, strokeColor=CURRENT_COLOUR, strokeWidth=1.8,
                        fillColor=colors.Color(0.12, 0.47, 0.71, alpha=0.18)))
    for index, value in enumerate(scores):
        x, y = point(index, value)
        drawing.add(Circle(x, y, 2, fillColor=CURRENT_COLOUR, strokeColor=colors.white,
                           strokeWidth=0.5))
    if labels:
        for index, theme in enumerate(THEMES):
            angle = math.pi / 2 - 2 * math.pi * index / count
            x = cx + (radius + 9) * math.cos(angle)
            y = cy + (radius + 9) * math.sin(angle) - 3
            if math.sin(angle) > 0.9:
                y += 15  # above the top axis: clear of the ring numbers
            anchor = "middle" if abs(math.cos(angle)) < 0.2 else (
                "start" if math.cos(angle) > 0 else "end")
            value = format_number(scores[index], 0)
            drawing.add(String(x, y, f"{theme.number}. {theme.short}", fontName=FONT_BOLD,
                               fontSize=7.5, textAnchor=anchor, fillColor=colors.black))
            drawing.add(String(x, y - 9, f"{value} / 10", fontName=FONT, fontSize=7,
                               textAnchor=anchor, fillColor=CURRENT_COLOUR))
    _draw_legend(drawing, previous is not None, previous_label)
    return drawing


def _draw_legend(drawing: Drawing, with_previous: bool, previous_label: str) -> None:
    items = [(CURRENT_COLOUR, None, 1.8, "Évaluation présentée")]
    if with_previous:
        items.append((PREVIOUS_COLOUR, [4, 2], 1.2, previous_label))
    level = rules.maturity_level(rules.RECOMMENDATION_BELOW)
    items.append((THRESHOLD_COLOUR, [2, 2], 0.7, f"Seuil {_threshold()} : {level.label}"))
    x = 8
    for colour, dash, width, text in items:
        drawing.add(Line(x, 6, x + 18, 6, strokeColor=colour, strokeWidth=width,
                         strokeDashArray=dash))
        drawing.add(String(x + 22, 3.5, text, fontName=FONT, fontSize=7, fillColor=colors.black))
        x += 30 + len(text) * 3.7


def _cover(view: AssessmentView, compared, sheet) -> list:
    company = get_company()
    level_colour = LEVEL_COLOURS[view.level.key]
    facts = [
        ["Organisation évaluée", view.organisation],
        ["Date de l'évaluation", format_long_date(view.date)],
        ["Évaluateur", view.assessor or "—"],
        ["Diagnostic réalisé par", company.name or "—"],
    ]
    table = Table([[_p(k, sheet["TableCell"]), _p(v, sheet["Body"])] for k, v in facts],
                  colWidths=[48 * mm, None])
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (0, -1), FONT_BOLD),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#C8D1DC")),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    score = Table([[Paragraph(f"<b>{format_number(view.average, 1)}</b> / 10", sheet["Title"]),
                    Paragraph(f"<b>{escape(view.level.label)}</b>", sheet["Heading2"])]],
                  colWidths=[40 * mm, None])
    score.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1, level_colour),
                               ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#F4F7FA")),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("TEXTCOLOR", (0, 0), (-1, -1), level_colour)]))
    sheet["Title"].textColor = ACCENT
    previous = compared.previous
    flow = [
        Paragraph(TITLE, sheet["Title"]),
        table, Spacer(1, 6 * mm),
        Paragraph("Note moyenne et niveau de maturité", sheet["Heading2"]),
        score, Spacer(1, 2 * mm),
        _p(view.level.text, sheet["Body"]),
        Spacer(1, 2 * mm),
        radar_drawing(view.scores, previous.scores if previous else None, size=150 * mm,
                      previous_label=(f"Évaluation précédente ({format_date(previous.date)})"
                                      if previous else "")),
    ]
    return flow


def _score_markup(score: int) -> str:
    """A score in bold, in red under the threshold (the themes that get a recommendation)."""
    if rules.needs_recommendation(score):
        return f'<font color="#{LEVEL_COLOURS["consolider"].hexval()[2:]}"><b>{score}</b></font>'
    return f"<b>{score}</b>"


def _scores_table(view: AssessmentView, compared, sheet) -> list:
    head = ["N°", "Thématique", "Note", "Évol.", "Commentaire"]
    rows = [[_p(h, sheet["TableHead"]) for h in head]]
    for theme in THEMES:
        index = theme.number - 1
        delta = format_signed(compared.deltas[index]) if compared.deltas else "—"
        rows.append([_p(str(theme.number), sheet["TableCell"]),
                     _p(theme.wording[0].upper() + theme.wording[1:], sheet["TableCell"]),
                     Paragraph(_score_markup(view.scores[index]), sheet["TableCell"]),
                     _p(delta, sheet["TableCell"]),
                     _p(view.comments[index] or "—", sheet["TableCell"])])
    rows.append([_p("", sheet["TableCell"]), Paragraph("<b>Moyenne</b>", sheet["TableCell"]),
                 Paragraph(f"<b>{format_number(view.average, 1)}</b>", sheet["TableCell"]),
                 _p(format_signed(compared.average_delta, 1) if compared.previous else "—",
                    sheet["TableCell"]),
                 _p(view.level.label, sheet["TableCell"])])
    table = Table(rows, colWidths=[9 * mm, 66 * mm, 13 * mm, 14 * mm, None], repeatRows=1)
    style = table_style_commands() + [("ALIGN", (2, 0), (3, -1), "CENTER"),
                                      ("LINEABOVE", (0, -1), (-1, -1), 0.8, ACCENT)]
    table.setStyle(TableStyle(style))
    levels = " ; ".join(f"{lvl.label} ({lvl.band.replace('-', ' à ')})" for lvl in LEVELS)
    return [Paragraph("Notes par thématique", sheet["Heading1"]), table, Spacer(1, 2 * mm),
            _p(f"Échelle de {rules.SCORE_MIN} à {rules.SCORE_MAX}. Niveaux du livre blanc : "
               f"{levels} ; {_levels_rule()}.", sheet["Small"])]


def _recommendations(view: AssessmentView, sheet) -> list:
    flow = [Paragraph("Recommandations", sheet["Heading1"])]
    if not view.recommendations:
        flow.append(_p(f"Aucune thématique n'est notée sous {_threshold()} : pas de recommandation "
                       "prioritaire. Maintenez vos pratiques et visez l'excellence.", sheet["Body"]))
        return flow
    flow.append(_p(f"Pour chaque thématique notée sous {_threshold()}, le principe et l'outil du "
                   "livre blanc « La relation client, levier de performance collective » à mettre "
                   "en œuvre.", sheet["Small"]))
    for number, text in sorted(view.recommendations.items()):
        theme = THEMES[number - 1]
        flow.append(KeepTogether([
            Paragraph(f"Thème {number} — {escape(theme.short)} "
                      f"(note {view.scores[number - 1]} / 10)", sheet["Heading2"]),
            _p(text, sheet["Body"])]))
    return flow


def _comparison(view: AssessmentView, compared, sheet) -> list:
    flow = [Paragraph("Comparaison avec l'évaluation précédente", sheet["Heading1"])]
    previous = compared.previous
    if previous is None:
        flow.append(_p("Première évaluation de cette organisation : pas encore de comparaison. "
                       "Le prochain diagnostic mesurera les progrès réalisés.", sheet["Body"]))
        return flow
    flow.append(_p(
        # the assessment shown may be an old one: named by its date, never "aujourd'hui"
        f"Évaluation précédente du {format_date(previous.date)}\u00a0: moyenne "
        f"{format_number(previous.average, 1)} ({previous.level.label}). Évaluation du "
        f"{format_date(view.date)}\u00a0: {format_number(view.average, 1)} "
        f"({view.level.label}), soit {format_signed(compared.average_delta, 1)}\u00a0"
        f"{'point' if abs(compared.average_delta) < 2 else 'points'}.", sheet["Body"]))
    rows = [[_p(h, sheet["TableHead"]) for h in
             ("Thématique", format_date(previous.date), format_date(view.date), "Écart")]]
    for theme in THEMES:
        i = theme.number - 1
        rows.append([_p(f"{theme.number}. {theme.short}", sheet["TableCell"]),
                     _p(str(previous.scores[i]), sheet["TableCell"]),
                     _p(str(view.scores[i]), sheet["TableCell"]),
                     _p(format_signed(compared.deltas[i]), sheet["TableCell"])])
    table = Table(rows, colWidths=[70 * mm, 28 * mm, 28 * mm, 20 * mm])
    style = table_style_commands() + [("ALIGN", (1, 0), (-1, -1), "CENTER")]
    for row, delta in enumerate(compared.deltas, start=1):
        if delta:
            colour = LEVEL_COLOURS["excellence"] if delta > 0 else LEVEL_COLOURS["consolider"]
            style.append(("TEXTCOLOR", (3, row), (3, row), colour))
    table.setStyle(TableStyle(style))
    flow += [Spacer(1, 2 * mm), table]
    return flow


SWOT_GRID_MAX = 900  # characters per box that still fit a 2 x 2 grid on one page


def _swot(view: AssessmentView, sheet) -> list:
    cells = {key: (label, view.swot.get(key) or "—") for key, label in SWOT_FIELDS}
    if any(len(text) > SWOT_GRID_MAX for _, text in cells.values()):
        flow = [Paragraph("Analyse SWOT", sheet["Heading1"])]
        for label, text in cells.values():
            flow += [Paragraph(label, sheet["Heading2"]), _p(text, sheet["Body"])]
        return flow

    def cell(key):
        label, text = cells[key]
        return [Paragraph(f"<b>{label}</b>", sheet["Body"]), _p(text, sheet["TableCell"])]

    table = Table([["", "Positif", "Négatif"],
                   ["Interne", cell("strengths"), cell("weaknesses")],
                   ["Externe", cell("opportunities"), cell("threats")]],
                  colWidths=[18 * mm, None, None])
    table.setStyle(TableStyle(table_style_commands() + [
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white]),
        ("BACKGROUND", (0, 1), (0, -1), colors.HexColor("#EEF3F8")),
        ("BACKGROUND", (1, 1), (1, 1), colors.HexColor("#EAF5EC")),
        ("BACKGROUND", (2, 1), (2, 1), colors.HexColor("#FBECEA")),
        ("BACKGROUND", (1, 2), (1, 2), colors.HexColor("#EAF2FB")),
        ("BACKGROUND", (2, 2), (2, 2), colors.HexColor("#FDF3E3")),
        ("FONTNAME", (0, 1), (0, -1), FONT_BOLD),
        ("VALIGN", (0, 1), (0, -1), "MIDDLE"),
    ]))
    return [KeepTogether([Paragraph("Analyse SWOT", sheet["Heading1"]), table])]


def build_maturity_report(assessment_id: int, target: str | Path | BytesIO, *,
                          overwrite: bool = False) -> Path | None:
    """Write the diagnosis of one assessment into a buffer, or to a file through write_pdf
    (returns its path)."""
    view = get_assessment(assessment_id)
    compared = comparison(assessment_id)
    sheet = stylesheet()
    company = get_company()
    flow = _cover(view, compared, sheet)
    flow += [PageBreak()] + _scores_table(view, compared, sheet)
    flow += _recommendations(view, sheet)
    flow += _comparison(view, compared, sheet)
    flow += _swot(view, sheet)

    def build(into) -> None:
        CompanyDocTemplate(into, company, TITLE).build(flow)

    if isinstance(target, BytesIO):
        build(target)
        return None
    return write_pdf(build, target, overwrite=overwrite)
