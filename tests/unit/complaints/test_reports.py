"""PDF letters, register report and PAQ export: the text read back with pypdf."""

from datetime import date, timedelta

from pypdf import PdfReader

from rcdesk.core.periods import Period
from rcdesk.models.customers import Customer
from rcdesk.reports.action_plan import write_action_plan
from rcdesk.reports.complaint_letters import write_acknowledgement, write_answer_letter
from rcdesk.reports.complaint_register import write_register_report
from rcdesk.services.actions import ActionInput, create_action
from rcdesk.services.complaints import (
    AnswerInput,
    ComplaintInput,
    Qualification,
    qualify,
    record_answer,
    register_complaint,
)
from rcdesk.services.settings import set_current_operator
from tests.unit.complaints.conftest import add_purchases


def text_of(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def _flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def _complaint(customer, day=date(2026, 3, 2)):
    return register_complaint(ComplaintInput(
        customer_id=customer, channel="courrier", product="Service à thé « Camélia »",
        place="Magasin de Lille", description="Théière fêlée à l'ouverture du carton.",
        expectation="Échange de la théière."), received_on=day)


def test_acknowledgement_letter_states_number_dates_delay_and_contact(customer, tmp_path):
    Customer.update(civility="Mme", address="4 allée des Tilleuls", postal_code="59800",
                    city="Lille").where(Customer.id == customer).execute()
    from rcdesk.services.settings import ensure_operator

    ensure_operator("sophie.martin", "Sophie Martin")
    set_current_operator("sophie.martin")
    s = _complaint(customer, date(2026, 11, 20))
    path = write_acknowledgement(s.id, tmp_path / "ar.pdf")
    text = _flat(text_of(path))
    assert "Maison Test" in text
    assert "Mme Hélène Dupont" in text and "59800 Lille" in text
    assert "accusé de réception de votre réclamation" in text
    assert "REC-2026-0001" in text
    assert "reçu le 20/11/2026" in text
    assert "Théière fêlée à l'ouverture du carton." in text
    assert "Échange de la théière." in text
    assert "5 jours ouvrés" in text and "27 novembre 2026" in text
    assert "votre interlocuteur est Sophie Martin" in text
    assert "Madame," in text


def test_acknowledgement_keeps_the_delay_the_complaint_was_given(customer, tmp_path):
    """Received with a 5-day setting, printed after the setting became 10: the letter still
    promises 5 working days and the due date stored on the complaint."""
    from dataclasses import replace

    from rcdesk.services.settings import get_company, save_company

    s = _complaint(customer, date(2026, 11, 20))  # Friday, 5 working days -> Friday 27/11
    assert s.due_date == date(2026, 11, 27)
    save_company(replace(get_company(), complaint_deadline_days=10))
    text = _flat(text_of(write_acknowledgement(s.id, tmp_path / "ar.pdf")))
    assert ("Nous nous engageons à vous répondre dans un délai de 5 jours ouvrés, soit au plus "
            "tard le 27 novembre 2026.") in text
    assert "10 jours" not in text


def test_acknowledgement_after_a_pause_states_the_moved_due_date(customer, tmp_path):
    from rcdesk.services.complaints import move

    s = _complaint(customer, date(2026, 11, 20))
    move(s.id, "En attente du client", "Photos demandées", on=date(2026, 11, 23))
    move(s.id, "Reçue", "Photos reçues", on=date(2026, 11, 26))  # 3 working days waited
    text = _flat(text_of(write_acknowledgement(s.id, tmp_path / "ar.pdf")))
    assert ("dans un délai de 8 jours ouvrés (dont 3 jours ouvrés d'attente de votre retour), "
            "soit au plus tard le 2 décembre 2026.") in text


def test_answer_letter_gives_answer_and_compensation(customer, tmp_path):
    s = _complaint(customer)
    qualify(s.id, Qualification(1, "bonne foi", True))
    record_answer(s.id, AnswerInput("Nous échangeons votre théière en magasin.", date(2026, 3, 4),
                                    "échange", 4590))
    text = _flat(text_of(write_answer_letter(s.id, tmp_path / "rep.pdf")))
    assert "réponse à votre réclamation" in text
    assert "Nous échangeons votre théière en magasin." in text
    assert "nous vous accordons : échange." in text
    assert "45,90" not in text  # the shop's internal cost never reaches the customer
    assert "Le 4 mars 2026" in text  # dated the day of the answer
    assert "excuser" in text
    assert "Page 1" not in text and "imprimé le" not in text  # no internal footer


def test_answer_letter_names_the_compensation_once(customer, tmp_path):
    s = _complaint(customer)
    qualify(s.id, Qualification(1, "bonne foi", True))
    record_answer(s.id, AnswerInput("Nous vous proposons un échange en magasin.",
                                    date(2026, 3, 4), "échange", 4590))
    text = _flat(text_of(write_answer_letter(s.id, tmp_path / "rep.pdf")))
    assert text.count("échange") == 1
    assert "dédommagement" not in text and "45,90" not in text


def test_answer_letter_to_a_bad_faith_complaint_explains_without_apologising(customer,
                                                                              tmp_path):
    s = _complaint(customer)
    qualify(s.id, Qualification(1, "mauvaise foi", False))
    record_answer(s.id, AnswerInput("L'expertise montre un choc sur le bec verseur.",
                                    date(2026, 3, 4), "geste commercial", 1500))
    text = _flat(text_of(write_answer_letter(s.id, tmp_path / "rep.pdf")))
    assert "excuse" not in text and "désolé" not in text
    assert "L'expertise montre un choc sur le bec verseur." in text
    assert "votre réclamation ne peut pas être retenue" in text
    assert "les garanties légale et contractuelle couvrent les défauts" in text
    assert "utilisation normale" in text
    assert text.count("geste commercial") == 1
    assert "Sans reconnaissance de responsabilité" in text
    assert "15,00" not in text
    assert "Page 1" not in text and "imprimé le" not in text


def test_answer_letter_to_a_complaint_qualified_unfounded_does_not_apologise(customer,
                                                                             tmp_path):
    s = _complaint(customer)
    qualify(s.id, Qualification(1, "bonne foi", False))
    record_answer(s.id, AnswerInput("Le délai annoncé a été respecté.", date(2026, 3, 4),
                                    "aucune", 0))
    text = _flat(text_of(write_answer_letter(s.id, tmp_path / "rep.pdf")))
    assert "excuse" not in text
    assert "ne peut pas être retenue" in text and "garanties" in text
    assert "accordons" not in text


def test_acknowledgement_reprinted_later_is_dated_the_day_of_receipt(customer, tmp_path):
    from rcdesk.services.complaints import move

    s = _complaint(customer, date(2026, 11, 20))
    move(s.id, "En attente du client", "Photos demandées", on=date(2026, 11, 23))
    move(s.id, "Reçue", "Photos reçues", on=date(2026, 11, 26))
    text = _flat(text_of(write_acknowledgement(s.id, tmp_path / "ar.pdf",
                                               today=date(2026, 12, 15))))
    assert "Le 20 novembre 2026" in text
    assert "15 décembre 2026" not in text and "DUPLICATA" not in text
    assert "soit au plus tard le 2 décembre 2026" in text
    assert "Page 1" not in text and "imprimé le" not in text


def test_acknowledgement_duplicate_is_dated_today_and_marked(customer, tmp_path):
    s = _complaint(customer, date(2026, 11, 20))
    text = _flat(text_of(write_acknowledgement(s.id, tmp_path / "ar.pdf", duplicate=True,
                                               today=date(2026, 12, 15))))
    assert "Le 15 décembre 2026" in text
    assert "DUPLICATA de l'accusé de réception du 20 novembre 2026" in text
    assert "5 jours ouvrés, soit au plus tard le 27 novembre 2026" in text


def test_acknowledgement_during_a_pause_says_the_delay_is_suspended(customer, tmp_path):
    from rcdesk.services.complaints import move

    s = _complaint(customer, date(2026, 11, 20))
    move(s.id, "En attente du client", "Photos demandées", on=date(2026, 11, 23))
    text = _flat(text_of(write_acknowledgement(s.id, tmp_path / "ar.pdf")))
    assert "soit au plus tard le 27 novembre 2026" in text
    assert "Ce délai est suspendu depuis le 23/11/2026" in text


def test_register_report_has_indicators_pareto_and_table(customer, tmp_path):
    add_purchases(customer, date(2026, 3, 10), 500, 40_000)
    ids = [_complaint(customer, date(2026, 3, 2) + timedelta(days=i)).id for i in range(10)]
    for cid in ids[:6]:
        qualify(cid, Qualification(1, "bonne foi", True))  # Produit défectueux
    for cid in ids[:4]:
        record_answer(cid, AnswerInput("Geste", date(2026, 3, 20), "geste commercial", 125_000))
    path = write_register_report(Period(date(2026, 3, 1), date(2026, 3, 31)), tmp_path / "r.pdf")
    text = _flat(text_of(path))
    assert "Registre des réclamations" in text
    assert "du 01/03/2026 au 31/03/2026" in text
    assert "Taux de réclamation 2,00 %" in text
    assert "Taux de perte 2,50 %" in text
    assert "Coût des compensations 5 000,00 €" in text
    assert "Transactions de la période (achats enregistrés) 500" in text
    assert "Pareto des catégories" in text and "% cumulé" in text
    assert "Produit défectueux" in text and "Non qualifiée" in text  # Pareto labels
    assert "Réclamants répétitifs" in text and "Hélène Dupont (10)" in text
    assert "Détail des réclamations (10)" in text
    for n in range(1, 11):
        assert f"REC-2026-{n:04d}" in text


def test_register_report_of_an_empty_period(company, tmp_path):
    text = _flat(text_of(write_register_report(Period(date(2025, 1, 1), date(2025, 1, 31)),
                                               tmp_path / "vide.pdf")))
    assert "Aucune réclamation sur la période" in text
    assert "Réclamations reçues 0" in text
    assert "Taux de réclamation —" in text


def test_action_plan_pdf_lists_actions_with_complaints_and_overdue(customer, tmp_path):
    s = _complaint(customer)
    create_action(ActionInput(nc="Cartons écrasés", causes_5m=["matériel"],
                              cause_analysis="Calage insuffisant", action="Calage alvéolé",
                              planned_date=date.today() - timedelta(days=2), documents="PRO-03",
                              pilot="Julie Moreau", actors="Entrepôt",
                              check_how="Contrôle de 20 colis", progress_pct=50), [s.id])
    path = write_action_plan(tmp_path / "paq.pdf")
    page = PdfReader(str(path)).pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # A4 landscape
    assert round(float(page.mediabox.width)) == 842
    text = _flat(text_of(path))
    assert "Plan d'actions qualité (PAQ)" in text
    assert "1 action(s), dont 1 en retard" in text
    for piece in ("REC-2026-0001", "Cartons écrasés", "5M : matériel", "Calage alvéolé",
                  "PRO-03", "Julie Moreau", "Contrôle de 20 colis", "50 %", "en retard",
                  "Origine", "Documents internes liés", "Pilote de l'action", "Acteurs",
                  "Mesure de l'efficacité"):
        assert piece in text


def test_action_plan_pdf_repeats_column_titles_and_keeps_long_words_whole(customer, tmp_path):
    s = _complaint(customer)
    for i in range(40):
        create_action(ActionInput(
            nc=f"Non-conformité {i + 1} : réapprovisionnement tardif des présentoirs",
            causes_5m=["main d'œuvre", "méthode"],
            cause_analysis="Anticonstitutionnellement mal organisé " * 3,
            action="Réorganiser l'approvisionnement hebdomadaire",
            planned_date=date(2026, 1, 5), documents="PROCÉDURE-APPROVISIONNEMENT-2026",
            pilot="Jean-Baptiste Delacourt-Montmorency", actors="Équipe magasin",
            check_how="Visite mystère", check_date=date(2026, 2, 1), progress_pct=100,
            effect_date=date(2026, 2, 3), effect_result="C"), [s.id])
    pages = [page.extract_text() for page in PdfReader(str(write_action_plan(
        tmp_path / "paq.pdf"))).pages]
    assert len(pages) > 1
    for page in pages:  # the header row is repeated on each page
        assert "Analyse des causes (5M)" in _flat(page)
        assert "Documents internes liés" in _flat(page)
    words = _flat("\n".join(pages)).split()
    assert words.count("Anticonstitutionnellement") == 120
    assert words.count("PROCÉDURE-APPROVISIONNEMENT-2026") == 40
    assert words.count("Jean-Baptiste") == 40
    assert words.count("Delacourt-Montmorency") == 40
    assert "le 03/02/2026 : C (conforme)" in _flat("\n".join(pages))


def test_action_plan_columns_fill_the_landscape_frame_and_fit_their_widest_word():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from rcdesk.reports.action_plan import COLUMNS, FRAME_WIDTH, column_widths
    from rcdesk.reports.base import FONT_BOLD, register_fonts

    register_fonts()
    head = [label for label, _ in COLUMNS]
    row = ["x"] * 10
    row[4] = "PROCÉDURE-APPROVISIONNEMENT-QUALITÉ-2026"
    widths = column_widths([head, row], 7.5)
    assert len(widths) == 10
    assert abs(sum(widths) - FRAME_WIDTH) < 0.01
    assert widths[4] > stringWidth(row[4], FONT_BOLD, 7.5)
    assert column_widths([head, ["Z" * 300] + ["x"] * 9], 7.5) is None


LONG_CATEGORIES = [
    "Retard de livraison à domicile malgré la confirmation téléphonique",
    "Produit défectueux à la réception du colis",
    "Erreur de facturation sur la remise de fidélité",
    "Accueil téléphonique désagréable au service après-vente",
    "Pièce détachée indisponible pendant plusieurs semaines",
    "Information incomplète du vendeur sur l'entretien",
    "Emballage endommagé par le transporteur",
    "Remboursement non reçu après retour du produit",
    "Garantie refusée sans explication écrite",
    "Attente en caisse supérieure à vingt minutes",
    "Rendez-vous d'installation annulé au dernier moment",
    "Carte de fidélité expirée sans avertissement préalable",
    "Bon d'achat refusé dans un autre magasin de l'enseigne",
    "Électroménager-encastrable-intégralement-personnalisé",
]


def test_register_report_never_cuts_a_category_place_or_name(company, tmp_path):
    from rcdesk.services.complaints import add_category
    from rcdesk.services.customers import CustomerData, create_customer

    who = create_customer(CustomerData(
        first_name="Marie-Christine", last_name="de La Rochefoucauld-Montbazon",
        status="client"))
    ids = {name: add_category(name) for name in LONG_CATEGORIES}
    for n, name in enumerate(LONG_CATEGORIES):
        for _ in range(len(LONG_CATEGORIES) - n):  # distinct counts: a stable Pareto order
            s = register_complaint(ComplaintInput(
                customer_id=who, channel="réseaux sociaux",
                place="Magasin du centre commercial Euralille, niveau 2",
                product="Réfrigérateur américain grande capacité", description="x"),
                received_on=date(2026, 3, 2))
            qualify(s.id, Qualification(ids[name], "bonne foi", True))
    path = write_register_report(Period(date(2026, 3, 1), date(2026, 3, 31)),
                                 tmp_path / "r.pdf")
    text = _flat(text_of(path))
    assert "…" not in text
    words = text.split()
    for name in LONG_CATEGORIES:  # every word of every category, the pooled ones included
        for word in name.split():
            assert word in words, word
    assert "Autres (3 catégories)" in text
    assert "Magasin du centre commercial Euralille, niveau 2" in text
    assert "Réfrigérateur américain grande capacité" in text
    assert "Marie-Christine de La Rochefoucauld- Montbazon" in text  # broken at its hyphen


def test_pareto_names_fit_under_bars_or_go_whole_to_the_legend():
    from reportlab.graphics.shapes import String

    from rcdesk.reports.complaint_register import fits_under_bar, pareto_drawing
    from rcdesk.services.complaints import pooled_pareto

    assert fits_under_bar("Livraison", 60)
    assert not fits_under_bar("Électroménager-encastrable-intégralement-personnalisé", 60)
    short = [("Livraison", 5, 50.0), ("Accueil", 3, 80.0), ("Prix", 2, 100.0)]
    texts = [x.text for x in pareto_drawing(short, 480, 200).contents if isinstance(x, String)]
    assert {"Livraison", "Accueil", "Prix"} <= set(texts)
    rows = [(name, 20 - i, 100.0 * (i + 1) / 14) for i, name in enumerate(LONG_CATEGORIES)]
    assert len(pooled_pareto(rows)) == 12
    assert pooled_pareto(rows)[-1] == ("Autres (3 catégories)", 7 + 8 + 9, 100.0)
    texts = " ".join(x.text for x in pareto_drawing(rows, 480, 200).contents
                     if isinstance(x, String))
    assert "1 : Retard de livraison" in texts and "12 : Autres (3 catégories)" in texts
    assert "Autres : Carte de fidélité" in texts


def test_register_cost_column_holds_the_widest_amount_in_dirhams(database, tmp_path):
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from rcdesk.reports.base import FONT
    from rcdesk.reports.complaint_register import (
        CELL_PADDING,
        REGISTER_WIDTHS,
        TABLE_FONT_SIZE,
        register_widths,
    )
    from rcdesk.services.settings import CompanyProfile, save_company

    save_company(CompanyProfile(name="Atlas Déco", country="MA", currency="MAD"))
    for cost in ("3\u202f500,00\u00a0DH", "10\u202f000\u202f000,00\u00a0DH"):
        widths = register_widths(["12,00\u00a0DH", cost])
        assert stringWidth(cost, FONT, TABLE_FONT_SIZE) + 2 * CELL_PADDING <= widths[8] * mm
        assert round(sum(widths), 6) == round(sum(REGISTER_WIDTHS), 6)
        assert widths[2] >= 20  # the client's column keeps room for a name
    assert register_widths(["50,00\u00a0DH"]) == list(REGISTER_WIDTHS)
    s = register_complaint(ComplaintInput(walk_in_name="Said Alami", walk_in_contact="0661",
                                          description="Lustre abîmé"),
                           received_on=date(2026, 5, 22))
    qualify(s.id, Qualification(1, "faute du vendeur", True))
    record_answer(s.id, AnswerInput("Lustre neuf livré", date(2026, 5, 29), "échange", 350000))
    path = write_register_report(Period(date(2026, 5, 1), date(2026, 5, 31)), tmp_path / "r.pdf")
    text = _flat(text_of(path))
    assert "29/05/2026 3 500,00 DH" in text


def test_a_long_hyphenated_name_breaks_only_where_its_line_must_end():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from rcdesk.reports.base import FONT
    from rcdesk.reports.complaint_register import break_at_hyphens

    size = 6.3
    room = stringWidth("Anne-Sophie-Marg", FONT, size)
    assert break_at_hyphens("Anne-Sophie-Marguerite de La", room, size) == \
        "Anne-Sophie- Marguerite de La"
    assert break_at_hyphens("Rochefoucauld-Montbazon", room, size) == "Rochefoucauld- Montbazon"
    narrow = stringWidth("Sophie-", FONT, size)
    assert break_at_hyphens("Anne-Sophie-Marguerite", narrow, size) == "Anne- Sophie- Marguerite"
    assert break_at_hyphens("Anne-Sophie", room, size) == "Anne-Sophie"  # it fits: untouched
