"""Letters: the phone never split, « d'Atlas », the country of an address abroad, the civility
agreed."""

from __future__ import annotations

from datetime import date

from pypdf import PdfReader

from rcdesk.reports.complaint_letters import write_acknowledgement
from rcdesk.services.complaints import ComplaintInput, register_complaint
from rcdesk.services.settings import CompanyProfile, save_company


def _lines(path) -> list[str]:
    text = "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)
    return [" ".join(line.replace("\u00a0", " ").split()) for line in text.splitlines()]


def test_company_phone_stays_on_one_line_whatever_the_name_before_it(database, tmp_path):
    cid = register_complaint(ComplaintInput(
        walk_in_name="Jean Martin", walk_in_contact="06 11 22 33 44", channel="courrier",
        description="Facture erronée"), received_on=date(2026, 11, 20)).id
    cut = []
    for n in range(0, 36):  # the number lands at every place of the line in turn
        name = "Atlas Déco " + "Z" * n
        save_company(CompanyProfile(name=name, country="MA", currency="MAD",
                                    phone="+212522123456", email="contact@atlas.ma"))
        lines = _lines(write_acknowledgement(cid, tmp_path / f"ar{n}.pdf"))
        start = next(i for i, line in enumerate(lines) if "Pour toute question" in line)
        sentence = lines[start:start + 4]
        if not any("05 22 12 34 56" in line for line in sentence):
            cut.append((n, sentence))
    assert cut == []


def test_the_service_of_a_company_named_with_a_vowel_is_elided(database, tmp_path):
    from rcdesk.reports.complaint_letters import of_name

    assert [of_name(n) for n in ("Maison Test", "Atlas Déco", "Épicerie Fine", "Hammam Zitoun")] \
        == ["de Maison Test", "d'Atlas Déco", "d'Épicerie Fine", "de Hammam Zitoun"]
    save_company(CompanyProfile(name="Atlas Déco", country="MA", currency="MAD"))
    cid = register_complaint(ComplaintInput(
        walk_in_name="Jean Martin", walk_in_contact="06 11 22 33 44", channel="courrier",
        description="Facture erronée"), received_on=date(2026, 11, 20)).id
    text = " ".join(_lines(write_acknowledgement(cid, tmp_path / "ar.pdf")))
    assert "le service client d'Atlas Déco" in text


def test_a_letter_to_a_customer_abroad_ends_its_address_with_the_country(database):
    from rcdesk.services.complaints import complaint_addressee
    from rcdesk.services.customers import CustomerData, create_customer

    save_company(CompanyProfile(name="Atlas Déco", country="MA", currency="MAD"))
    lucas = create_customer(CustomerData(civility="M.", first_name="Lucas", last_name="Peeters",
                                         address="Avenue Louise 54", postal_code="1050",
                                         city="Bruxelles", country="BE"))
    karima = create_customer(CustomerData(first_name="Karima", last_name="BENALI",
                                          address="12 rue Oum Errabia", postal_code="10090",
                                          city="Rabat", country="MA"))
    home = create_customer(CustomerData(first_name="Said", last_name="Alami", city="Fès"))

    def lines(customer_id):
        cid = register_complaint(ComplaintInput(customer_id=customer_id, description="Rayure"),
                                 received_on=date(2026, 11, 20)).id
        return complaint_addressee(cid).lines

    assert lines(lucas) == ["Avenue Louise 54", "1050 Bruxelles", "BELGIQUE"]
    assert lines(karima) == ["12 rue Oum Errabia", "10090 Rabat"]
    assert lines(home) == ["Fès"]


def test_the_acknowledgement_agrees_with_the_civility(database, tmp_path):
    from rcdesk.services.customers import CustomerData, create_customer

    save_company(CompanyProfile(name="Atlas Déco", country="MA", currency="MAD"))
    texts = []
    for n, civility in enumerate(("Mme", "M.", None)):
        if civility is None:
            data = ComplaintInput(walk_in_name="Jan Peeters", walk_in_contact="+32 470 12 34 56",
                                  description="Rayure")
        else:
            who = create_customer(CustomerData(civility=civility, first_name="Sam",
                                               last_name=f"Alami{n}", city="Fès"))
            data = ComplaintInput(customer_id=who, description="Rayure")
        cid = register_complaint(data, received_on=date(2026, 11, 20)).id
        texts.append(" ".join(_lines(write_acknowledgement(cid, tmp_path / f"ar{n}.pdf"))))
    assert "Nous vous tiendrons informée de" in texts[0]
    assert "Nous vous tiendrons informé de" in texts[1]
    assert "Nous vous tiendrons informé(e) de" in texts[2]
