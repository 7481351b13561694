"""The Suivi charts name every category and channel whole, however long."""

from __future__ import annotations

import os
from datetime import date

from rcdesk.services import complaints as cs
from rcdesk.ui.complaints import indicators as indicators_module
from tests.unit.complaints.test_reports import LONG_CATEGORIES


def test_long_category_and_channel_names_are_never_cut(qtbot, context):
    ids = {name: cs.add_category(name) for name in LONG_CATEGORIES}
    for n, name in enumerate(LONG_CATEGORIES):
        for _ in range(len(LONG_CATEGORIES) - n):
            s = cs.register_complaint(cs.ComplaintInput(
                walk_in_name="Jean Martin", walk_in_contact="06 11 22 33 44", channel="réseaux sociaux",
                product="Réfrigérateur américain grande capacité", description="x"),
                received_on=date.today())
            cs.qualify(s.id, cs.Qualification(ids[name], "bonne foi", True))
    view = indicators_module.IndicatorsView(context)
    qtbot.addWidget(view)
    view.resize(1366, 700)
    view.refresh()
    legend = view.pareto_legend.text()
    assert "…" not in legend
    for n, name in enumerate(LONG_CATEGORIES[:11], start=1):
        assert f"{n} : {name}" in legend
    assert "12 : Autres (3 catégories)" in legend
    for name in LONG_CATEGORIES[11:]:
        assert name in legend.split("Autres : ")[1]
    ticks = view.pareto.getPlotItem().getAxis("bottom")._tickLevels[0]
    assert [label for _, label in ticks] == [str(i) for i in range(1, 13)]
    channel_ticks = view.channels.getPlotItem().getAxis("left")._tickLevels[0]
    assert [label for _, label in channel_ticks] == ["réseaux sociaux"]
    assert view.by_product.item(0).text() == "Réfrigérateur américain grande capacité — 105"
    if os.environ.get("RCDESK_SHOTS"):
        view.show()
        qtbot.waitExposed(view)
        view.grab().save(os.path.join(os.environ["RCDESK_SHOTS"], "indicators-long.png"))


def test_pareto_legend_numbers_each_name_and_names_the_pooled_ones():
    assert indicators_module.pareto_legend(["Livraison", "Accueil"], []) == \
        "1 : Livraison · 2 : Accueil"
    assert indicators_module.pareto_legend(["A", "Autres (2 catégories)"], ["B", "C"]) == \
        "1 : A · 2 : Autres (2 catégories) — Autres : B, C"
