"""The paged table model without a view: pages on demand, sort handed to the query, resets."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QSignalSpy

from rcdesk.ui.paged_model import ID_ROLE, RIGHT, PagedTableModel, RowStyle

COLUMNS = [("name", "Nom"), ("city", "Ville"), ("amount", "Montant")]
RED = QColor("#b00020")


@dataclass(frozen=True)
class Query:
    text: str = ""
    sort: str = "name"
    descending: bool = False


class FakeService:
    """rows_for(query) in SQL's order; every call is recorded."""

    def __init__(self, count: int):
        self.rows = [(n + 1, f"Client{n:02d}", "Lyon" if n % 2 else "Brest", n * 100)
                     for n in range(count)]
        self.fetches: list[tuple[Query, int, int]] = []
        self.counts: list[Query] = []

    def rows_for(self, query: Query) -> list[tuple]:
        rows = [r for r in self.rows if query.text in r[1]]
        column = 1 + [key for key, _ in COLUMNS].index(query.sort)
        return sorted(rows, key=lambda r: (r[column], r[0]), reverse=query.descending)

    def fetch(self, query: Query, offset: int, limit: int) -> list[tuple]:
        self.fetches.append((query, offset, limit))
        return self.rows_for(query)[offset:offset + limit]

    def count(self, query: Query) -> int:
        self.counts.append(query)
        return len(self.rows_for(query))


class Styled(PagedTableModel):
    TOOLTIP_CHARS = 7

    def row_style(self, values):
        return RowStyle(foreground=RED, bold_keys=frozenset({"name"})) if values[0] == 2 else None

    def column_alignment(self, column):
        return RIGHT if self.column_key(column) == "amount" else None


def model_for(service: FakeService, batch: int = 5, cls=PagedTableModel) -> PagedTableModel:
    model = cls(COLUMNS, service.fetch, service.count, Query())
    model.BATCH = batch
    return model


def names(model) -> list[str]:
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_fetch_more_reads_one_batch_at_a_time_until_the_count(qapp):
    service = FakeService(12)
    model = model_for(service)
    model.set_query(Query())
    assert (model.total(), model.rowCount()) == (12, 5)
    assert service.fetches == [(Query(), 0, 5)]
    assert model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert service.fetches[1:] == [(Query(), 5, 5), (Query(), 10, 2)]
    assert model.rowCount() == 12 and not model.canFetchMore()
    model.fetchMore()  # nothing left: no query
    assert len(service.fetches) == 3
    assert names(model)[:2] == ["Client00", "Client01"] and names(model)[-1] == "Client11"
    assert model.index(3, 0).data(ID_ROLE) == 4
    assert model.row_id(11) == 12 and model.row_id(12) is None
    assert model.row_of(12) == 11 and model.row_of(99) == -1


def test_sort_hands_the_clicked_column_to_the_fetcher(qapp):
    service = FakeService(6)
    model = model_for(service)
    model.set_query(Query(text="Client"))
    service.fetches.clear()
    model.sort(model.column_of("city"), Qt.SortOrder.DescendingOrder)
    assert service.fetches == [(Query(text="Client", sort="city", descending=True), 0, 5)]
    assert model.query() == Query(text="Client", sort="city", descending=True)
    assert [model.index(r, 1).data() for r in range(2)] == ["Lyon", "Lyon"]
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert service.fetches[-1] == (Query(text="Client", sort="name", descending=False), 0, 5)
    assert names(model)[0] == "Client00"


def test_a_view_sorting_before_the_first_query_runs_no_sql(qapp):
    service = FakeService(3)
    model = model_for(service)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert service.fetches == [] and service.counts == []
    model.set_query(model.query())
    assert service.fetches == [(Query(sort="city", descending=True), 0, 3)]


def test_a_new_query_resets_to_its_first_page_and_refresh_keeps_the_rows_shown(qapp):
    service = FakeService(12)
    model = model_for(service)
    totals = QSignalSpy(model.total_changed)
    model.set_query(Query())
    model.fetchMore()
    assert model.rowCount() == 10
    resets = QSignalSpy(model.modelReset)
    model.set_query(Query(text="Client1"))
    assert resets.count() == 1
    assert (model.total(), model.rowCount()) == (2, 2)
    assert names(model) == ["Client10", "Client11"]
    model.set_query(Query())
    model.fetchMore()
    service.rows.append((13, "Client12", "Brest", 0))  # saved elsewhere
    model.refresh()
    assert service.fetches[-1] == (Query(), 0, 10)
    assert (model.total(), model.rowCount()) == (13, 10)
    fetched = len(service.fetches)
    model.set_query(Query(text="nobody"))
    assert model.rowCount() == 0 and not model.canFetchMore()
    assert len(service.fetches) == fetched  # a count of 0 reads no page
    assert [totals.at(i)[0] for i in range(totals.count())] == [12, 2, 12, 13, 0]


def test_rows_deleted_elsewhere_stop_the_fetching(qapp):
    service = FakeService(8)
    model = model_for(service)
    model.set_query(Query())
    del service.rows[3:]
    model.fetchMore()
    assert model.total() == 5 and not model.canFetchMore()


def test_colours_bold_tooltip_and_alignment_come_from_the_hooks(qapp):
    service = FakeService(3)
    model = model_for(service, cls=Styled)
    model.set_query(Query())
    styled, plain = model.index(1, 0), model.index(0, 0)
    assert styled.data(Qt.ItemDataRole.ForegroundRole) == RED
    assert styled.data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(1, 1).data(Qt.ItemDataRole.FontRole) is None
    assert plain.data(Qt.ItemDataRole.ForegroundRole) is None
    assert plain.data(Qt.ItemDataRole.ToolTipRole) == "Client00"  # longer than 7 characters
    assert model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole) is None
    amount = model.column_of("amount")
    assert model.index(2, amount).data() == "200"
    assert model.index(2, amount).data(Qt.ItemDataRole.UserRole) == 200
    assert model.index(2, amount).data(Qt.ItemDataRole.TextAlignmentRole) == RIGHT
    assert model.headerData(amount, Qt.Orientation.Horizontal,
                            Qt.ItemDataRole.TextAlignmentRole) == RIGHT
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Nom"
