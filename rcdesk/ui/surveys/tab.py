"""The Satisfaction tab: a campaign chosen at the top, then its results (NPS with its margin,
distribution, criteria), the mapping with its zone 2 list, the « Pourquoi ? » answers (a
detractor becomes a complaint or a follow-up call), the comparison with another campaign
(before / after or staff vs customers) and the trend."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QSplitter,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from rcdesk.core.formatting import format_number
from rcdesk.core.satisfaction import CUT_MEANS, CUT_MIDDLE, SMALL_SAMPLE, ZONES
from rcdesk.ui.forms import action_button, shortcut
from rcdesk.ui.surveys import operations as ops
from rcdesk.ui.surveys.charts import MappingPlot, MirrorPlot, NpsBars, TrendPlot
from rcdesk.ui.surveys.dialogs import ERRORS, error_text

CATEGORY = {"promoter": "promoteur", "passive": "neutre", "detractor": "détracteur"}
SHORT_ZONES = {1: "points forts", 2: "à améliorer", 3: "à surveiller", 4: "moyen terme"}


def n1(value: float) -> str:
    return format_number(round(value, 1), 1)


def nps_text(nps) -> str:
    if nps is None:
        return "Pas de NPS : aucune réponse à la question de recommandation."
    sign = "+" if nps.score > 0 else ""
    return (f"NPS {sign}{n1(nps.score)} ± {n1(nps.margin)}  (de {n1(nps.low)} à "
            f"{n1(nps.high)}, à 95 %)")


class DistributionBars(QStyledItemDelegate):
    """Paints a criterion's distribution (counts per score, lowest first, kept in UserRole) as
    small bars, red to green; the numbers stay in the tooltip and the cell's text for copy."""

    COLOURS = ("#C0392B", "#E67E22", "#F1C40F", "#A3C644", "#52A447", "#1E8449")

    def paint(self, painter, option, index) -> None:
        counts = index.data(Qt.ItemDataRole.UserRole)
        if not counts:
            super().paint(painter, option, index)
            return
        painter.save()
        rect = option.rect.adjusted(3, 3, -3, -3)
        top = max(counts) or 1
        width = rect.width() / len(counts)
        for i, count in enumerate(counts):
            colour = self.COLOURS[round(i * (len(self.COLOURS) - 1) / max(1, len(counts) - 1))]
            height = rect.height() * count / top
            painter.fillRect(QRectF(rect.left() + i * width + 1, rect.bottom() - height,
                                    max(1.0, width - 2), height), QColor(colour))
        painter.restore()

    def sizeHint(self, option, index):
        hint = super().sizeHint(option, index)
        hint.setWidth(110)
        return hint


def _table(parent, headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _cell(text, align_right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(str(text))
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class SurveysTab(QWidget):
    """Ctrl+N: enter responses of the campaign; Ctrl+I: import; Ctrl+P: the PDF report."""

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.results = None
        self.campaign = QComboBox(self)
        self.campaign.setObjectName("campaignChoice")
        self.campaign.setMinimumWidth(300)
        self.cut = QComboBox(self)
        self.cut.setObjectName("cutChoice")
        self.cut.addItem(self.tr("Coupure au milieu de l'échelle"), CUT_MIDDLE)
        self.cut.addItem(self.tr("Coupure aux moyennes des critères"), CUT_MEANS)
        pick = QLabel(self.tr("&Campagne :"), self)
        pick.setBuddy(self.campaign)
        bar = QHBoxLayout()
        bar.addWidget(pick)
        bar.addWidget(self.campaign, 1)
        bar.addWidget(self.cut)
        for text, slot, name in (
                (self.tr("&Saisir des réponses…"), self.enter_responses, "enterResponses"),
                (self.tr("&Importer…"), self.import_responses, "importResponses"),
                (self.tr("Rapport &PDF…"), self.report, "surveyReport")):
            button = action_button(text, slot, self, name=name)
            bar.addWidget(button)
        self.report_button = button
        self.report_worker = None
        campaigns = QToolButton(self)
        campaigns.setObjectName("campaignMenu")
        campaigns.setText(self.tr("Ca&mpagnes"))
        campaigns.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(campaigns)
        menu.addAction(self.tr("&Nouvelle campagne…"), self.new_campaign)
        menu.addAction(self.tr("&Modifier la campagne…"), self.edit_campaign)
        menu.addAction(self.tr("&Supprimer la campagne…"), self.delete_campaign)
        campaigns.setMenu(menu)
        bar.addWidget(campaigns)
        bar.addWidget(action_button(self.tr("&Questionnaires…"), self.questionnaires, self,
                                    name="questionnaires"))

        self.pages = QTabWidget(self)
        self.pages.setObjectName("surveyPages")
        self.pages.addTab(self._results_page(), self.tr("Résultats"))
        self.pages.addTab(self._mapping_page(), self.tr("Mapping"))
        self.pages.addTab(self._verbatims_page(), self.tr("Pourquoi ?"))
        self.pages.addTab(self._compare_page(), self.tr("Comparaison"))
        self.pages.addTab(self._trend_page(), self.tr("Évolution"))
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.pages, 1)
        shortcut(self, "Ctrl+N", self.enter_responses)
        shortcut(self, "Ctrl+I", self.import_responses)
        shortcut(self, "Ctrl+P", self.report)
        self.campaign.currentIndexChanged.connect(lambda _i: self.refresh())
        self.cut.currentIndexChanged.connect(lambda _i: self.refresh())
        self.pages.currentChanged.connect(lambda _i: self._show_page())
        context.data_changed.connect(self._data_changed)
        self.load_campaigns()

    # --- pages ------------------------------------------------------------------------------

    def _results_page(self) -> QWidget:
        page = QWidget(self)
        self.nps_label = QLabel(page)
        self.nps_label.setObjectName("npsLabel")
        self.nps_label.setStyleSheet("font-size: 18pt; font-weight: bold; color: #1F4E79;")
        self.nps_counts = QLabel(page)
        self.nps_counts.setObjectName("npsCounts")
        self.nps_warning = QLabel(page)
        self.nps_warning.setObjectName("npsWarning")
        self.nps_warning.setStyleSheet("color: #b00020; font-weight: bold;")
        self.nps_warning.setWordWrap(True)
        self.rate = QLabel(page)
        self.bars = NpsBars(page)
        self.criteria = _table(page, [self.tr("N°"), self.tr("Critère"),
                                      self.tr("Satisfaction"), self.tr("Importance"),
                                      self.tr("Satisfaits"), self.tr("Zone"),
                                      self.tr("Réponses"), self.tr("Répartition")],
                               "criteriaTable")
        self.criteria.setItemDelegateForColumn(7, DistributionBars(self.criteria))
        self.others = QListWidget(page)
        self.others.setObjectName("otherQuestions")
        left = QVBoxLayout()
        left.addWidget(self.nps_label)
        left.addWidget(self.nps_counts)
        left.addWidget(self.nps_warning)
        left.addWidget(self.rate)
        left.addWidget(self.bars, 1)
        right = QVBoxLayout()
        self.criteria_title = QLabel(page)
        right.addWidget(self.criteria_title)
        right.addWidget(self.criteria, 3)
        right.addWidget(QLabel(self.tr("Autres questions"), page))
        right.addWidget(self.others, 1)
        layout = QHBoxLayout(page)
        layout.addLayout(left, 2)
        layout.addLayout(right, 3)
        return page

    def _mapping_page(self) -> QWidget:
        page = QWidget(self)
        self.mapping = MappingPlot(page)
        self.mapping.setObjectName("mappingPlot")
        self.zone2 = QListWidget(page)
        self.zone2.setObjectName("zone2List")
        self.zone2.setWordWrap(True)
        self.zone2.itemActivated.connect(lambda _i: self.zone2_action())
        self.zone_legend = QLabel(page)
        self.zone_legend.setWordWrap(True)
        self.zone_legend.setText("\n".join(f"Zone {z} — {name} : {what}"
                                           for z, (name, what) in ZONES.items()))
        act = action_button(self.tr("Créer une &action PAQ…"), self.zone2_action, page,
                            name="zone2Action")
        side = QVBoxLayout()
        side.addWidget(QLabel(self.tr("<b>Zone 2 — points à améliorer (URGENCE)</b>"), page))
        side.addWidget(self.zone2, 1)
        side.addWidget(act)
        side.addWidget(self.zone_legend)
        layout = QHBoxLayout(page)
        layout.addWidget(self.mapping, 3)
        layout.addLayout(side, 1)
        return page

    def _verbatims_page(self) -> QWidget:
        page = QWidget(self)
        self.only_detractors = QComboBox(page)
        self.only_detractors.addItems([self.tr("Tous les « Pourquoi ? »"),
                                       self.tr("Les détracteurs seulement (0–6)")])
        self.only_detractors.currentIndexChanged.connect(lambda _i: self.show_verbatims())
        self.verbatims = _table(page, [self.tr("Note"), self.tr("Profil"), self.tr("Client"),
                                       self.tr("Date"), self.tr("Pourquoi ?")], "verbatimTable")
        self.verbatims.activated.connect(lambda _i: self.to_complaint())
        complaint = action_button(self.tr("Transformer en &réclamation"), self.to_complaint,
                                  page, name="toComplaint")
        call = action_button(self.tr("Programmer un &rappel…"), self.follow_up, page,
                             name="followUp")
        row = QHBoxLayout()
        row.addWidget(self.only_detractors)
        row.addStretch(1)
        row.addWidget(complaint)
        row.addWidget(call)
        layout = QVBoxLayout(page)
        layout.addLayout(row)
        layout.addWidget(self.verbatims, 1)
        return page

    def _compare_page(self) -> QWidget:
        page = QWidget(self)
        self.other = QComboBox(page)
        self.other.setObjectName("compareWith")
        self.other.currentIndexChanged.connect(lambda _i: self.show_comparison())
        self.compare_text = QLabel(page)
        self.compare_text.setObjectName("compareText")
        self.compare_text.setWordWrap(True)
        self.mirror = MirrorPlot(page)
        self.gaps = _table(page, [self.tr("Critère"), self.tr("Satisfaction A"),
                                  self.tr("Satisfaction B"), self.tr("Écart B − A")], "gapTable")
        row = QHBoxLayout()
        label = QLabel(self.tr("Comparer &avec :"), page)
        label.setBuddy(self.other)
        row.addWidget(label)
        row.addWidget(self.other, 1)
        split = QSplitter(page)
        split.addWidget(self.mirror)
        split.addWidget(self.gaps)
        split.setSizes([600, 400])
        layout = QVBoxLayout(page)
        layout.addLayout(row)
        layout.addWidget(self.compare_text)
        layout.addWidget(split, 1)
        return page

    def _trend_page(self) -> QWidget:
        page = QWidget(self)
        self.trend = TrendPlot(page)
        self.trend_text = QLabel(page)
        self.trend_text.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(self.trend, 1)
        layout.addWidget(self.trend_text)
        return page

    # --- data -------------------------------------------------------------------------------

    def current_campaign(self) -> int | None:
        return self.campaign.currentData()

    def load_campaigns(self, select: int | None = None) -> None:
        select = select or self.current_campaign()
        campaigns = ops.surveys().list_campaigns()
        self.campaign.blockSignals(True)
        self.campaign.clear()
        for c in campaigns:
            self.campaign.addItem(f"{c.title} — {c.questionnaire_title} ({c.audience}), "
                                  f"{c.responses} réponse(s)", c.id)
        if not select:  # the latest campaign with a mapping to show, else the latest
            select = next((c.id for c in campaigns if c.responses and ops.surveys()
                           .get_questionnaire(c.questionnaire_id, counts=False).criteria()),
                          None)
        index = self.campaign.findData(select) if select else 0
        self.campaign.setCurrentIndex(max(0, index))
        self.campaign.blockSignals(False)
        self.other.blockSignals(True)
        self.other.clear()
        for c in campaigns:
            self.other.addItem(f"{c.title} ({c.audience})", c.id)
        self.other.blockSignals(False)
        self.refresh()

    def _data_changed(self, area: str) -> None:
        if area in ("satisfaction", "customers"):
            self.load_campaigns()

    def refresh(self) -> None:
        cid = self.current_campaign()
        if cid is None:
            self.results = None
            self.nps_label.setText(self.tr("Aucune campagne"))
            self.nps_counts.setText(self.tr("Créez un questionnaire puis une campagne."))
            self.nps_warning.clear()
            return
        try:
            self.results = ops.campaign_results(campaign_id=cid, cut=self.cut.currentData())
        except ERRORS as exc:
            QMessageBox.warning(self, self.tr("Satisfaction"), error_text(exc))
            return
        mirror = ops.results().mirror_campaign(cid)
        if mirror is not None:
            self.other.blockSignals(True)
            self.other.setCurrentIndex(self.other.findData(mirror))
            self.other.blockSignals(False)
        self.show_results()
        self._show_page()

    def _show_page(self) -> None:
        if self.results is None:
            return
        page = self.pages.currentIndex()
        if page == 1:
            self.show_mapping()
        elif page == 2:
            self.show_verbatims()
        elif page == 3:
            self.show_comparison()
        elif page == 4:
            self.show_trend()

    def show_results(self) -> None:
        r = self.results
        nps = r.nps
        self.nps_label.setText(nps_text(nps))
        if nps is None:
            self.nps_counts.setText(self.tr("%1 réponse(s) à la campagne.").replace(
                "%1", str(r.responses)))
            self.nps_warning.clear()
        else:
            self.nps_counts.setText(
                f"{nps.promoters} promoteurs ({format_number(nps.pct(nps.promoters), 0)} %), "
                f"{nps.passives} neutres ({format_number(nps.pct(nps.passives), 0)} %), "
                f"{nps.detractors} détracteurs ({format_number(nps.pct(nps.detractors), 0)} %) "
                f"sur {nps.n} réponses")
            self.nps_warning.setText(
                self.tr("⚠ Moins de %1 réponses (%2) : la marge d'erreur est approximative.")
                .replace("%1", str(SMALL_SAMPLE)).replace("%2", str(nps.n))
                if nps.approximate else "")
        c = r.campaign
        self.rate.setText(self.tr("Taux de réponse : %1 % (%2 sur %3 sollicités)")
                          .replace("%1", format_number(c.response_rate, 1))
                          .replace("%2", str(r.responses)).replace("%3", str(c.asked))
                          if c.response_rate is not None else "")
        self.bars.show_distribution(r.nps_distribution)
        self.criteria.setRowCount(0)
        for k in r.mapping.criteria:
            row = self.criteria.rowCount()
            self.criteria.insertRow(row)
            dist = " ".join(str(k.distribution.get(v, 0))
                            for v in range(r.mapping.scale[0], r.mapping.scale[1] + 1))
            values = [f"Q{k.number}", k.label,
                      "—" if k.satisfaction is None else format_number(k.satisfaction, 2),
                      "—" if k.importance is None else format_number(k.importance, 2),
                      "—" if k.satisfied_pct is None else f"{format_number(k.satisfied_pct, 0)} %",
                      "—" if k.zone is None else f"{k.zone} — {SHORT_ZONES[k.zone]}",
                      str(k.answers), dist]
            for col, value in enumerate(values):
                item = _cell(value, col in (2, 3, 4, 6))
                if col == 5 and k.zone is not None:
                    item.setToolTip(f"Zone {k.zone} — {ZONES[k.zone][0]} : {ZONES[k.zone][1]}")
                if col == 7:
                    item.setToolTip(self.tr("Réponses par note, de la plus basse à la plus "
                                            "haute : %1").replace("%1", dist))
                    item.setData(Qt.ItemDataRole.UserRole, [
                        k.distribution.get(v, 0)
                        for v in range(r.mapping.scale[0], r.mapping.scale[1] + 1)])
                    item.setForeground(QColor(0, 0, 0, 0))
                self.criteria.setItem(row, col, item)
        self.criteria.resizeColumnsToContents()
        self.criteria_title.setText(
            self.tr("Critères (moyennes sur l'échelle du questionnaire ; satisfaits = deux cases "
                    "du haut)") if r.mapping.criteria else
            self.tr("Ce questionnaire n'a pas de critère : pas de mapping."))
        self.others.clear()
        for s in r.others:
            if s.counts:
                parts = ", ".join(f"{k} : {v}" for k, v in s.counts.items())
                mean = f" — moyenne {format_number(s.mean, 2)}" if s.mean is not None else ""
                self.others.addItem(f"Q{s.question.number} {s.question.label} ({s.answers}) "
                                    f"— {parts}{mean}")
            else:
                self.others.addItem(f"Q{s.question.number} {s.question.label} : {s.answers} "
                                    "réponse(s) écrite(s)")

    def show_mapping(self) -> None:
        m = self.results.mapping
        self.mapping.show_mapping(m)
        self.zone2.clear()
        for k in m.in_zone(2):
            item = QListWidgetItem(f"Q{k.number} {k.label} — importance "
                                   f"{format_number(k.importance, 2)}, satisfaction "
                                   f"{format_number(k.satisfaction, 2)}")
            item.setData(Qt.ItemDataRole.UserRole, (k.number, k.label))
            self.zone2.addItem(item)
        if not self.zone2.count():
            self.zone2.addItem(self.tr("Aucun critère en zone 2."))
        else:
            self.zone2.setCurrentRow(0)

    def show_verbatims(self) -> None:
        cid = self.current_campaign()
        if cid is None:
            return
        items = ops.results().verbatims(cid, only_detractors=self.only_detractors.currentIndex()
                                        == 1)
        self.verbatims.setRowCount(0)
        for v in items:
            row = self.verbatims.rowCount()
            self.verbatims.insertRow(row)
            values = [f"{v.score}/10", CATEGORY.get(v.category, ""),
                      v.customer_name or self.tr("anonyme"),
                      v.answered_at.strftime("%d/%m/%Y"), v.text]
            for col, value in enumerate(values):
                item = _cell(value)
                if col == 0:
                    item.setData(Qt.ItemDataRole.UserRole, (v.response_id, v.customer_id))
                self.verbatims.setItem(row, col, item)
        self.verbatims.resizeColumnsToContents()
        self.verbatims.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)

    def show_comparison(self) -> None:
        a, b = self.current_campaign(), self.other.currentData()
        if a is None or b is None:
            return
        if a == b:
            self.compare_text.setText(self.tr("Choisissez une autre campagne (avant / après, "
                                              "ou celle du personnel)."))
            self.gaps.setRowCount(0)
            return
        comparison = ops.results().compare(a, b, self.cut.currentData())
        ca, cb = comparison.a.campaign, comparison.b.campaign
        kind = self.tr("Symétrie des attentions (personnel / clients)") if comparison.mirror \
            else self.tr("Avant / après")
        d = comparison.nps
        if d is None:
            verdict = self.tr("NPS non comparable : une des campagnes n'a pas de NPS.")
        else:
            verdict = (f"NPS {n1(comparison.a.nps.score)} → {n1(comparison.b.nps.score)} : "
                       f"écart {n1(d.difference)} ± {n1(d.margin)} — "
                       + (self.tr("différence significative") if d.significant else
                          self.tr("différence non significative (dans le bruit)")))
        self.compare_text.setText(f"<b>{kind}</b> — A : {ca.title} ({ca.audience}), B : "
                                  f"{cb.title} ({cb.audience}).<br>{verdict}")
        gaps = [g for g in comparison.criteria if g.gap is not None]
        self.mirror.show_gaps(gaps, f"A — {ca.audience}", f"B — {cb.audience}",
                              comparison.a.mapping.scale)
        self.gaps.setRowCount(0)
        for g in comparison.criteria:
            row = self.gaps.rowCount()
            self.gaps.insertRow(row)
            values = [g.label,
                      "—" if g.a_satisfaction is None else format_number(g.a_satisfaction, 2),
                      "—" if g.b_satisfaction is None else format_number(g.b_satisfaction, 2),
                      "—" if g.gap is None else format_number(g.gap, 2)]
            for col, value in enumerate(values):
                self.gaps.setItem(row, col, _cell(value, col > 0))
        self.gaps.resizeColumnsToContents()

    def show_trend(self) -> None:
        current = self.results.campaign
        points = [(c.title, nps) for c, nps in ops.results().campaigns_nps()
                  if c.questionnaire_id == current.questionnaire_id]
        from rcdesk.reports.satisfaction import short_labels

        labels = short_labels([p[0] for p in points])
        self.trend.show_trend(list(zip(labels, [p[1] for p in points])))
        months = ops.results().nps_by_month(audience=current.audience)
        self.trend_text.setText(self.tr("Par mois : ") + " · ".join(
            f"{m[5:]}/{m[:4]} {n1(n.score)}" for m, n in months[-12:] if n is not None))

    # --- actions ----------------------------------------------------------------------------

    def _refused(self, exc) -> None:
        QMessageBox.warning(self, self.tr("Opération refusée"), error_text(exc))

    def enter_responses(self):
        from rcdesk.ui.surveys.entry import EntryDialog

        cid = self.current_campaign()
        if cid is None:
            return None
        dialog = EntryDialog(cid, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: self.context.data_changed.emit("satisfaction"))
        dialog.open()
        return dialog

    def import_responses(self):
        from rcdesk.ui.surveys.import_dialog import ImportDialog

        cid = self.current_campaign()
        if cid is None:
            return None
        dialog = ImportDialog(cid, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: self.context.data_changed.emit("satisfaction"))
        dialog.open()
        return dialog

    def new_campaign(self):
        from rcdesk.ui.surveys.dialogs import CampaignDialog

        dialog = CampaignDialog(self)
        if dialog.exec():
            self.load_campaigns(dialog.campaign_id)

    def edit_campaign(self):
        from rcdesk.ui.surveys.dialogs import CampaignDialog

        cid = self.current_campaign()
        if cid is None:
            return
        dialog = CampaignDialog(self, ops.surveys().get_campaign(cid))
        if dialog.exec():
            self.load_campaigns(cid)

    def delete_campaign(self):
        cid = self.current_campaign()
        if cid is None:
            return
        campaign = ops.surveys().get_campaign(cid)
        question = self.tr("Supprimer la campagne « %1 » et ses %2 réponse(s) ? Les réponses "
                           "supprimées ne reviennent pas.").replace("%1", campaign.title) \
            .replace("%2", str(campaign.responses))
        if QMessageBox.question(self, self.tr("Supprimer la campagne"), question) \
                != QMessageBox.StandardButton.Yes:
            return
        try:
            ops.delete_campaign(cid)
        except ERRORS as exc:
            self._refused(exc)
            return
        self.load_campaigns(None)
        self.context.data_changed.emit("satisfaction")

    def questionnaires(self):
        from rcdesk.ui.surveys.dialogs import QuestionnairesDialog

        dialog = QuestionnairesDialog(self.context, self)
        dialog.exec()
        if dialog.changed:
            self.load_campaigns()

    def report(self) -> None:
        """The campaign's PDF drawn off the GUI thread (ui/worker.py), the button disabled
        meanwhile; Annuler in the busy dialog drops the result."""
        from rcdesk.ui.complaints.common import ask_pdf_path
        from rcdesk.ui.worker import run_report

        cid = self.current_campaign()
        if cid is None or not self.report_button.isEnabled():
            return
        path = ask_pdf_path(self, "satisfaction.pdf")
        if not path:
            return
        self.report_button.setEnabled(False)
        self.report_worker = run_report(
            self, self.tr("Rédaction du rapport de satisfaction en PDF…"),
            ops.write_campaign_pdf, self._report_done, self._report_failed, campaign_id=cid,
            path=path, cut=self.cut.currentData())

    def _report_done(self, path) -> None:
        self.report_button.setEnabled(True)
        QMessageBox.information(self, self.tr("Rapport PDF"),
                                self.tr("Rapport enregistré : %1").replace("%1", str(path)))

    def _report_failed(self, message: str) -> None:
        self.report_button.setEnabled(True)
        QMessageBox.warning(self, self.tr("Opération refusée"), message)

    def zone2_action(self) -> None:
        from rcdesk.ui.surveys.dialogs import ZoneActionDialog

        item = self.zone2.currentItem()
        data = item.data(Qt.ItemDataRole.UserRole) if item else None
        if not data:
            return
        number, label = data
        dialog = ZoneActionDialog(label, self)
        dialog.pilot.setText(self.context.operator())
        if not dialog.exec():
            return
        try:
            action_id = ops.loop().zone2_to_action(self.current_campaign(), number,
                                                   pilot=dialog.pilot.text(),
                                                   planned=dialog.planned(),
                                                   cut=self.cut.currentData())
        except ERRORS as exc:
            self._refused(exc)
            return
        self.context.data_changed.emit("actions")
        QMessageBox.information(self, self.tr("Plan d'actions qualité"),
                                self.tr("Action n° %1 créée dans le plan d'actions qualité "
                                        "(origine : enquête de satisfaction).")
                                .replace("%1", str(action_id)))

    def _selected_response(self):
        row = self.verbatims.currentRow()
        item = self.verbatims.item(row, 0) if row >= 0 else None
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def to_complaint(self) -> None:
        selected = self._selected_response()
        if not selected:
            return
        try:
            number = ops.loop().detractor_to_complaint(selected[0])
        except ERRORS as exc:
            self._refused(exc)
            return
        self.context.data_changed.emit("complaints")
        QMessageBox.information(self, self.tr("Réclamation"),
                                self.tr("Réclamation %1 enregistrée pour ce client.")
                                .replace("%1", number))

    def follow_up(self) -> None:
        from rcdesk.ui.surveys.dialogs import FollowUpDialog

        selected = self._selected_response()
        if not selected:
            return
        dialog = FollowUpDialog(self)
        if not dialog.exec():
            return
        try:
            ops.loop().detractor_follow_up(selected[0], dialog.day())
        except ERRORS as exc:
            self._refused(exc)
            return
        self.context.data_changed.emit("customers")
