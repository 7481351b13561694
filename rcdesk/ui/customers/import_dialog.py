"""Import customers or purchases: file, encoding and separator, column mapping, run with cancel,
then a summary that groups the rejects' reasons and lets the user map an unknown value (« Etats
Unis » → États-Unis) and re-run the rejected lines without leaving the dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rcdesk.core.errors import ServiceError
from rcdesk.core.formatting import format_number
from rcdesk.services.customers import imports as customers_import
from rcdesk.services.customers.purchases_import import import_purchases
from rcdesk.ui.forms import ErrorLine, action_button
from rcdesk.ui.worker import ServiceWorker

ENCODINGS = (("utf-8-sig", "UTF-8 (avec BOM)"), ("utf-8", "UTF-8"),
             ("cp1252", "Windows-1252 (Excel français)"),
             ("iso-8859-15", "ISO-8859-15 (Latin-9, avec €)"), ("latin-1", "ISO-8859-1"),
             ("utf-8+cp1252", "UTF-8 et Windows-1252 mêlés (ligne par ligne)"),
             ("utf-8+iso-8859-15", "UTF-8 et Latin-9 mêlés (ligne par ligne)"),
             ("utf-16", "UTF-16"))
SEPARATORS = ((";", "point-virgule ( ; )"), (",", "virgule ( , )"), ("\t", "tabulation"),
              ("|", "barre verticale ( | )"))
IGNORE = None
PREVIEW_ROWS = 20


class ImportDialog(QDialog):
    """what = "customers" or "purchases". After a run, result_counts holds the ImportResult."""

    sig_finished = Signal(object)  # the ImportResult, once the worker is done

    def __init__(self, context, what: str = "customers", parent=None, path: str | None = None):
        super().__init__(parent)
        self.context = context
        self.what = what
        self.fields = (customers_import.MAPPING_FIELDS if what == "customers"
                       else customers_import.PURCHASE_FIELDS)
        self.last_result = None  # the last run's ImportResult: its rejected lines are re-run
        self._only_lines: set[int] | None = None
        self._values: dict[str, dict] = {}  # values chosen since the file was loaded
        self.value_combos: list[tuple[str, str, QComboBox]] = []  # (field, raw value, choice)
        self.headers: list[str] = []
        self.rows: list[list] = []
        self.result_counts = None
        self._kind = "csv"  # the chosen file's kind: "csv", "xlsx", "xls" or "ods"
        self.worker: ServiceWorker | None = None
        self._review: dict = {}
        self.progress: QProgressDialog | None = None
        self.setWindowTitle(self.tr("Importer des clients") if what == "customers"
                            else self.tr("Importer des achats"))
        self._build()
        if path:
            self.load_file(path)

    # --- building ----------------------------------------------------------------------

    def _build(self) -> None:
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("Fichier CSV, Excel (.xlsx, .xls) ou "
                                                  "LibreOffice (.ods)"))
        self.path_edit.returnPressed.connect(lambda: self.load_file(self.path_edit.text()))
        browse = QPushButton(self.tr("&Parcourir…"))
        browse.clicked.connect(self.choose_file)
        self.encoding = QComboBox()
        for code, label in ENCODINGS:
            self.encoding.addItem(self.tr(label), code)
        self.separator = QComboBox()
        for sep, label in SEPARATORS:
            self.separator.addItem(self.tr(label), sep)
        self.detected = QLabel()
        self.encoding.activated.connect(self._format_overridden)
        self.separator.activated.connect(self._format_overridden)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(browse)
        fmt_row = QHBoxLayout()
        fmt_row.addWidget(QLabel(self.tr("&Encodage :")))
        fmt_row.itemAt(0).widget().setBuddy(self.encoding)
        fmt_row.addWidget(self.encoding)
        sep_label = QLabel(self.tr("&Séparateur :"))
        sep_label.setBuddy(self.separator)
        fmt_row.addWidget(sep_label)
        fmt_row.addWidget(self.separator)
        fmt_row.addWidget(self.detected, 1)
        self.problem = ErrorLine(name="importProblem")
        self.ignored_label = QLabel()
        self.ignored_label.setObjectName("ignoredColumns")
        self.ignored_label.setWordWrap(True)

        self.mapping = QTableWidget(len(self.fields), 3)
        self.mapping.setHorizontalHeaderLabels([self.tr("Champ"), self.tr("Colonne du fichier"),
                                                self.tr("Exemple (1re ligne)")])
        self.mapping.verticalHeader().hide()
        self.mapping.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.mapping.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.combos: dict[str, QComboBox] = {}
        for row, (name, label) in enumerate(self.fields.items()):
            self.mapping.setItem(row, 0, QTableWidgetItem(self.tr(label)))
            combo = QComboBox()
            combo.currentIndexChanged.connect(lambda _i, r=row: self._show_example(r))
            combo.currentIndexChanged.connect(self._show_ignored)
            self.combos[name] = combo
            self.mapping.setCellWidget(row, 1, combo)
            self.mapping.setItem(row, 2, QTableWidgetItem(""))
        header = self.mapping.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 180)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.preview = QTableWidget(0, 0)
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setAlternatingRowColors(True)
        self.preview.setWordWrap(False)
        self.preview.verticalHeader().hide()
        map_box = QGroupBox(self.tr("Correspondance des colonnes"))
        QVBoxLayout(map_box).addWidget(self.mapping)
        preview_box = QGroupBox(self.tr("Aperçu du fichier"))
        QVBoxLayout(preview_box).addWidget(self.preview)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(map_box)
        split.addWidget(preview_box)
        split.setSizes([600, 380])

        self.update_box = QCheckBox(self.tr(
            "&Mettre à jour les clients existants (même identifiant externe, sinon même e-mail)"))
        self.update_box.setVisible(self.what == "customers")
        self.dry_run_box = QCheckBox(self.tr("&Vérifier seulement (rien n'est enregistré)"))
        self.keep_box = QCheckBox(self.tr(
            "Importer &quand même, en gardant la valeur non reconnue dans les notes"))
        self.keep_box.setToolTip(self.tr(
            "Une valeur impossible à lire (téléphone, code postal…) ne coûte plus la ligne : "
            "elle est gardée dans les notes du client avec le nom de sa colonne, et la ligne "
            "listée dans un fichier d'avertissements. Seule une ligne sans nom, raison "
            "sociale, e-mail ni téléphone est rejetée."))
        self.keep_box.setVisible(self.what == "customers")
        self.problems = QTableWidget(0, 3)
        self.problems.setObjectName("importProblems")
        self.problems.setHorizontalHeaderLabels([self.tr("Lignes"), self.tr("Motif"),
                                                 self.tr("Lire cette valeur comme")])
        self.problems.verticalHeader().hide()
        self.problems.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        problems_header = self.problems.horizontalHeader()
        problems_header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        problems_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        problems_header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        problems_header.resizeSection(2, 230)
        self.rerun_button = QPushButton(self.tr("&Corriger et relancer les lignes rejetées"))
        self.rerun_button.clicked.connect(self.rerun_rejected)
        self.problems_box = QGroupBox(self.tr("Lignes à revoir (motifs regroupés)"))
        problems_layout = QVBoxLayout(self.problems_box)
        problems_layout.addWidget(self.problems)
        rerun_row = QHBoxLayout()
        self.rerun_hint = QLabel()
        self.rerun_hint.setWordWrap(True)
        rerun_row.addWidget(self.rerun_hint, 1)
        rerun_row.addWidget(self.rerun_button)
        problems_layout.addLayout(rerun_row)
        self.problems_box.hide()
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.TextFormat.RichText)
        self.result_label.setOpenExternalLinks(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.import_button = QPushButton(self.tr("&Importer"))
        self.import_button.setDefault(True)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.run_import)
        close = action_button(self.tr("&Fermer"), self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.result_label, 1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(close)

        options = QWidget()
        form = QFormLayout(options)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.update_box)
        form.addRow(self.keep_box)
        form.addRow(self.dry_run_box)
        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addLayout(fmt_row)
        layout.addWidget(self.problem)
        layout.addWidget(split, 1)
        layout.addWidget(self.ignored_label)
        layout.addWidget(options)
        layout.addLayout(buttons)
        layout.addWidget(self.problems_box)
        self.resize(1040, 680)

    # --- file and format ---------------------------------------------------------------

    def choose_file(self) -> None:
        start = self.path_edit.text() or str(Path.home())
        path, _ = QFileDialog.getOpenFileName(
            self, self.windowTitle(), start,
            self.tr("Fichiers CSV, Excel ou LibreOffice (*.csv *.txt *.xlsx *.xls *.ods);;"
                    "Tous les fichiers (*)"))
        if path:
            self.load_file(path)

    def load_file(self, path: str) -> None:
        """Detects the encoding and separator, then reads the header and a preview."""
        self.path_edit.setText(str(path))
        self.result_label.clear()
        self.last_result = None
        self._values = {}
        self.value_combos = []
        self.problems_box.hide()
        try:
            fmt = customers_import.detect_format(path)
        except ServiceError as exc:
            self._show_problem(str(exc))
            return
        self._set_format(fmt)
        self.detected.setText(self.tr("(détectés automatiquement ; modifiables)")
                              if fmt.kind == "csv" else self.tr("(classeur LibreOffice)")
                              if fmt.kind == "ods" else self.tr("(classeur Excel)"))
        self._read_preview()

    def _set_format(self, fmt) -> None:
        csv = fmt.kind == "csv"
        self._kind = fmt.kind
        for combo, value in ((self.encoding, fmt.encoding), (self.separator, fmt.separator)):
            combo.setEnabled(csv)
            if csv:
                index = combo.findData(value)
                if index < 0:
                    combo.addItem(value, value)
                    index = combo.count() - 1
                combo.setCurrentIndex(index)

    def file_format(self):
        if self._kind != "csv":
            return customers_import.FileFormat(encoding="", separator="", kind=self._kind)
        return customers_import.FileFormat(encoding=self.encoding.currentData(),
                                           separator=self.separator.currentData(), kind="csv")

    def _format_overridden(self, *_args) -> None:
        if self.path_edit.text():
            self.detected.setText(self.tr("(choisis à la main)"))
            self._read_preview()

    def _show_problem(self, message: str) -> None:
        self.problem.show_error(message)
        self.import_button.setEnabled(False)
        self.headers, self.rows = [], []
        self._fill_mapping({})
        self.preview.setRowCount(0)
        self.preview.setColumnCount(0)

    def _read_preview(self) -> None:
        try:
            headers, rows = customers_import.read_preview(self.path_edit.text(),
                                                          self.file_format(), PREVIEW_ROWS)
        except ServiceError as exc:
            self._show_problem(str(exc))
            return
        self.problem.hide()
        self.headers, self.rows = headers, rows
        self.preview.setColumnCount(len(headers))
        self.preview.setHorizontalHeaderLabels([h[:40] for h in headers])
        self.preview.setRowCount(len(rows))
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells[:len(headers)]):
                item = QTableWidgetItem(str(text)[:200])
                self.preview.setItem(r, c, item)
        self.preview.resizeColumnsToContents()
        for c in range(len(headers)):
            if self.preview.columnWidth(c) > 220:
                self.preview.setColumnWidth(c, 220)
        self._fill_mapping(customers_import.remembered_mapping(headers, self.what))
        self.import_button.setEnabled(bool(headers))
        if not rows:
            self.problem.show_error(self.tr("Le fichier ne contient que la ligne d'en-tête."))

    def _fill_mapping(self, mapping: dict[str, int]) -> None:
        for row, (name, combo) in enumerate(self.combos.items()):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("— ignorer —"), IGNORE)
            for index, header in enumerate(self.headers):
                combo.addItem(header[:60] or self.tr("(colonne %1)").replace("%1", str(index + 1)),
                              index)
            combo.setCurrentIndex(combo.findData(mapping[name]) if name in mapping else 0)
            combo.blockSignals(False)
            self._show_example(row)
        self._show_ignored()

    def _show_ignored(self, *_args) -> None:
        """Names the columns no field reads: they will not be imported."""
        used = set(self.current_mapping().values())
        names = [h or self.tr("colonne %1").replace("%1", str(i + 1))
                 for i, h in enumerate(self.headers) if i not in used]
        self.ignored_label.setText(
            self.tr("Colonnes ignorées (non importées) : %1").replace("%1", ", ".join(names))
            if names else "")

    def _show_example(self, row: int) -> None:
        name = list(self.combos)[row]
        index = self.combos[name].currentData()
        text = ""
        if index is not None and self.rows and index < len(self.rows[0]):
            text = str(self.rows[0][index])[:80]
        self.mapping.item(row, 2).setText(text)

    def current_mapping(self) -> dict[str, int]:
        return {name: combo.currentData() for name, combo in self.combos.items()
                if combo.currentData() is not None}

    # --- running -----------------------------------------------------------------------

    def run_import(self, *_args, only_lines: set[int] | None = None) -> None:
        """Starts the import in the pool with a progress dialog whose Annuler stops it."""
        if self.worker is not None:
            return
        path = self.path_edit.text()
        function = (customers_import.import_customers if self.what == "customers"
                    else import_purchases)
        kwargs = {"dry_run": self.dry_run_box.isChecked()}
        if self.what == "customers":
            kwargs["update"] = self.update_box.isChecked()
            kwargs["keep_invalid"] = self.keep_box.isChecked()
            for field, chosen in self.chosen_values().items():
                self._values.setdefault(field, {}).update(chosen)
            kwargs["values"] = {f: dict(v) for f, v in self._values.items()} or None
            kwargs["only_lines"] = only_lines
            kwargs.update(self._review)  # duplicates decided in the review step
        self._review = {}
        self._only_lines = only_lines
        self.worker = ServiceWorker(function, path, self.current_mapping(), self.file_format(),
                                    **kwargs)
        self.progress = QProgressDialog(self.tr("Lecture et vérification des lignes…"),
                                        self.tr("Annuler"), 0, 0, self)
        self.progress.setWindowTitle(self.windowTitle())
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self._cancel)
        self.worker.signals.sig_progress.connect(self._progress)
        self.worker.signals.sig_done.connect(self._done)
        self.worker.signals.sig_failed.connect(self._failed)
        self.import_button.setEnabled(False)
        self.result_label.setText(self.tr("Import en cours…"))
        self.worker.start()

    def reject(self) -> None:
        """Escape or Fermer during a run cancels it first (the database stays as it was)."""
        if self.worker is not None:
            self._cancel()
            return
        super().reject()

    def _cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.progress.setLabelText(self.tr("Annulation : rien ne sera enregistré…"))

    def _progress(self, done: int, total: int) -> None:
        if self.progress is None:
            return
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        self.progress.setLabelText(self.tr("Ligne %1 sur %2…")
                                   .replace("%1", format_number(done, 0))
                                   .replace("%2", format_number(total, 0)))

    def _finish(self) -> None:
        self.worker = None
        if self.progress is not None:
            self.progress.canceled.disconnect(self._cancel)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self.import_button.setEnabled(True)

    def chosen_values(self) -> dict[str, dict]:
        """field -> {raw value: ours} from the value combos of the summary."""
        values: dict[str, dict] = {}
        for field, raw, combo in self.value_combos:
            if combo.currentIndex() > 0:
                values.setdefault(field, {})[raw] = combo.currentData()
        return values

    def rerun_rejected(self) -> None:
        """The rejected lines of the last run again, with the values chosen (the whole file
        after a check only: nothing was written)."""
        result = self.last_result
        if result is None:
            return
        lines = None if result.dry_run else set(result.rejected_lines)
        self.run_import(only_lines=lines)

    def _show_problems(self, result) -> None:
        """The reasons grouped, most frequent first; a choice beside each unknown value."""
        self.value_combos = []
        problems = list(getattr(result, "problems", ()))
        self.problems.setRowCount(len(problems))
        for row, problem in enumerate(problems):
            lines = ", ".join(str(n) for n in problem.lines[:5])
            if problem.count > len(problem.lines[:5]):
                lines += "…"
            count = QTableWidgetItem(self.tr("%1 ligne(s) : %2")
                                     .replace("%1", format_number(problem.count, 0))
                                     .replace("%2", lines))
            self.problems.setItem(row, 0, count)
            self.problems.setItem(row, 1, QTableWidgetItem(problem.reason))
            if problem.field:
                combo = self._value_combo(problem.field)
                self.problems.setCellWidget(row, 2, combo)
                self.value_combos.append((problem.field, problem.raw, combo))
            else:
                self.problems.setItem(row, 2, QTableWidgetItem(self.tr("à corriger dans le "
                                                                       "fichier")))
        self.problems.resizeRowsToContents()
        height = self.problems.horizontalHeader().height() + 2 * self.problems.frameWidth() + 2
        height += sum(self.problems.rowHeight(r) for r in range(min(len(problems), 6)))
        self.problems.setFixedHeight(min(max(height, 60), 190))
        hints = []
        if self.value_combos:
            hints.append(self.tr("Choisissez la valeur de chaque « inconnu » : le choix est "
                                 "retenu pour les prochains imports."))
        if self.what == "customers" and not self.keep_box.isChecked():
            hints.append(self.tr("Ou cochez « Importer quand même » pour garder les valeurs "
                                 "illisibles dans les notes."))
        self.rerun_hint.setText(" ".join(hints))
        self.rerun_button.setEnabled(self.what == "customers")
        self.problems_box.setVisible(bool(problems))
        if self.value_combos:
            self.value_combos[0][2].setFocus()

    def _value_combo(self, field: str) -> QComboBox:
        from rcdesk.services.customers.vocabulary import CHOICES, country_choices

        combo = QComboBox()
        combo.addItem(self.tr("— choisir —"), None)
        if field == "country":
            for code, name in country_choices():
                combo.addItem(f"{name} ({code})", code)
        else:
            labels = {"": self.tr("(aucune)"), "oui": self.tr("oui"), "non": self.tr("non")}
            for value in CHOICES[field]:
                data = {"oui": True, "non": False}.get(value, value) \
                    if field in ("consent", "active") else value
                combo.addItem(labels.get(value, value), data)
        combo.setMaxVisibleItems(20)
        return combo

    def _done(self, result) -> None:
        self._finish()
        if result.cancelled:
            self.result_label.setText(self.tr("Import annulé : la base n'a pas été modifiée."))
            self.sig_finished.emit(result)
            return
        if not result.dry_run:
            self.result_counts = result
        self.last_result = result
        text = self.tr("<b>%1 importé(s), %2 mis à jour, %3 rejeté(s)</b> sur %4 ligne(s).")
        for key, value in (("%1", result.imported), ("%2", result.updated),
                           ("%3", result.rejected), ("%4", result.total)):
            text = text.replace(key, format_number(value, 0))
        if getattr(result, "contacts", 0):
            text += " " + self.tr("%1 contact(s) rattaché(s) à leur société").replace(
                "%1", format_number(result.contacts, 0))
            if result.companies:
                text += self.tr(" (dont %1 société(s) créée(s) d'après leur nom)").replace(
                    "%1", format_number(result.companies, 0))
            text += "."
        if getattr(self, "_only_lines", None) is not None:
            text = self.tr("Lignes rejetées relancées : ") + text
        if result.dry_run:
            text = self.tr("Vérification seulement, rien n'a été enregistré : ") + text
        if result.ignored:
            text += "<br>" + self.tr("Colonnes ignorées : %1").replace(
                "%1", _escape(", ".join(result.ignored)))
        if result.rejects_path:
            url = QUrl.fromLocalFile(str(result.rejects_path)).toString()
            text += "<br>" + self.tr("Lignes rejetées, avec leur motif : %1").replace(
                "%1", f'<a href="{url}">{_escape(str(result.rejects_path))}</a>')
        if getattr(result, "warnings_path", None):
            url = QUrl.fromLocalFile(str(result.warnings_path)).toString()
            text += "<br>" + self.tr("%1 ligne(s) importée(s) avec une valeur gardée dans les "
                                     "notes : %2").replace(
                "%1", format_number(result.warned, 0)).replace(
                "%2", f'<a href="{url}">{_escape(str(result.warnings_path))}</a>')
        self.result_label.setText(text)
        self._show_problems(result)
        self.sig_finished.emit(result)
        if getattr(result, "probable", ()) and not result.dry_run:
            self.review_duplicates(result.probable)

    def review_duplicates(self, probable) -> None:
        """The review step: merge, skip or create each probable duplicate, then those lines
        are imported again with the decisions."""
        from rcdesk.ui.customers.duplicate_review import DuplicateReviewDialog

        review = DuplicateReviewDialog(probable, self)
        if not review.exec():
            return
        decisions = review.decisions()
        self._review = {"duplicates": decisions}
        self.run_import(only_lines=set(decisions))

    def _failed(self, message: str) -> None:
        self._finish()
        self.result_label.clear()
        self.problem.show_error(message)
        self.sig_finished.emit(None)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
