"""`make screenshots`: each tab, the counter form and the first-run set-up, at 1366×768.

Runs offscreen (QT_QPA_PLATFORM=offscreen) in a throwaway data dir, on the demo company; writes
into the folder given (docs/screenshots by default). The window is 1366×728: a 1366×768 screen
less a title bar. The status bar names the base by its file name (the throwaway folder it lives
in means nothing to a reader)."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

WIDTH, HEIGHT = 1366, 728  # 768 less the window manager's title bar


def main(out_dir: str = "docs/screenshots", customers: int = 2000) -> int:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["RCDESK_DATA_DIR"] = str(Path(tmp) / "data")
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication

        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        from rcdesk.cli import main as cli_main
        from rcdesk.ui.app import configure_application

        db = str(Path(tmp) / "maison-lambert.db")
        if cli_main(["--db", db, "demo", "--customers", str(customers)]) != 0:
            return 1
        app = QApplication.instance() or QApplication(sys.argv[:1])
        configure_application(app)
        from rcdesk.ui.main_window import TABS, MainWindow

        def pump() -> None:
            for _ in range(10):
                app.processEvents()

        def save(widget, name: str) -> None:
            pump()
            path = out / name
            widget.grab().save(str(path))
            print(path)

        window = MainWindow(db, operator="sophie.martin")
        window.resize(WIDTH, HEIGHT)
        window.show()
        window.file_label.setText(Path(db).name)
        for index, line in enumerate(TABS):
            window.tabs.setCurrentIndex(index)
            if line.key == "pilotage":  # its figures are computed off the GUI thread
                dashboard = window.tab("pilotage").dashboard
                for _ in range(1200):  # the rows then the 12-month curves (2 min at most)
                    pump()
                    if dashboard._worker is None and dashboard.data is not None:
                        break
                    time.sleep(0.1)
            save(window, f"{index + 1}-{line.key}.png")
        window.tabs.setCurrentIndex(0)
        customers_tab = window.tab("customers")
        customers_tab.pages.setCurrentIndex(1)
        figures = customers_tab._figures
        for _ in range(600):  # computed off the GUI thread: wait for it (60 s at most)
            pump()
            if figures.compute_button.isEnabled():
                break
            time.sleep(0.1)
        save(window, "1b-customers-figures.png")
        customers_tab.pages.setCurrentIndex(0)
        from rcdesk.services.settings import get_company
        from rcdesk.ui.settings_dialog import CompanySettingsDialog

        dialog = CompanySettingsDialog(get_company(), window)
        dialog.show()
        save(dialog, "settings.png")
        dialog.close()
        _customer_file(window, save)
        _counter(window, save)
        _first_run(window, save, db, tmp)
        window.close()
    return 0


def _customer_file(window, save) -> None:
    """A customer with a card and survey answers: his file, on its Fidélité page."""
    from rcdesk.models.loyalty import LoyaltyCard
    from rcdesk.models.surveys import SurveyResponse
    from rcdesk.ui.customers.detail import CustomerDetailDialog

    answered = SurveyResponse.select(SurveyResponse.customer).where(
        SurveyResponse.customer.is_null(False))
    customer = (LoyaltyCard.select(LoyaltyCard.customer).where(
        LoyaltyCard.customer.in_(answered)).order_by(LoyaltyCard.id).limit(1).scalar())
    dialog = CustomerDetailDialog(window.context, customer, window)
    dialog.show()
    titles = [dialog.tabs.tabText(i).replace("&", "") for i in range(dialog.tabs.count())]
    dialog.tabs.setCurrentIndex(titles.index("Fidélité"))
    save(dialog, "customer-file-loyalty.png")
    dialog.close()


def _counter(window, save) -> None:
    """The counter form: a known customer found by the town, then a walk-in, then the receipt."""
    from rcdesk.ui.complaints.intake import IntakeDialog

    window.tabs.setCurrentIndex(1)
    intake = window.tab("complaints").new_complaint()
    assert isinstance(intake, IntakeDialog)
    intake.search.edit.setText("martin")
    intake.search.refresh()
    save(intake, "counter-search.png")
    intake.search.set_customer(*intake.search.hits.item(0).data(0x0100))
    intake.product.setText("Service à thé « Camélia »")
    intake.description.setPlainText("Théière fêlée à l'ouverture du carton.")
    intake.expectation.setPlainText("Échange de la théière.")
    save(intake, "counter-known-customer.png")
    intake.start_again()
    intake.search.edit.setText("BENALI Karima")
    intake.walk_in.setChecked(True)
    intake.walk_in_contact.setText("06 61 23 45 67")
    intake.product.setText("Nappe en lin")
    intake.description.setPlainText("Couleur passée au premier lavage.")
    intake.expectation.setPlainText("Un avoir.")
    save(intake, "counter-walk-in.png")
    intake.save()
    save(intake, "counter-receipt.png")
    intake.accept()


def _first_run(window, save, db: str, tmp: str) -> None:
    """The set-up of a new base, and its empty customer file."""
    window.switch_database(str(Path(tmp) / "nouvelle-boutique.db"))
    window.file_label.setText("nouvelle-boutique.db")
    window.tabs.setCurrentIndex(0)
    save(window, "customers-empty.png")
    dialog = window.offer_first_run()
    save(dialog, "first-run.png")
    dialog.reject()


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:2]))
