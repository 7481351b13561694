"""The PDF diagnosis read back with pypdf."""

from datetime import date

from pypdf import PdfReader

from rcdesk.reports.maturity import build_maturity_report
from rcdesk.services.assessment import AssessmentInput, create_organisation, save_assessment
from rcdesk.services.settings import CompanyProfile, save_company


def text_of(path):
    text = " ".join(page.extract_text() for page in PdfReader(str(path)).pages)
    return " ".join(text.split())  # line breaks of the layout do not matter


def test_diagnosis_holds_cover_scores_level_recommendations_comparison_and_swot(
        sqlite_database, tmp_path):
    save_company(CompanyProfile(name="Cabinet Qualité Conseil", city="Lille"))
    org = create_organisation("Boulangerie Dupont")
    save_assessment(AssessmentInput(organisation_id=org.id, date=date(2025, 3, 1),
                                    scores=[5, 4, 5, 6, 4, 5, 6, 3]))
    assessment_id = save_assessment(AssessmentInput(
        organisation_id=org.id, date=date(2026, 3, 2), assessor="Estelle Senesse",
        scores=[7, 5, 6, 8, 4, 6, 7, 5], comments=["Charte affichée en boutique"] + [""] * 7,
        recommendations={8: "Lancer une carte de fidélité à points"},
        swot={"strengths": "Équipe stable", "weaknesses": "Fichier client incomplet",
              "opportunities": "Commandes d'entreprises", "threats": "Grandes surfaces"}))
    path = tmp_path / "diag.pdf"
    build_maturity_report(assessment_id, path)
    text = text_of(path)
    for expected in ("Diagnostic de maturité de la relation client", "Boulangerie Dupont",
                     "2 mars 2026", "Estelle Senesse", "Cabinet Qualité Conseil",
                     "6,0", "Relation Client à consolider",
                     "les 8 points essentiels ne sont pas encore maîtrisés",
                     "Charte affichée en boutique",
                     "Lancer une carte de fidélité à points",  # edited recommendation
                     "Cartographiez le parcours",  # theme 2 default recommendation
                     "Évaluation précédente du 01/03/2025", "4,8",
                     "Forces", "Équipe stable", "Menaces", "Grandes surfaces"):
        assert expected in text, expected
    assert "6 conseils" not in text  # theme 1 scored 7: no recommendation
    # the comparison names the assessment by its date (it may be an old one), never "today"
    assert ("Évaluation du 02/03/2026 : 6,0 (Relation Client à consolider), soit +1,2 point."
            in text)
    assert "Aujourd'hui" not in text
    assert len(PdfReader(str(path)).pages) >= 2


def test_first_assessment_says_there_is_nothing_to_compare(sqlite_database, tmp_path):
    assessment_id = save_assessment(AssessmentInput(scores=[9] * 8))
    path = tmp_path / "d.pdf"
    build_maturity_report(assessment_id, path)
    text = text_of(path)
    assert "Excellence en Relation Client" in text
    assert "Première évaluation" in text
    assert "Aucune thématique n'est notée sous 7" in text


def test_longest_texts_still_make_a_pdf(sqlite_database, tmp_path):
    long_comment = ("Constat détaillé du thème. " * 40)[:1000]
    long_box = ("Élément d'analyse stratégique. " * 200)[:5000]
    assessment_id = save_assessment(AssessmentInput(
        scores=[3] * 8, comments=[long_comment] * 8,
        recommendations={n: long_box for n in range(1, 9)},
        swot={"strengths": long_box, "weaknesses": "Court", "opportunities": long_box,
              "threats": long_box}))
    path = tmp_path / "long.pdf"
    build_maturity_report(assessment_id, path)
    text = text_of(path)
    assert "Analyse SWOT" in text and "Court" in text
    assert len(PdfReader(str(path)).pages) > 5


def test_comparison_of_two_points_or_more_says_points(sqlite_database, tmp_path):
    save_assessment(AssessmentInput(date=date(2025, 3, 1), scores=[4] * 8))
    assessment_id = save_assessment(AssessmentInput(date=date(2026, 3, 2), scores=[7] * 8))
    path = tmp_path / "d.pdf"
    build_maturity_report(assessment_id, path)
    assert ("Évaluation du 02/03/2026 : 7,0 (Relation Client maîtrisée), soit +3,0 points."
            in text_of(path))


def test_threshold_and_levels_are_stated_from_the_rules(sqlite_database, tmp_path):
    assessment_id = save_assessment(AssessmentInput(scores=[7, 5, 6, 8, 4, 6, 7, 5]))
    path = tmp_path / "d.pdf"
    build_maturity_report(assessment_id, path)
    text = text_of(path)
    assert "Pour chaque thématique notée sous 7, le principe" in text
    assert "Seuil 7 : Relation Client maîtrisée" in text
    assert ("moyenne < 7 : Relation Client à consolider ; de 7 à moins de 9 : Relation Client "
            "maîtrisée ; 9 et plus : Excellence en Relation Client.") in text


def test_a_changed_recommendation_threshold_reaches_every_text(sqlite_database, tmp_path,
                                                               monkeypatch):
    """The PDF restates no 7 of its own: it says what rules.RECOMMENDATION_BELOW says."""
    from rcdesk.services.assessment import rules

    monkeypatch.setattr(rules, "RECOMMENDATION_BELOW", 8)
    assessment_id = save_assessment(AssessmentInput(scores=[9, 9, 9, 9, 9, 9, 9, 7]))
    path = tmp_path / "d.pdf"
    build_maturity_report(assessment_id, path)
    text = text_of(path)
    assert "Pour chaque thématique notée sous 8, le principe" in text
    assert "Seuil 8 : Relation Client maîtrisée" in text
    assert "Thème 8 — Fidélisation (note 7 / 10)" in text
