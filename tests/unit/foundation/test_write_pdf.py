"""write_pdf: temporary file beside the target then rename; overwrite only when asked."""

import os
from datetime import date

import pytest
from pypdf import PdfReader

from rcdesk.core.errors import ServiceError
from rcdesk.core.files import OutputExists
from rcdesk.reports.base import CompanyDocTemplate, stylesheet, write_pdf
from rcdesk.services.settings import CompanyProfile

OLD = b"%PDF-1.4 the old file, kept byte for byte\n"


def draw(target: str) -> None:
    from reportlab.platypus import Paragraph

    CompanyDocTemplate(target, CompanyProfile(name="Maison Lambert"), "Essai",
                       printed_on=date(2026, 11, 29)).build(
        [Paragraph("Réclamation bien reçue", stylesheet()["Body"])])


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_a_new_file_is_written_and_nothing_else_is_left(tmp_path):
    target = tmp_path / "lettre.pdf"
    assert write_pdf(draw, target) == target
    assert "Réclamation bien reçue" in PdfReader(str(target)).pages[0].extract_text()
    assert leftovers(tmp_path) == []


def test_the_new_file_gets_the_usual_permissions_not_a_private_temp_file(tmp_path):
    previous = os.umask(0o022)
    try:
        write_pdf(draw, tmp_path / "lettre.pdf")
    finally:
        os.umask(previous)
    assert (tmp_path / "lettre.pdf").stat().st_mode & 0o777 == 0o644


def test_an_existing_file_is_refused_without_overwrite_and_never_built(tmp_path):
    target = tmp_path / "lettre.pdf"
    target.write_bytes(OLD)
    calls = []
    with pytest.raises(OutputExists) as info:
        write_pdf(calls.append, target)
    assert str(info.value) == f"Le fichier « {target} » existe déjà : il n'a pas été remplacé."
    assert isinstance(info.value, ServiceError) and info.value.path == target
    assert calls == [] and target.read_bytes() == OLD and leftovers(tmp_path) == []


def test_overwrite_replaces_an_existing_file(tmp_path):
    target = tmp_path / "lettre.pdf"
    target.write_bytes(OLD)
    write_pdf(draw, target, overwrite=True)
    assert target.read_bytes().startswith(b"%PDF") and target.read_bytes() != OLD
    assert "Réclamation bien reçue" in PdfReader(str(target)).pages[0].extract_text()
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("overwrite", [False, True])
def test_a_build_that_raises_leaves_the_old_file_identical_and_no_temp_file(tmp_path, overwrite):
    target = tmp_path / "lettre.pdf"
    if overwrite:
        target.write_bytes(OLD)
    seen = []

    def broken(tmp: str) -> None:
        seen.append(tmp)
        with open(tmp, "wb") as handle:
            handle.write(b"%PDF-1.4 half a document")
        raise RuntimeError("police introuvable")

    with pytest.raises(RuntimeError, match="police introuvable"):
        write_pdf(broken, target, overwrite=overwrite)
    assert os.path.dirname(seen[0]) == str(tmp_path)  # built in the destination folder
    assert not os.path.exists(seen[0])
    assert leftovers(tmp_path) == []
    if overwrite:
        assert target.read_bytes() == OLD
    else:
        assert not target.exists()


def test_an_os_error_while_building_becomes_a_french_service_error(tmp_path):
    target = tmp_path / "lettre.pdf"
    target.write_bytes(OLD)

    def disk_full(tmp: str) -> None:
        raise OSError(28, "Plus de place sur le disque")

    with pytest.raises(ServiceError, match="Impossible d'écrire .*lettre.pdf.* : Plus de place"):
        write_pdf(disk_full, target, overwrite=True)
    assert target.read_bytes() == OLD and leftovers(tmp_path) == []


def test_a_file_that_appears_while_building_is_not_replaced(tmp_path):
    target = tmp_path / "lettre.pdf"

    def meanwhile(tmp: str) -> None:
        draw(tmp)
        target.write_bytes(OLD)  # another program saved the same name in the meantime

    with pytest.raises(OutputExists):
        write_pdf(meanwhile, target)
    assert target.read_bytes() == OLD and leftovers(tmp_path) == []


def test_a_missing_folder_or_a_folder_as_target_is_refused_in_french(tmp_path):
    with pytest.raises(ServiceError, match="Le dossier « .*absent » n'existe pas."):
        write_pdf(draw, tmp_path / "absent" / "lettre.pdf")
    with pytest.raises(ServiceError, match="c'est un dossier, donnez un nom de fichier"):
        write_pdf(draw, tmp_path, overwrite=True)
