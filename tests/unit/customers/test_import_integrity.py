"""Nothing lost, nothing leaked: encodings, ignored columns, malformed rows, damaged files,
limits, and an export that imports back whole."""

import csv
import re
import struct
import tracemalloc
import zipfile
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from rcdesk.core.errors import ServiceError
from rcdesk.services import tabular
from rcdesk.services.customers import (
    CustomerData,
    CustomerQuery,
    count_customers,
    create_customer,
    get_customer,
    list_customers,
    list_purchases,
)
from rcdesk.services.customers.imports import detect_format, import_customers
from rcdesk.services.customers.purchases_import import import_purchases


def read_rejects(path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))


def reasons_of(result) -> dict[int, str]:
    return {int(r[0]): r[1] for r in read_rejects(result.rejects_path)[1:]}


def one(text):
    [hit] = list_customers(CustomerQuery(text=text), 0, 5)
    return get_customer(hit[0])


def workbook(path, rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def rewrite_part(path, name, change, compression=zipfile.ZIP_DEFLATED):
    """The workbook with one of its parts changed by change(bytes) -> bytes."""
    source = zipfile.ZipFile(path)
    parts = [(info, source.read(info.filename)) for info in source.infolist()]
    source.close()
    with zipfile.ZipFile(path, "w", compression) as target:
        for info, data in parts:
            target.writestr(info.filename, change(data) if info.filename == name else data)
    return path


# --- encodings ----------------------------------------------------------------------------


def test_one_cp1252_line_in_a_utf8_file_loses_nothing(tmp_path, database):
    path = tmp_path / "clients.csv"
    path.write_bytes(
        "Nom;Prénom;Téléphone;Ville\r\n".encode()
        + "Dupont;Hélène;06 12 34 56 78;Orléans\r\n".encode()
        + "Noël;Loïc;07 98 76 54 32;Besançon\r\n".encode("cp1252")
        + "Bœuf;Zoé;06 11 22 33 44;Nîmes\r\n".encode())
    fmt = detect_format(path)
    assert fmt.encoding == "utf-8+cp1252"
    result = import_customers(path)
    assert (result.imported, result.rejected, result.ignored) == (3, 0, ())
    assert (one("dupont").first_name, one("dupont").city) == ("Hélène", "Orléans")
    loic = one("besancon")
    assert (loic.last_name, loic.first_name, loic.phone) == ("Noël", "Loïc", "+33798765432")
    assert one("zoe").last_name == "Bœuf"


def test_latin9_is_told_apart_from_cp1252(tmp_path, database):
    latin9 = tmp_path / "latin9.csv"
    latin9.write_bytes("Nom;Notes\r\nCœur;prix 12 €\r\n".encode("iso-8859-15"))
    assert detect_format(latin9).encoding == "iso-8859-15"
    windows = tmp_path / "windows.csv"
    windows.write_bytes("Nom;Notes\r\nŒuvre;prix 12 € l’unité\r\n".encode("cp1252"))
    assert detect_format(windows).encoding == "cp1252"
    assert import_customers(latin9).imported == 1
    assert import_customers(windows).imported == 1
    assert (one("cœur").last_name, one("cœur").notes) == ("Cœur", "prix 12 €")
    assert one("œuvre").notes == "prix 12 € l’unité"


def test_a_forced_encoding_that_does_not_fit_is_refused_with_the_lines(tmp_path):
    path = tmp_path / "clients.csv"
    path.write_bytes("Nom;Ville\r\nA;Lille\r\nNoël;Orléans\r\nB;Lens\r\nHé;Là\r\n"
                     .encode("cp1252"))
    fmt = tabular.FileFormat(encoding="utf-8", separator=";")
    with pytest.raises(ServiceError) as info:
        tabular.read_table(path, fmt)
    assert "« utf-8 » (ligne(s) 3, 5)" in str(info.value)


# --- columns ------------------------------------------------------------------------------


def test_unrecognised_columns_are_named(tmp_path, database):
    path = tmp_path / "clients.csv"
    path.write_text("Nom;Couleur préférée;Ville;;Pointure\nDupont;bleu;Lille;x;42\n",
                    encoding="utf-8")
    result = import_customers(path)
    assert result.imported == 1
    assert result.ignored == ("Couleur préférée", "colonne 4 (sans en-tête)", "Pointure")


def every_field(n: int, **changes) -> CustomerData:
    data = CustomerData(
        kind="particulier", status="client", civility="Mme", first_name=f"Hélène{n}",
        last_name="Dupont-Lefèvre", company_name="", legal_id="",
        birth_date=date(1980, 3, 5), email=f"helene{n}@exemple.fr",
        email2=f"h{n}@travail.fr", phone="+33612345678", phone2="+3225123456",
        address=f"{n} rue des Lilas\n2e étage", postal_code="01000", city="Bourg-en-Bresse",
        region="Auvergne-Rhône-Alpes", country="FR", segments=["VIP", "Mairie/Collectivité"],
        source="salon", preferred_channel="e-mail", consent=True,
        consent_date=date(2024, 2, 1), consent_how="formulaire web, case cochée",
        external_id=f"C{n}", notes="- rappeler \"vite\"; =SOMME(A1)\nle matin")
    for name, value in changes.items():
        setattr(data, name, value)
    return data


FIELDS = [name for name in CustomerData.__dataclass_fields__ if name != "id"]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_export_imports_back_whole(tmp_path, database, suffix):
    from rcdesk.db import close_database, open_database
    from rcdesk.models.customers import Customer
    from rcdesk.services.customers.export import export_customers
    from rcdesk.services.customers.imports import CUSTOMER_FIELDS

    created = [
        create_customer(every_field(1)),
        create_customer(every_field(2, kind="professionnel", company_name="Atelier Léa",
                                    legal_id="73282932000074", civility="", status="prospect",
                                    country="BE", phone="+3225123456", phone2="+33612345678",
                                    postal_code="1000", segments=[])),
        create_customer(every_field(3, status="ancien client", civility="M.", consent=False,
                                    consent_date=None, consent_how="", birth_date=None,
                                    country="MA", phone="+212661234567", phone2="",
                                    email2="", external_id=None, notes="")),
    ]
    Customer.update(last_contact=datetime(2025, 6, 1, 14, 30),
                    created_at=datetime(2023, 1, 2, 8, 15)).where(
        Customer.id == created[0]).execute()
    before = {cid: get_customer(cid) for cid in created}
    stamps = {cid: Customer.select(Customer.created_at, Customer.last_contact)
              .where(Customer.id == cid).tuples().get() for cid in created}
    path = tmp_path / f"export{suffix}"
    assert export_customers(CustomerQuery(), path) == 3
    target = database.target
    if database.engine == "sqlite":
        fresh = tmp_path / "vide.db"
        close_database()
        open_database(str(fresh))
    else:  # an empty base on the same server
        from rcdesk.models.customers import Customer as Model

        Model.delete().execute()
    try:
        result = import_customers(path)
        assert (result.imported, result.rejected) == (3, 0)
        assert result.ignored == ("N° (numéro attribué par rcdesk, non importé)",)
        assert set(CUSTOMER_FIELDS) <= {*FIELDS, "created_at", "last_contact", "client_since",
                                        "lost_at", "referrer"}
        for cid, old in before.items():
            [hit] = list_customers(CustomerQuery(text=old.email), 0, 5)
            new = get_customer(hit[0])
            for name in FIELDS:
                if name == "referred_by_id":
                    continue
                assert getattr(new, name) == getattr(old, name), name
            created_at, last_contact = Customer.select(
                Customer.created_at, Customer.last_contact).where(
                Customer.id == hit[0]).tuples().get()
            old_created, old_contact = stamps[cid]
            assert created_at == old_created.replace(microsecond=0)
            assert last_contact == (old_contact.replace(microsecond=0)
                                    if old_contact else None)
    finally:
        if database.engine == "sqlite":
            close_database()
            open_database(target)


# --- rows ---------------------------------------------------------------------------------


def test_a_row_longer_than_the_header_is_rejected_whatever_its_last_cells(tmp_path, database):
    path = tmp_path / "clients.csv"
    path.write_text("Nom;Prénom;Ville;Notes\n"
                    "Dupont;Hélène;Lille;\n"
                    "Martin;Loïc;Saint-Denis; La Réunion;\n"
                    "Petit;Jean;Lens;rien\n", encoding="utf-8")
    result = import_customers(path)
    assert (result.imported, result.rejected) == (2, 1)
    assert reasons_of(result) == {3: "5 colonnes au lieu de 4 (séparateur dans une valeur ?)"}
    assert count_customers(CustomerQuery(text="martin")) == 0


def test_same_email_with_two_external_ids_is_rejected_naming_the_first(tmp_path, database):
    path = tmp_path / "clients.csv"
    path.write_text("Nom;E-mail;Code client\n"
                    "Dupont;helene@exemple.fr;C1\n"
                    "Martin;loic@exemple.fr;C2\n"
                    "Dupond;Helene@Exemple.fr;C3\n", encoding="utf-8")
    result = import_customers(path)
    assert (result.imported, result.rejected) == (2, 1)
    assert reasons_of(result) == {4: "même e-mail qu'à la ligne 2"}


def test_a_nul_byte_or_a_huge_cell_rejects_its_row_only(tmp_path, database):
    path = tmp_path / "clients.csv"
    lines = [b"Nom;Ville;Notes", b"Dupont;Lille;ok", b"Mar\x00tin;Lens;abc",
             b"Petit;Arras;" + b"x" * (16 * 1024 * 1024), b"Roux;Douai;fin"]
    path.write_bytes(b"\r\n".join(lines) + b"\r\n")
    result = import_customers(path)
    assert (result.imported, result.rejected) == (2, 2)
    reasons = reasons_of(result)
    assert reasons[3].startswith("caractère nul")
    assert reasons[4] == ("colonne « Notes » : la cellule dépasse 32767 caractères "
                          "(16777216)")


def test_control_characters_are_cleaned_on_the_way_in(tmp_path, database):
    path = tmp_path / "clients.csv"
    path.write_text('Nom;Ville;Notes\nDu\x0bpont;Li\u202elle;"ligne 1\x0c\nligne 2"\n',
                    encoding="utf-8")
    assert import_customers(path).imported == 1
    data = one("dupont")
    assert (data.last_name, data.city, data.notes) == ("Dupont", "Lille", "ligne 1\nligne 2")
    cid = create_customer(CustomerData(last_name="Vert\x0bical", notes="a\x00b\x1fc"))
    assert (get_customer(cid).last_name, get_customer(cid).notes) == ("Vertical", "abc")


def test_xlsx_export_survives_control_characters_already_stored(tmp_path, database):
    from openpyxl import load_workbook

    from rcdesk.models.customers import Customer
    from rcdesk.services.customers.export import export_customers

    cid = create_customer(CustomerData(last_name="Dupont"))
    Customer.update(notes="avant\x0baprès\x01", city="Li\ufffelle").where(
        Customer.id == cid).execute()  # written before the cleaning existed
    path = tmp_path / "export.xlsx"
    assert export_customers(CustomerQuery(), path) == 1
    row = [c.value for c in load_workbook(path).active[2]]
    assert "avantaprès" in row and "Lille" in row


# --- workbooks ----------------------------------------------------------------------------


def test_a_wrong_dimension_does_not_lose_rows(tmp_path, database):
    path = workbook(tmp_path / "clients.xlsx",
                    [["Nom", "Ville"], *[[f"Nom{i}", "Lille"] for i in range(5)]])
    rewrite_part(path, "xl/worksheets/sheet1.xml",
                 lambda xml: re.sub(rb'<dimension ref="A1:B6"\s*/>', b'<dimension ref="A1:B1"/>',
                                    xml))
    assert b'<dimension ref="A1:B1"/>' in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    result = import_customers(path)
    assert (result.imported, result.rejected) == (5, 0)


def test_xlsx_rows_keep_their_sheet_numbers_and_wide_rows_are_rejected(tmp_path, database):
    book = Workbook()
    sheet = book.active
    sheet.append(["Nom", "Ville"])
    sheet["A4"], sheet["B4"] = "Dupont", "Lille"
    sheet["A6"], sheet["XFD6"] = "Martin", "loin"
    path = tmp_path / "trous.xlsx"
    book.save(path)
    result = import_customers(path)
    assert (result.imported, result.rejected) == (1, 1)
    assert reasons_of(result) == {6: "une valeur en colonne 16384 : au plus 200 colonnes"}


def test_an_xlsx_cell_with_a_non_character_is_refused_in_french(tmp_path):
    path = workbook(tmp_path / "clients.xlsx", [["Nom", "Ville"], ["Petit", "Lille"]])
    rewrite_part(path, "xl/worksheets/sheet1.xml",
                 lambda xml: xml.replace(b"Lille", "Li\uffffe".encode()))
    with pytest.raises(ServiceError) as info:
        tabular.read_table(path)
    assert "n'est pas un classeur Excel lisible (XML invalide" in str(info.value)


def _damaged(path, how):
    raw = bytearray(path.read_bytes())
    info = zipfile.ZipFile(path).getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    if how == "zlib":
        for i in range(start + 2, start + 20):
            raw[i] ^= 0x55
    elif how == "compression":
        raw[info.header_offset + 8:info.header_offset + 10] = struct.pack("<H", 99)
        central = raw.find(b"PK\x01\x02")
        while central != -1:
            size = struct.unpack("<H", raw[central + 28:central + 30])[0]
            if raw[central + 46:central + 46 + size] == info.filename.encode():
                raw[central + 10:central + 12] = struct.pack("<H", 99)
            central = raw.find(b"PK\x01\x02", central + 4)
    elif how == "truncated":
        raw = raw[:len(raw) // 2]
    elif how == "crc":
        raw[start + info.compress_size - 3] ^= 0xFF
    path.write_bytes(bytes(raw))
    return path


@pytest.mark.parametrize("how", ["zlib", "compression", "truncated", "crc"])
def test_a_damaged_workbook_is_refused_in_french(tmp_path, how):
    path = workbook(tmp_path / "clients.xlsx", [["Nom", "Ville"], ["Petit", "Lille"]] * 50)
    _damaged(path, how)
    with pytest.raises(ServiceError) as info:
        tabular.read_table(path)
    assert "n'est pas un classeur Excel lisible" in str(info.value)


def test_an_amount_of_1e308_is_a_reject_line(tmp_path, database):
    create_customer(CustomerData(last_name="Dupont", external_id="C1"))
    path = workbook(tmp_path / "achats.xlsx", [["Code client", "Date", "Montant"],
                                               ["C1", date(2025, 1, 2), 1e308],
                                               ["C1", date(2025, 1, 3), 12.5],
                                               ["C1", date(1, 1, 1), 10]])
    result = import_purchases(path)
    assert (result.imported, result.rejected) == (1, 2)
    reasons = reasons_of(result)
    assert reasons[2].startswith("Montant invalide") and "trop grand" in reasons[2]
    assert reasons[4].startswith("Date hors limites")


# --- limits -------------------------------------------------------------------------------


def test_a_file_beyond_the_size_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(tabular, "MAX_FILE_BYTES", 1024)
    path = tmp_path / "clients.csv"
    path.write_text("Nom\n" + "Dupont\n" * 200, encoding="utf-8")
    with pytest.raises(ServiceError) as info:
        tabular.read_table(path)
    assert "au plus 1 Ko" in str(info.value)


def test_a_million_rows_are_refused_in_bounded_memory(tmp_path, monkeypatch):
    path = tmp_path / "clients.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("Nom\n")
        for start in range(0, 1_000_000, 10_000):
            handle.write("".join(f"N{i}\n" for i in range(start, start + 10_000)))
    with pytest.raises(ServiceError) as info:
        tabular.read_table(path)
    assert "plus de 200\u202f000 lignes" in str(info.value)
    # read as a stream and stopped at the limit: memory follows the limit, not the file
    monkeypatch.setattr(tabular, "MAX_ROWS", 20_000)
    tracemalloc.start()
    try:
        with pytest.raises(ServiceError):
            tabular.read_table(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 16 * 2**20


def _bomb(path, part, head, unit, tail, size):
    """A workbook whose part inflates to about size bytes of unit repeated."""
    workbook(path, [["Nom"], ["Petit"]])
    source = zipfile.ZipFile(path)
    parts = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    source.close()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts:
            if name != part:
                target.writestr(name, data)
        with target.open(part, "w", force_zip64=True) as stream:
            stream.write(head)
            block = unit * (1_048_576 // len(unit))
            for _ in range(size // len(block)):
                stream.write(block)
            stream.write(tail)
    return path


def test_a_workbook_inflating_to_hundreds_of_mb_is_refused_before_opening(tmp_path):
    path = _bomb(tmp_path / "bombe.xlsx", "xl/sharedStrings.xml",
                 b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
                 b"<si><t>a</t></si>", b"</sst>", 300 * 2**20)
    assert path.stat().st_size < 2 * 2**20
    tracemalloc.start()
    try:
        with pytest.raises(ServiceError) as info:
            tabular.read_table(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "au plus 256 Mo par classeur" in str(info.value)
    assert peak < 20 * 2**20


def test_big_shared_strings_are_refused_and_a_sheet_is_read_row_by_row(tmp_path, monkeypatch):
    from rcdesk.services.tabular import xlsx

    monkeypatch.setattr(xlsx, "MAX_STRINGS", 2**20)
    path = _bomb(tmp_path / "textes.xlsx", "xl/sharedStrings.xml",
                 b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
                 b"<si><t>a</t></si>", b"</sst>", 2 * 2**20)
    with pytest.raises(ServiceError) as info:
        tabular.read_table(path)
    assert "textes partagés font 2 Mo, au plus 1 Mo" in str(info.value)
    # a sheet of 4 MB of empty rows and cells: streamed, never held
    ns = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    path = _bomb(tmp_path / "vide.xlsx", "xl/worksheets/sheet1.xml",
                 ns + b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Nom</t></is></c>'
                 b'</row>', b"<row><c/><c/><c/><c/><c/><c/><c/><c/><c/><c/><c/><c/></row>",
                 b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>Petit</t></is></c>'
                 b"</row></sheetData></worksheet>", 4 * 2**20)
    monkeypatch.setattr(xlsx, "MAX_SHEET_ROWS", 10**7)
    tracemalloc.start()
    try:
        _, headers, body = tabular.read_table(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (headers, body) == (["Nom"], [(1048576, ["Petit"])])
    assert peak < 8 * 2**20


def test_elements_outside_the_rows_are_not_held_either(tmp_path):
    ns = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    path = _bomb(tmp_path / "ext.xlsx", "xl/worksheets/sheet1.xml",
                 ns + b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Nom</t></is></c>'
                 b'</row><row r="2"><c r="A2" t="inlineStr"><is><t>Petit</t></is></c></row>'
                 b'</sheetData><extLst><ext uri="x">', b"<y/><z/>",
                 b"</ext></extLst></worksheet>", 4 * 2**20)
    tracemalloc.start()
    try:
        _, headers, body = tabular.read_table(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (headers, body) == (["Nom"], [(2, ["Petit"])])
    assert peak < 8 * 2**20


def test_a_sheet_of_more_rows_than_excel_is_refused(tmp_path, monkeypatch):
    from rcdesk.services.tabular import xlsx

    monkeypatch.setattr(xlsx, "MAX_SHEET_ROWS", 10)
    path = workbook(tmp_path / "clients.xlsx", [["Nom"], *[[f"N{i}"] for i in range(20)]])
    with pytest.raises(ServiceError) as info:
        tabular.read_table(path)
    assert "la feuille dépasse 10 lignes" in str(info.value)


def test_rejects_of_bad_rows_keep_the_cells_to_correct(tmp_path, database):
    path = tmp_path / "clients.csv"
    path.write_text("Nom;Notes\nDupont;'=1+1\nMartin;a;b\n", encoding="utf-8")
    result = import_customers(path)
    assert one("dupont").notes == "=1+1"  # the export's neutralising apostrophe taken off
    rows = read_rejects(result.rejects_path)
    assert rows[1] == ["3", "3 colonnes au lieu de 2 (séparateur dans une valeur ?)", "Martin",
                       "a", "b"]


def test_purchases_of_one_file_keep_their_order_in_rejects(tmp_path, database):
    create_customer(CustomerData(last_name="Dupont", external_id="C1"))
    path = tmp_path / "achats.csv"
    path.write_text("Code client;Date;Montant\nC1;05/01/2025;10\nC9;05/01/2025;10\n"
                    "C1;05/01/2025;10\n", encoding="utf-8")
    result = import_purchases(path)
    assert (result.imported, result.rejected) == (1, 2)
    assert list(reasons_of(result)) == [3, 4]
    assert len(list_purchases(one("dupont").id)) == 1
