"""The import dialog: detected format, guessed mapping, import off the GUI thread, cancel."""

import threading

from PySide6.QtWidgets import QPushButton

from rcdesk.services import customers
from rcdesk.services.customers import imports as customers_import
from rcdesk.ui.customers.import_dialog import ImportDialog

HEADER = "Nom;Prénom;Courriel;Tél;CP;Ville;Date de naissance\r\n"


def write_csv(path, lines, encoding="cp1252"):
    path.write_bytes((HEADER + "".join(lines)).encode(encoding))
    return path


def dialog_for(qtbot, context, path, what="customers") -> ImportDialog:
    dialog = ImportDialog(context, what, path=str(path))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def run(qtbot, dialog):
    with qtbot.waitSignal(dialog.sig_finished, timeout=20000) as signal:
        dialog.import_button.click()
    return signal.args[0]


def test_dialog_detects_french_excel_csv_and_guesses_the_mapping(qtbot, context, tmp_path):
    path = write_csv(tmp_path / "clients.csv", [
        "Lefèvre;Hélène;helene@exemple.fr;06 12 34 56 78;69003;Lyon;05/06/1975\r\n"])
    dialog = dialog_for(qtbot, context, path)
    assert dialog.encoding.currentData() == "cp1252"
    assert dialog.separator.currentData() == ";"
    assert dialog.current_mapping() == {"last_name": 0, "first_name": 1, "email": 2,
                                        "phone": 3, "postal_code": 4, "city": 5,
                                        "birth_date": 6}
    row = list(dialog.combos).index("first_name")
    assert dialog.mapping.item(row, 2).text() == "Hélène"
    assert dialog.import_button.isEnabled()


def test_import_counts_good_and_rejected_rows_and_writes_rejects(qtbot, context, tmp_path):
    path = write_csv(tmp_path / "clients.csv", [
        "Lefèvre;Hélène;helene@exemple.fr;06 12 34 56 78;69003;Lyon;05/06/1975\r\n",
        "Morel;Paul;paul@@exemple;0698765432;35000;Rennes;\r\n",
        "Garnier;Luc;luc@exemple.fr;;44000;Nantes;31/02/1980\r\n",
        "Roux;Anne;anne@exemple.fr;;75011;Paris;\r\n",
    ])
    dialog = dialog_for(qtbot, context, path)
    result = run(qtbot, dialog)
    assert (result.imported, result.updated, result.rejected) == (2, 0, 2)
    assert dialog.result_counts is result
    assert "2 importé(s), 0 mis à jour, 2 rejeté(s)" in dialog.result_label.text()
    assert "clients_rejets.csv" in dialog.result_label.text()
    assert result.rejects_path.exists()
    hits = customers.list_customers(customers.CustomerQuery(text="helene"), 0, 10)
    assert [row[1] for row in hits] == ["Hélène Lefèvre"]
    assert customers.count_customers(customers.CustomerQuery()) == 2


def test_overriding_the_separator_rereads_the_columns(qtbot, context, tmp_path):
    path = write_csv(tmp_path / "clients.csv", ["Roux;Anne;anne@exemple.fr;;75011;Paris;\r\n"])
    dialog = dialog_for(qtbot, context, path)
    dialog.separator.setCurrentIndex(dialog.separator.findData(","))
    dialog.separator.activated.emit(dialog.separator.currentIndex())
    assert dialog.headers == ["Nom;Prénom;Courriel;Tél;CP;Ville;Date de naissance"]
    assert dialog.combos["email"].count() == 2  # « ignorer » and the one column
    assert dialog.preview.item(0, 0).text() == "Roux;Anne;anne@exemple.fr;;75011;Paris;"


def test_a_binary_file_gets_a_clear_message_and_no_import(qtbot, context, tmp_path):
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    dialog = dialog_for(qtbot, context, path)
    assert "binaire" in dialog.problem.text()
    assert not dialog.import_button.isEnabled()


def test_cancel_leaves_the_database_as_it_was(qtbot, context, tmp_path, monkeypatch):
    lines = [f"Client{n};Jean;jean{n}@exemple.fr;;69003;Lyon;\r\n" for n in range(3000)]
    path = write_csv(tmp_path / "gros.csv", lines)
    clicked = threading.Event()
    real_import = customers_import.import_customers

    def after_the_click(*args, **kwargs):  # the worker starts once Annuler was pressed
        clicked.wait(10)
        return real_import(*args, **kwargs)

    monkeypatch.setattr(customers_import, "import_customers", after_the_click)
    dialog = dialog_for(qtbot, context, path)
    with qtbot.waitSignal(dialog.sig_finished, timeout=30000) as signal:
        dialog.import_button.click()
        cancel = [b for b in dialog.progress.findChildren(QPushButton) if b.text() == "Annuler"]
        cancel[0].click()  # the service looks at the flag every 500 rows
        clicked.set()
    assert signal.args[0].cancelled
    assert "annulé" in dialog.result_label.text()
    assert dialog.result_counts is None
    assert customers.count_customers(customers.CustomerQuery()) == 0


def test_purchases_import_attaches_to_customers_by_email(qtbot, context, tmp_path,
                                                         add_customer):
    cid = add_customer(last_name="Roux", email="anne@exemple.fr")
    path = tmp_path / "ventes.csv"
    path.write_text("E-mail;Date;Montant;Référence\r\nanne@exemple.fr;03/02/2025;49,90;T1\r\n",
                    encoding="utf-8-sig")
    dialog = dialog_for(qtbot, context, path, "purchases")
    assert not dialog.update_box.isVisibleTo(dialog)
    result = run(qtbot, dialog)
    assert (result.imported, result.rejected) == (1, 0)
    assert [(p.amount_cents, p.reference) for p in customers.list_purchases(cid)] == [(4990, "T1")]


def test_a_mapping_chosen_by_hand_is_remembered_for_the_next_file(qtbot, context, tmp_path):
    first = tmp_path / "caisse.csv"
    first.write_text("Nom;Zone\r\nRoux;Lyon\r\n", encoding="utf-8-sig")
    dialog = dialog_for(qtbot, context, first)
    assert "city" not in dialog.current_mapping()
    dialog.combos["city"].setCurrentIndex(dialog.combos["city"].findData(1))
    assert run(qtbot, dialog).imported == 1
    second = tmp_path / "caisse2.csv"
    second.write_text("Nom;Zone\r\nMorel;Brest\r\n", encoding="utf-8-sig")
    again = dialog_for(qtbot, context, second)
    assert again.current_mapping() == {"last_name": 0, "city": 1}
    assert run(qtbot, again).imported == 1
    rows = customers.list_customers(customers.CustomerQuery(place="Brest"), 0, 10)
    assert [row[1] for row in rows] == ["Morel"]


def test_an_excel_workbook_needs_no_encoding_or_separator(qtbot, context, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Raison sociale", "SIRET", "Type", "E-mail"])
    book.active.append(["Atelier Bleu", "73282932000074", "pro", "contact@atelier.fr"])
    path = tmp_path / "pros.xlsx"
    book.save(path)
    dialog = dialog_for(qtbot, context, path)
    assert not dialog.encoding.isEnabled() and not dialog.separator.isEnabled()
    assert dialog.current_mapping() == {"company_name": 0, "legal_id": 1, "kind": 2, "email": 3}
    result = run(qtbot, dialog)
    assert (result.imported, result.rejected) == (1, 0)
    hit = customers.list_customers(customers.CustomerQuery(text="atelier"), 0, 10)[0]
    assert (hit[1], hit[2]) == ("Atelier Bleu", "professionnel")


def test_ignored_columns_are_named_before_and_after_the_import(qtbot, context, tmp_path):
    path = tmp_path / "clients.csv"
    path.write_bytes("Nom;Prénom;Couleur;Ville\r\n".encode()
                     + "Noël;Loïc;vert;Besançon\r\n".encode("cp1252")
                     + "Dupont;Hélène;bleu;Orléans\r\n".encode())
    dialog = dialog_for(qtbot, context, path)
    assert dialog.encoding.currentData() == "utf-8+cp1252"
    assert dialog.headers == ["Nom", "Prénom", "Couleur", "Ville"]
    assert dialog.ignored_label.text() == "Colonnes ignorées (non importées) : Couleur"
    dialog.combos["city"].setCurrentIndex(0)  # « ignorer »
    assert dialog.ignored_label.text() == "Colonnes ignorées (non importées) : Couleur, Ville"
    result = run(qtbot, dialog)
    assert (result.imported, result.ignored) == (2, ("Couleur", "Ville"))
    assert "Colonnes ignorées : Couleur, Ville" in dialog.result_label.text()
    hits = customers.list_customers(customers.CustomerQuery(text="loic"), 0, 10)
    assert [row[1] for row in hits] == ["Loïc Noël"]


def test_probable_duplicates_are_reviewed_then_merged_skipped_or_created(qtbot, context,
                                                                         tmp_path, monkeypatch):
    from rcdesk.services.customers.duplicates import CREATE, SKIP
    from rcdesk.ui.customers.duplicate_review import DuplicateReviewDialog

    kept = customers.create_customer(customers.CustomerData(
        first_name="Hélène", last_name="Lefèvre", phone="0612345678"))
    customers.create_customer(customers.CustomerData(first_name="Paul", last_name="Morel",
                                                      postal_code="35000"))
    path = write_csv(tmp_path / "clients.csv", [
        "Lefevre;Hélène;;+33 6 12 34 56 78;69003;Lyon;\r\n",
        "Morel;Paul;;;35000;Rennes;\r\n",
        "Morell;Paul;;;35000;Rennes;\r\n",
        "Roux;Anne;anne@exemple.fr;;75011;Paris;\r\n",
    ])
    seen = {}

    def decide(review):
        seen["rows"] = [(review.table.item(r, 0).text(), review.table.item(r, 2).text(),
                         review.table.item(r, 3).text()) for r in range(review.table.rowCount())]
        seen["choices"] = [[c.itemText(i) for i in range(c.count())] for c in review.choices]
        review.choose(2, kept)
        review.choose(3, CREATE)
        review.choose(4, SKIP)
        return 1
    monkeypatch.setattr(DuplicateReviewDialog, "exec", decide)
    dialog = dialog_for(qtbot, context, path)
    results = []
    dialog.sig_finished.connect(results.append)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: len(results) == 2, timeout=20000)
    first, second = results
    assert (first.imported, first.rejected) == (1, 3)
    assert seen["rows"][0] == ("2", f"client n° {kept} « Hélène Lefèvre »", "même téléphone")
    assert seen["choices"][0] == ["Ignorer", "Fusionner", "Créer quand même"]
    assert (second.total, second.imported, second.updated, second.skipped) == (3, 1, 1, 1)
    assert customers.get_customer(kept).city == "Lyon"
    assert customers.count_customers(customers.CustomerQuery()) == 4


def test_summary_groups_reasons_and_a_value_chosen_reruns_the_rejected_lines(qtbot, context,
                                                                            tmp_path):
    import shutil
    from pathlib import Path

    source = Path(__file__).parents[2] / "fixtures" / "moving_in" / "suitecrm_contacts.csv"
    path = tmp_path / "suitecrm_contacts.csv"
    shutil.copy(source, path)
    dialog = dialog_for(qtbot, context, path)
    assert dialog.current_mapping()["parent"] == 7  # « Account Name »
    result = run(qtbot, dialog)
    assert (result.imported, result.contacts, result.rejected) == (1, 2, 1)
    assert "2 contact(s) rattaché(s) à leur société" in dialog.result_label.text()
    assert dialog.problems_box.isVisible()
    assert dialog.problems.rowCount() == 1
    assert dialog.problems.item(0, 0).text() == "1 ligne(s) : 5"
    assert dialog.problems.item(0, 1).text() == "Civilité : civilité inconnue « Dr. »"
    [(field, raw, combo)] = dialog.value_combos
    assert (field, raw) == ("civility", "Dr.")
    combo.setCurrentIndex(combo.findData(""))  # « (aucune) »
    with qtbot.waitSignal(dialog.sig_finished, timeout=20000) as signal:
        dialog.rerun_button.click()
    again = signal.args[0]
    assert (again.total, again.imported, again.rejected) == (1, 1, 0)
    assert "Lignes rejetées relancées" in dialog.result_label.text()
    assert not dialog.problems_box.isVisible()
    hits = customers.list_customers(customers.CustomerQuery(text="haddad"), 0, 5)
    assert customers.get_customer(hits[0][0]).civility == ""


def test_keep_invalid_box_imports_the_row_with_its_value_in_the_notes(qtbot, context, tmp_path):
    path = write_csv(tmp_path / "clients.csv", [
        "Morel;Paul;paul@@exemple;0698765432;35000;Rennes;\r\n"])
    dialog = dialog_for(qtbot, context, path)
    dialog.keep_box.setChecked(True)
    result = run(qtbot, dialog)
    assert (result.imported, result.rejected, result.warned) == (1, 0, 1)
    assert "clients_avertissements.csv" in dialog.result_label.text()
    hits = customers.list_customers(customers.CustomerQuery(text="morel"), 0, 5)
    data = customers.get_customer(hits[0][0])
    assert (data.email, data.notes) == (
        "", "E-mail (colonne « Courriel »), valeur non reconnue à l'import : paul@@exemple")


def test_values_chosen_after_a_check_are_used_by_the_real_import(qtbot, context, tmp_path):
    path = tmp_path / "clients.csv"
    path.write_bytes("Nom;Pays\r\nGarcia;Espagna\r\nRossi;Italia\r\n".encode("cp1252"))
    dialog = dialog_for(qtbot, context, path)
    dialog.dry_run_box.setChecked(True)
    checked = run(qtbot, dialog)
    assert (checked.imported, checked.rejected) == (1, 1)  # « Italia » is babel's Italian
    [(field, raw, combo)] = dialog.value_combos
    assert (field, raw) == ("country", "Espagna")
    combo.setCurrentIndex(combo.findData("ES"))
    with qtbot.waitSignal(dialog.sig_finished, timeout=20000):
        dialog.rerun_button.click()  # a check again: the whole file, nothing written
    assert dialog.last_result.rejected == 0 and dialog.value_combos == []
    dialog.dry_run_box.setChecked(False)
    result = run(qtbot, dialog)
    assert (result.imported, result.rejected) == (2, 0)
    hits = customers.list_customers(customers.CustomerQuery(text="garcia"), 0, 5)
    assert customers.get_customer(hits[0][0]).country == "ES"
