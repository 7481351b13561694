"""The customers of one purchase profile, from the figures: filter, open, mailing list."""

from __future__ import annotations

import csv
import os
from datetime import date, timedelta

from PySide6.QtCore import Qt

from rcdesk.models.customers import Purchase
from rcdesk.services import customers
from rcdesk.ui.customers.segment_dialog import SegmentDialog


def _file(add_customer) -> dict:
    today = date.today()
    ids = {}
    for i in range(5):
        ids[i] = add_customer(first_name="Ancien", last_name=f"Fidèle {i}",
                              email=f"f{i}@exemple.fr", consent=i % 2 == 1,
                              phone="+32470123456" if i == 1 else "",
                              city="Marrakech — quartier de l'Hivernage")
        Purchase.insert_many([{"customer": ids[i], "date": today - timedelta(days=700 + k),
                               "amount_cents": 3000} for k in range(6)]).execute()
    for i in range(10):
        cid = add_customer(last_name=f"Récent {i}")
        Purchase.insert(customer=cid, date=today - timedelta(days=2), amount_cents=1000).execute()
    return ids


def test_segment_dialog_filters_opens_and_exports(qtbot, context, add_customer, tmp_path,
                                                  monkeypatch):
    ids = _file(add_customer)
    dialog = SegmentDialog("À risque")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Clients du profil « À risque »"
    assert "achetaient souvent mais plus depuis longtemps" in dialog.explanation.text()
    assert dialog.table.rowCount() == 5
    phones = [dialog.table.item(r, 2).text() for r in range(5)]
    assert "+32 470 12 34 56" in phones
    dialog.consent.setChecked(True)
    assert dialog.table.rowCount() == 2
    qtbot.keyClicks(dialog.search, "fidele 3")  # accents ignored
    assert dialog.table.rowCount() == 1
    opened = []
    dialog.open_customer.connect(opened.append)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert opened == [ids[3]]
    path = tmp_path / "liste.csv"
    assert dialog.export_mailing_list(str(path)) == 2
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert sorted(r[1] for r in rows[1:]) == ["f1@exemple.fr", "f3@exemple.fr"]
    if os.environ.get("RCDESK_SHOTS"):
        dialog.search.clear()
        dialog.consent.setChecked(False)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.grab().save(os.path.join(os.environ["RCDESK_SHOTS"], "segment-dialog.png"))
    assert customers.SEGMENTS[4] == "À risque"
