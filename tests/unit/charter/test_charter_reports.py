"""The poster and the compliance report, read back with pypdf."""

from datetime import date

import pytest
from pypdf import PdfReader

from rcdesk.core.errors import ServiceError
from rcdesk.core.periods import Period, month_periods, period_label
from rcdesk.reports.charter import write_charter_poster
from rcdesk.reports.charter_compliance import write_compliance_report
from rcdesk.services.charter.commitments import CommitmentInput, ReadingInput, add_commitment, add_reading
from rcdesk.services.settings import CompanyProfile, save_company

BROKEN_LOGO = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)


def png_logo() -> bytes:
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (300, 120), "#1F4E79").save(out, "PNG")
    return out.getvalue()


def text_of(path):
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def test_poster_numbers_commitments_on_one_page_even_with_twelve(database, tmp_path):
    save_company(CompanyProfile(name="Maison Lambert", logo=png_logo()))
    for n in range(1, 13):
        add_commitment(CommitmentInput(
            f"Engagement numéro {n} : nous vous répondons sous {n} jours ouvrés, par le canal "
            "de votre choix, sans frais.", "Délai"))
    path = write_charter_poster(tmp_path / "charte.pdf", today=date(2026, 11, 24))
    reader = PdfReader(str(path))
    assert len(reader.pages) == 1
    text = text_of(path)
    assert "Maison Lambert" in text
    assert "Notre charte d’engagements client" in text
    assert "Engagement numéro 12" in text
    assert "Charte en vigueur au 24 novembre 2026" in text
    assert "Page 1" not in text and "imprimé le" not in text  # no internal footer


def test_damaged_logo_does_not_stop_the_poster(database, tmp_path):
    save_company(CompanyProfile(name="Maison Lambert", logo=BROKEN_LOGO))
    add_commitment(CommitmentInput("Nous rappelons sous 24 heures.", "Rappels"))
    path = write_charter_poster(tmp_path / "charte.pdf")
    assert "Nous rappelons sous 24" in text_of(path)


def test_empty_charter_poster_is_refused_and_no_file_written(database, tmp_path):
    with pytest.raises(ServiceError):
        write_charter_poster(tmp_path / "vide.pdf")
    assert not (tmp_path / "vide.pdf").exists()


def test_compliance_report_shows_target_and_measured_per_period(database, tmp_path):
    wait = add_commitment(CommitmentInput("Attente en caisse de 5 minutes au plus.",
                                          "Temps d'attente", "5", "minutes", owner="Magasin"))
    add_reading(wait.id, ReadingInput(date(2026, 9, 1), date(2026, 9, 30), "4,2"))
    add_reading(wait.id, ReadingInput(date(2026, 10, 1), date(2026, 10, 31), "6,5", "grève"))
    add_reading(wait.id, ReadingInput(date(2025, 1, 1), date(2025, 1, 31), "9"))  # outside
    add_commitment(CommitmentInput("Nous rappelons chaque client après sa réclamation.", "",
                                   "80", "%", source="resatisfaction"))
    path = write_compliance_report(tmp_path / "conformite.pdf",
                                   Period(date(2026, 1, 1), date(2026, 11, 24)),
                                   today=date(2026, 11, 24))
    text = text_of(path)
    assert "Période du 01/01/2026 au 24/11/2026" in text
    assert "septembre 2026" in text and "octobre 2026" in text
    assert "janvier 2025" not in text
    assert "4,2 minutes" in text and "6,5 minutes" in text
    assert "≤ 5 minutes" in text
    assert "Non respecté" in text and "grève" in text
    assert "1 / 2 (50 %)" in text
    flat = " ".join(text.replace("\u00a0", " ").split())
    assert "6,5 minutes (octobre 2026)" in flat  # the last value with its period named
    assert "aucune donnée sur la période" in text  # computed, no complaint yet: never a 0


def test_month_periods_and_labels():
    months = month_periods(Period(date(2026, 1, 15), date(2026, 3, 10)))
    assert months == [Period(date(2026, 1, 15), date(2026, 1, 31)),
                      Period(date(2026, 2, 1), date(2026, 2, 28)),
                      Period(date(2026, 3, 1), date(2026, 3, 10))]
    assert period_label(months[1]) == "février 2026"
    assert period_label(months[0]) == "15/01/2026 – 31/01/2026"
