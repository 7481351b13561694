"""A campaign's satisfaction report: NPS with its margin and distribution, the trend of the
questionnaire's campaigns, the mapping (vector, reportlab.graphics), the criteria, the zone 2
list, the staff mirror and the verbatims."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from rcdesk.core.formatting import format_date, format_number
from rcdesk.core.satisfaction import CUT_MIDDLE, CUTS, SMALL_SAMPLE, ZONES, Nps, nps_category
from rcdesk.reports.base import (
    ACCENT,
    FONT,
    FONT_BOLD,
    CompanyDocTemplate,
    stylesheet,
    table_style_commands,
    write_pdf,
)
from rcdesk.services.settings import get_company
from rcdesk.services.surveys.results import (
    campaign_results,
    campaigns_nps,
    compare,
    mirror_campaign,
    nps_by_month,
    verbatims,
)

TITLE = "Rapport de satisfaction"
PROMOTER = colors.HexColor("#1E8449")
PASSIVE = colors.HexColor("#9AA5B1")
DETRACTOR = colors.HexColor("#C0392B")
ZONE_COLOURS = {1: colors.HexColor("#1E8449"), 2: colors.HexColor("#C0392B"),
                3: colors.HexColor("#1F77B4"), 4: colors.HexColor("#E08A00")}
ZONE_FILLS = {1: colors.HexColor("#E8F5EC"), 2: colors.HexColor("#FBEAEA"),
              3: colors.HexColor("#E9F1FA"), 4: colors.HexColor("#FDF3E3")}
MAX_VERBATIMS = 60


def _p(text: str, style) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def n1(value: float) -> str:
    return format_number(round(value, 1), 1)


def nps_sentence(nps: Nps | None) -> str:
    """"NPS +20,0 ± 54,0 (de −34,0 à +74,0), 10 réponses" — the one wording of the reports."""
    if nps is None:
        return "Pas de NPS : aucune réponse à la question de recommandation."
    sign = "+" if nps.score > 0 else ""
    return (f"NPS {sign}{n1(nps.score)} ± {n1(nps.margin)} (de {n1(nps.low)} à "
            f"{n1(nps.high)}, intervalle de confiance à 95 %), {nps.n} réponses")


def _nps_bars(distribution: dict[int, int], width: float) -> Drawing:
    """Answers per score 0–10, coloured by category, with the counts above the bars."""
    height = 42 * mm
    d = Drawing(width, height)
    top = max(distribution.values()) or 1
    slot = width / 11
    base = 8 * mm
    for score in range(11):
        count = distribution.get(score, 0)
        h = (height - base - 7 * mm) * count / top
        colour = {"promoter": PROMOTER, "passive": PASSIVE, "detractor": DETRACTOR}[nps_category(score)]
        x = score * slot + slot * 0.15
        d.add(Rect(x, base, slot * 0.7, h, fillColor=colour, strokeColor=None))
        d.add(String(x + slot * 0.35, base - 4 * mm, str(score), fontName=FONT, fontSize=8,
                     textAnchor="middle"))
        if count:
            d.add(String(x + slot * 0.35, base + h + 1.5 * mm, str(count), fontName=FONT,
                         fontSize=7, textAnchor="middle"))
    d.add(Line(0, base, width, base, strokeColor=colors.grey, strokeWidth=0.5))
    return d


def _stacked(nps: Nps, width: float) -> Drawing:
    d = Drawing(width, 9 * mm)
    x = 0.0
    for count, colour, name in ((nps.detractors, DETRACTOR, "Détracteurs"),
                                (nps.passives, PASSIVE, "Neutres"),
                                (nps.promoters, PROMOTER, "Promoteurs")):
        w = width * count / nps.n
        if w <= 0:
            continue
        d.add(Rect(x, 0, w, 9 * mm, fillColor=colour, strokeColor=colors.white))
        if w > 22 * mm:
            d.add(String(x + w / 2, 3.2 * mm, f"{name} {format_number(nps.pct(count), 0)} %",
                         fontName=FONT_BOLD, fontSize=7.5, fillColor=colors.white,
                         textAnchor="middle"))
        x += w
    return d


def _trend(points: list[tuple[str, Nps | None]], width: float, current: str) -> Drawing:
    """Each campaign's NPS with its 95 % interval, on a −100…+100 axis."""
    height = 55 * mm
    d = Drawing(width, height)
    left, bottom, top = 12 * mm, 12 * mm, height - 4 * mm

    def y(value: float) -> float:
        return bottom + (value + 100) / 200 * (top - bottom)

    for v in (-100, -50, 0, 50, 100):
        d.add(Line(left, y(v), width, y(v), strokeColor=colors.HexColor("#DDDDDD"),
                   strokeWidth=0.4 if v else 0.9))
        d.add(String(left - 2 * mm, y(v) - 1 * mm, f"{v:+d}" if v else "0", fontName=FONT,
                     fontSize=7, textAnchor="end"))
    slot = (width - left) / max(1, len(points))
    shown = short_labels([label for label, _ in points])
    for i, (label, nps) in enumerate(points):
        x = left + slot * (i + 0.5)
        short = shown[i] if len(shown[i]) <= 24 else shown[i][:23] + "…"
        d.add(String(x, bottom - 5 * mm, short, fontName=FONT_BOLD if label == current else FONT,
                     fontSize=6.5, textAnchor="middle"))
        if nps is None:
            d.add(String(x, y(0) + 2 * mm, "pas de réponse", fontName=FONT, fontSize=6.5,
                         textAnchor="middle", fillColor=colors.grey))
            continue
        low, high = max(-100.0, nps.low), min(100.0, nps.high)
        d.add(Line(x, y(low), x, y(high), strokeColor=ACCENT, strokeWidth=1))
        for end in (low, high):
            d.add(Line(x - 1.5 * mm, y(end), x + 1.5 * mm, y(end), strokeColor=ACCENT,
                       strokeWidth=1))
        d.add(Rect(x - 1.6 * mm, y(nps.score) - 1.6 * mm, 3.2 * mm, 3.2 * mm,
                   fillColor=ACCENT if label == current else colors.white, strokeColor=ACCENT))
        d.add(String(x + 2.5 * mm, y(nps.score) - 1 * mm, n1(nps.score), fontName=FONT,
                     fontSize=7))
    return d


def short_labels(labels: list[str]) -> list[str]:
    """The titles without the words they all start with ("Visite en boutique — T1 11/2025"
    and "… — T2 02/2026" -> "T1 11/2025", "T2 02/2026")."""
    if len(labels) < 2:
        return labels
    words = [label.split() for label in labels]
    common = 0
    while all(len(w) > common + 1 for w in words) and len({w[common] for w in words}) == 1:
        common += 1
    trimmed = [" ".join(w[common:]).lstrip("—–-: ").strip() for w in words]
    return [t or label for t, label in zip(trimmed, labels)]


def place_labels(points: list[tuple[float, float, float]], line: float) -> list[float]:
    """The baseline of each label (x, y, width) moved down until it overlaps no label
    already placed (labels of close criteria would print over each other)."""
    placed: list[tuple[float, float, float]] = []
    result = []
    for x, y, w in points:
        while any(abs(y - py) < line and x < px + pw and px < x + w for px, py, pw in placed):
            y -= line
        placed.append((x, y, w))
        result.append(y)
    return result


def mapping_drawing(m, width: float, height: float) -> Drawing:
    """The importance × satisfaction mapping: four zones cut as chosen, each criterion a
    labelled point (x = satisfaction, y = importance)."""
    d = Drawing(width, height)
    left, bottom = 14 * mm, 12 * mm
    right, top = width - 4 * mm, height - 6 * mm
    low, high = m.scale

    def sx(v: float) -> float:
        return left + (v - low) / (high - low) * (right - left)

    def sy(v: float) -> float:
        return bottom + (v - low) / (high - low) * (top - bottom)

    cut_s = m.cut_satisfaction if m.cut_satisfaction is not None else (low + high) / 2
    cut_i = m.cut_importance if m.cut_importance is not None else (low + high) / 2
    # zone backgrounds: 2 top-left, 1 top-right, 4 bottom-left, 3 bottom-right
    for zone, (x0, y0, x1, y1) in {2: (low, cut_i, cut_s, high), 1: (cut_s, cut_i, high, high),
                                   4: (low, low, cut_s, cut_i), 3: (cut_s, low, high, cut_i)
                                   }.items():
        d.add(Rect(sx(x0), sy(y0), sx(x1) - sx(x0), sy(y1) - sy(y0), fillColor=ZONE_FILLS[zone],
                   strokeColor=None))
        name, _ = ZONES[zone]
        tx = sx(x0) + 2 * mm if zone in (2, 4) else sx(x1) - 2 * mm
        ty = sy(y1) - 4 * mm if zone in (1, 2) else sy(y0) + 2 * mm
        d.add(String(tx, ty, f"Zone {zone} — {name}", fontName=FONT_BOLD, fontSize=7,
                     fillColor=ZONE_COLOURS[zone],
                     textAnchor="start" if zone in (2, 4) else "end"))
    d.add(Line(sx(cut_s), sy(low), sx(cut_s), sy(high), strokeColor=colors.grey,
               strokeDashArray=[3, 2]))
    d.add(Line(sx(low), sy(cut_i), sx(high), sy(cut_i), strokeColor=colors.grey,
               strokeDashArray=[3, 2]))
    d.add(Rect(sx(low), sy(low), sx(high) - sx(low), sy(high) - sy(low), fillColor=None,
               strokeColor=colors.black, strokeWidth=0.6))
    for v in range(low, high + 1):
        d.add(String(sx(v), bottom - 4 * mm, str(v), fontName=FONT, fontSize=7,
                     textAnchor="middle"))
        d.add(String(left - 2 * mm, sy(v) - 1 * mm, str(v), fontName=FONT, fontSize=7,
                     textAnchor="end"))
    d.add(String((left + right) / 2, 2 * mm, "Satisfaction →", fontName=FONT_BOLD, fontSize=8,
                 textAnchor="middle"))
    d.add(String(3 * mm, top + 1.5 * mm, "↑ Importance", fontName=FONT_BOLD, fontSize=8))
    from reportlab.pdfbase.pdfmetrics import stringWidth

    shown = sorted((c for c in m.criteria if c.zone is not None),
                   key=lambda c: (-c.importance, c.satisfaction))
    boxes = []
    for c in shown:
        x, yy = sx(c.satisfaction), sy(c.importance)
        d.add(Rect(x - 1.5 * mm, yy - 1.5 * mm, 3 * mm, 3 * mm, fillColor=ZONE_COLOURS[c.zone],
                   strokeColor=colors.white))
        label = c.label if len(c.label) <= 28 else c.label[:27] + "…"
        text = f"Q{c.number} {label}"
        w = stringWidth(text, FONT, 7)
        start = x - 2.5 * mm - w if x > (left + right) * 0.7 else x + 2.5 * mm
        boxes.append((text, start, yy + 1.8 * mm, w))
    for (text, start, _, _w), y in zip(boxes, place_labels(
            [(start, y, w) for _, start, y, w in boxes], 3.2 * mm)):
        d.add(String(start, y, text, fontName=FONT, fontSize=7))
    return d


def build_story(campaign_id: int, cut: str = CUT_MIDDLE) -> list:
    styles = stylesheet()
    results = campaign_results(campaign_id, cut)
    c = results.campaign
    width = 174 * mm
    period = f"du {format_date(c.start_date)}" + (f" au {format_date(c.end_date)}"
                                                  if c.end_date else "")
    story: list = [_p(f"{TITLE} — {c.title}", styles["Title"]),
                   _p(f"Questionnaire « {c.questionnaire_title} » ({c.audience}), {period}, "
                      f"canal : {c.channel}. {results.responses} réponse(s)"
                      + (f" sur {c.asked} personnes sollicitées (taux de réponse "
                         f"{format_number(c.response_rate, 1)} %)." if c.asked else "."),
                      styles["Body"]), Spacer(1, 4 * mm)]
    nps = results.nps
    story.append(_p("Net Promoter Score", styles["Heading1"]))
    story.append(_p(nps_sentence(nps) + ("." if nps else ""), styles["Heading2"]))
    if nps is not None:
        if nps.n < SMALL_SAMPLE:
            story.append(_p(f"Attention : moins de {SMALL_SAMPLE} réponses ({nps.n}) — la "
                            "marge d'erreur est une approximation grossière.", styles["Body"]))
        rows = [["", "Réponses", "Part"]]
        for name, count in (("Promoteurs (9–10)", nps.promoters), ("Neutres (7–8)", nps.passives),
                            ("Détracteurs (0–6)", nps.detractors)):
            rows.append([name, str(count), f"{format_number(nps.pct(count), 1)} %"])
        table = Table(rows, colWidths=[60 * mm, 30 * mm, 30 * mm])
        table.setStyle(TableStyle(table_style_commands()))
        story += [Spacer(1, 2 * mm), _stacked(nps, width), Spacer(1, 3 * mm), table,
                  Spacer(1, 3 * mm), _p("Répartition des notes de recommandation :",
                                        styles["Body"]),
                  _nps_bars(results.nps_distribution, width)]
        story.append(_p("Le NPS est le % de promoteurs moins le % de détracteurs : un nombre "
                        "de −100 à +100, pas un pourcentage. Marge à 95 % : 1,96 × √(var / n) "
                        "× 100, var = (p + d) − (p − d)².", styles["Small"]))
    trend = [(x.title, n) for x, n in campaigns_nps()
             if x.questionnaire_id == c.questionnaire_id]
    if len(trend) > 1:
        story.append(KeepTogether([_p("Évolution par campagne", styles["Heading1"]),
                                   _trend(trend, width, c.title),
                                   _trend_note(trend, c.title, styles)]))
    months = [(m, n) for m, n in nps_by_month(audience=c.audience) if n is not None][-12:]
    if months:
        story.append(_p(f"NPS par mois (toutes les campagnes « {c.audience} ») : " + " · ".join(
            f"{m[5:]}/{m[:4]} {n1(n.score)} ({n.n})" for m, n in months), styles["Small"]))
    m = results.mapping
    if m.criteria:
        cut_text = (f"coupure au {CUTS[m.cut]}" + (
            "" if m.cut_satisfaction is None else
            f" (satisfaction {format_number(m.cut_satisfaction, 2)}, importance "
            f"{format_number(m.cut_importance, 2)})"))
        story.append(KeepTogether([
            _p("Mapping de satisfaction (matrice attentes-satisfaction)", styles["Heading1"]),
            _p(f"Échelle {m.scale[0]}–{m.scale[1]}, {cut_text}. Un critère sur une coupure "
               "compte comme important / satisfait.", styles["Body"]),
            Spacer(1, 2 * mm), mapping_drawing(m, width, 105 * mm)]))
        story.append(_p("Critères", styles["Heading1"]))
        head = ParagraphStyle("SmallHead", parent=styles["TableHead"], fontSize=7.5, leading=9)
        rows = [[_p(t, head) for t in ("N°", "Critère", "Satisfaction", "Importance",
                                       "Satisfaits (2 cases du haut)", "Zone", "Réponses")]]
        for k in m.criteria:
            rows.append([f"Q{k.number}", _p(k.label, styles["TableCell"]),
                         "—" if k.satisfaction is None else format_number(k.satisfaction, 2),
                         "—" if k.importance is None else format_number(k.importance, 2),
                         "—" if k.satisfied_pct is None
                         else f"{format_number(k.satisfied_pct, 0)} %",
                         "—" if k.zone is None else f"{k.zone} — {ZONES[k.zone][0]}",
                         str(k.answers)])
        table = Table(rows, colWidths=[9 * mm, 38 * mm, 24 * mm, 23 * mm, 22 * mm, 38 * mm,
                                       20 * mm], repeatRows=1)
        table.setStyle(TableStyle(table_style_commands()))
        story.append(table)
        urgent = m.in_zone(2)
        story.append(_p("Zone 2 — points à améliorer (URGENCE)", styles["Heading2"]))
        if urgent:
            for k in urgent:
                story.append(_p(f"• Q{k.number} {k.label} : importance "
                                f"{format_number(k.importance, 2)}, satisfaction "
                                f"{format_number(k.satisfaction, 2)} — actions à mettre en "
                                "place (plan d'actions qualité).", styles["Body"]))
        else:
            story.append(_p("Aucun critère en zone 2.", styles["Body"]))
        story += _mirror(campaign_id, styles)
    story += _verbatims(campaign_id, styles)
    return story


def _trend_note(trend, current: str, styles) -> Paragraph:
    from rcdesk.core.satisfaction import nps_difference

    index = next(i for i, (label, _) in enumerate(trend) if label == current)
    if index == 0 or trend[index][1] is None or trend[index - 1][1] is None:
        return _p("Les barres donnent l'intervalle de confiance à 95 % de chaque NPS.",
                  styles["Small"])
    diff = nps_difference(trend[index - 1][1], trend[index][1])
    verdict = "significative" if diff.significant else "non significative (dans le bruit)"
    return _p(f"Par rapport à « {trend[index - 1][0]} » : écart de {n1(diff.difference)} "
              f"points ± {n1(diff.margin)}, différence {verdict}. Les barres donnent "
              "l'intervalle de confiance à 95 % de chaque NPS.", styles["Small"])


def _mirror(campaign_id: int, styles) -> list:
    other = mirror_campaign(campaign_id)
    if other is None:
        return []
    comparison = compare(campaign_id, other)
    a, b = comparison.a.campaign, comparison.b.campaign
    head = styles["TableHead"]
    rows = [[_p(t, head) for t in ("Critère", f"Satisfaction {a.audience}",
                                   f"Satisfaction {b.audience}", "Écart")]]
    for g in comparison.criteria:
        if g.gap is None:
            continue
        rows.append([g.label, format_number(g.a_satisfaction, 2),
                     format_number(g.b_satisfaction, 2), format_number(g.gap, 2)])
    if len(rows) == 1:
        return []
    table = Table(rows, colWidths=[62 * mm, 38 * mm, 38 * mm, 30 * mm])
    table.setStyle(TableStyle(table_style_commands()))
    return [KeepTogether([
        _p("Symétrie des attentions", styles["Heading1"]),
        _p(f"Les mêmes critères vus par l'autre public : « {b.title} ».", styles["Body"]),
        Spacer(1, 2 * mm), table])]


def _verbatims(campaign_id: int, styles) -> list:
    items = verbatims(campaign_id, limit=MAX_VERBATIMS)
    if not items:
        return []
    names = {"promoter": "promoteur", "passive": "neutre", "detractor": "détracteur"}
    rows = [["Note", "Profil", "Client", "Pourquoi ?"]]
    for v in items:
        rows.append([f"{v.score}/10", names.get(v.category, ""),
                     _p(v.customer_name or "anonyme", styles["TableCell"]),
                     _p(v.text, styles["TableCell"])])
    table = Table(rows, colWidths=[14 * mm, 22 * mm, 36 * mm, 102 * mm], repeatRows=1)
    table.setStyle(TableStyle(table_style_commands()))
    head = f"Verbatims « Pourquoi ? » ({len(items)}" + (
        " premiers, détracteurs d'abord)" if len(items) == MAX_VERBATIMS else ")")
    return [_p(head, styles["Heading1"]), table]


def write_satisfaction_report(campaign_id: int, path: str | Path, *, cut: str = CUT_MIDDLE,
                              overwrite: bool = False) -> Path:
    story = build_story(campaign_id, cut)
    company = get_company()

    def build(target):
        CompanyDocTemplate(target, company, TITLE).build(story)

    return write_pdf(build, path, overwrite=overwrite)
