"""The 6 tips and SMART as warnings: pure functions, worked examples."""

from dataclasses import FrozenInstanceError
from datetime import date

import pytest

from rcdesk.services.charter.checks import (
    DEFAULT_JARGON,
    MAX_COMMITMENTS,
    MAX_SENTENCE_WORDS,
    CharterWarning,
    CheckedCommitment,
    check_charter,
    check_commitment,
    is_measurable,
    jargon_found,
    sentences,
    word_count,
)

TODAY = date(2026, 11, 24)
GOOD = CheckedCommitment("Nous répondons à toute réclamation sous 5 jours ouvrés.",
                         indicator="Réclamations répondues sous 5 jours ouvrés")


def codes(warnings):
    return [w.code for w in warnings]


def test_worked_example_is_measurable_and_has_no_warning():
    assert is_measurable("Nous répondons à toute réclamation sous 5 jours ouvrés")
    result = check_charter([GOOD], DEFAULT_JARGON, TODAY)
    assert result.charter == []
    assert result.by_commitment == [[]]
    assert result.count == 0


def test_number_words_and_stated_delays_are_measurable():
    assert is_measurable("Nous vous rappelons sous quarante-huit heures")
    assert is_measurable("Nous échangeons un article défectueux le jour même")
    assert is_measurable("Nous traitons votre demande dans la journée")
    assert not is_measurable("Nous vous répondons rapidement")
    assert not is_measurable("Un accueil chaleureux pour tous")


def test_vague_commitment_is_flagged_not_measurable_with_tip_4():
    warnings = check_charter([CheckedCommitment("Nous vous répondons rapidement",
                                                indicator="délai")], [], TODAY).by_commitment[0]
    assert codes(warnings) == ["not_measurable"]
    assert warnings[0].tip == 4
    assert "mesurable" in warnings[0].message


def test_sentence_of_21_words_is_too_long_but_20_is_fine():
    twenty = " ".join(["mot"] * 19 + ["5"])
    twenty_one = " ".join(["mot"] * 20 + ["5"])
    assert word_count(twenty) == 20 and word_count(twenty_one) == 21
    ok = check_charter([CheckedCommitment(twenty, "x")], [], TODAY).by_commitment[0]
    long = check_charter([CheckedCommitment(twenty_one, "x")], [], TODAY).by_commitment[0]
    assert ok == []
    assert codes(long) == ["long_sentence"]
    assert long[0].message.startswith("Phrase de 21 mots")


def test_two_short_sentences_are_counted_separately_and_decimals_do_not_split():
    text = ("Nous répondons sous 5 jours ouvrés à toute réclamation écrite. "
            "Nous vous tenons informé de chaque étape du traitement jusqu'à la réponse.")
    assert len(sentences(text)) == 2
    assert sentences("Délai moyen de 4,5 jours. Attente de 2.5 minutes") == [
        "Délai moyen de 4,5 jours", "Attente de 2.5 minutes"]
    assert check_charter([CheckedCommitment(text, "délai")], [], TODAY).by_commitment == [[]]


def test_eleven_commitments_warn_the_charter_ten_do_not():
    ten = [GOOD] * 10
    assert check_charter(ten, DEFAULT_JARGON, TODAY).charter == []
    result = check_charter(ten + [GOOD], DEFAULT_JARGON, TODAY)
    assert codes(result.charter) == ["too_many"]
    assert result.charter[0].message.startswith("11 engagements")
    assert len(result.by_commitment) == 11


def test_missing_indicator_warns_unless_rcdesk_computes_it():
    manual = CheckedCommitment("Nous rappelons sous 24 heures.", indicator="  ")
    computed = CheckedCommitment("Nous rappelons sous 24 heures.", source="nps")
    result = check_charter([manual, computed], [], TODAY)
    assert codes(result.by_commitment[0]) == ["no_indicator"]
    assert result.by_commitment[1] == []


def test_jargon_found_whatever_accents_case_and_plural():
    assert jargon_found("Le MEILLEUR service, des prix révolutionnaires", DEFAULT_JARGON) == [
        "meilleur", "révolutionnaire"]
    assert jargon_found("Livraison gratuite sous 3 jours", DEFAULT_JARGON) == ["gratuit"]
    assert jargon_found("Nous sommes le leader régional", ["Leader"]) == ["Leader"]
    # whole words only: "uniquement" is not "unique", "promotionnel" is not "promo"
    assert jargon_found("Ouvert uniquement le samedi", DEFAULT_JARGON) == []
    assert jargon_found("Un conseil promotionnel", ["promo"]) == []
    warnings = check_charter([CheckedCommitment("Le meilleur accueil en 5 minutes", "attente")],
                             DEFAULT_JARGON, TODAY).by_commitment[0]
    assert codes(warnings) == ["jargon"]
    assert "« meilleur »" in warnings[0].message


def test_review_date_passed_warns_today_does_not():
    past = CheckedCommitment("Nous livrons sous 3 jours.", "délai", review_date=date(2026, 11, 23))
    due_today = CheckedCommitment("Nous livrons sous 3 jours.", "délai", review_date=TODAY)
    result = check_charter([past, due_today], [], TODAY)
    assert codes(result.by_commitment[0]) == ["review_passed"]
    assert "23/11/2026" in result.by_commitment[0][0].message
    assert result.by_commitment[1] == []


def test_every_problem_at_once_gives_every_warning():
    bad = CheckedCommitment("Notre équipe exceptionnelle " + "vous offre " * 10,
                            review_date=date(2025, 1, 1))
    assert codes(check_charter([bad], DEFAULT_JARGON, TODAY).by_commitment[0]) == [
        "long_sentence", "not_measurable", "no_indicator", "jargon", "review_passed"]


def test_future_review_date_is_not_flagged():
    tomorrow = CheckedCommitment("Nous livrons sous 3 jours.", "délai",
                                 review_date=date(2026, 11, 25))
    next_year = CheckedCommitment("Nous livrons sous 3 jours.", "délai",
                                  review_date=date(2027, 11, 1))
    assert check_charter([tomorrow, next_year], [], TODAY).by_commitment == [[], []]


def test_review_warning_names_the_date_and_tip_5():
    late = CheckedCommitment("Nous livrons sous 3 jours.", "délai", review_date=date(2026, 1, 5))
    (warning,) = check_commitment(late, [], TODAY)
    assert warning == CharterWarning(
        "review_passed", "Date de révision dépassée (05/01/2026) : l'engagement doit être révisé "
                         "périodiquement.", 5)


def test_blank_jargon_entries_are_ignored_not_the_end_of_the_list():
    assert jargon_found("Le meilleur accueil", ["", "   ", "meilleur"]) == ["meilleur"]
    assert jargon_found("Le meilleur accueil", ["   "]) == []
    assert jargon_found("Le meilleur accueil gratuit", ["gratuit", "", "meilleur"]) == [
        "gratuit", "meilleur"]


def test_jargon_plural_and_feminine_forms_and_several_words():
    assert jargon_found("Des offres exclusives", ["exclusif", "exclusive"]) == ["exclusive"]
    assert jargon_found("Des conseillers exceptionnels", DEFAULT_JARGON) == ["exceptionnel"]
    assert jargon_found("Une équipe exceptionnelle", DEFAULT_JARGON) == ["exceptionnel"]
    assert jargon_found("Des prestations exceptionnelles", DEFAULT_JARGON) == ["exceptionnel"]
    assert jargon_found("Les leaders du marché", DEFAULT_JARGON) == ["leader"]
    assert jargon_found("Une OFFRE\n SPÉCIALE", DEFAULT_JARGON) == ["offre spéciale"]
    assert jargon_found("Nos process et nos KPI", DEFAULT_JARGON) == ["KPI", "process"]
    assert jargon_found("Le n°1 du quartier", DEFAULT_JARGON) == ["n°1"]
    assert jargon_found("Le numéro une", [" Numéro un "]) == ["Numéro un"]
    # a word that only starts or ends like a term is not the term
    assert jargon_found("Un processus clair", DEFAULT_JARGON) == []
    assert jargon_found("Nos préleaders", ["leader"]) == []
    assert jargon_found("", DEFAULT_JARGON) == []


def test_jargon_warning_lists_every_term_with_tip_3():
    item = CheckedCommitment("Le meilleur accueil gratuit sous 5 minutes", "attente")
    (warning,) = check_commitment(item, DEFAULT_JARGON, TODAY)
    assert warning == CharterWarning(
        "jargon", "Terme commercial ou jargon à éviter : « meilleur », « gratuit » (ni publicité "
                  "ni jargon qualité).", 3)


def test_jargon_given_once_serves_every_commitment():
    terms = (term for term in ["meilleur"])  # a one-shot iterable
    items = [CheckedCommitment("Le meilleur accueil sous 5 minutes", "x")] * 2
    assert [codes(w) for w in check_charter(items, terms, TODAY).by_commitment] == [
        ["jargon"], ["jargon"]]


def test_sentences_split_on_every_mark_and_line_break():
    assert sentences("Un. Deux ! Trois ? Quatre ; cinq\nsix\n\nsept...") == [
        "Un", "Deux", "Trois", "Quatre", "cinq", "six", "sept"]
    assert sentences("Sous 5. Puis 6") == ["Sous 5", "Puis 6"]
    assert sentences("Note 4,5 ou 4.5 sur 5") == ["Note 4,5 ou 4.5 sur 5"]
    assert sentences("") == [] and sentences(" . ; \n ") == []


def test_words_are_tokens_with_a_letter_or_a_digit():
    assert word_count("Nous — répondons : sous 5 jours !") == 5
    assert word_count("l'accueil est-il ouvert") == 3
    assert word_count("  ") == 0


@pytest.mark.parametrize("wording", [
    "Nous rappelons DANS L'HEURE", "Réponse sous quinzaine", "Livraison sous huitaine",
    "Nous répondons immédiatement", "Un point chaque semaine", "Rappel le lendemain",
    "Réponse sous 48 heures", "Nous traitons la moitié des demandes en un jour",
    "Dix minutes d'attente au plus", "Nous livrons sous trois jours",
])
def test_measurable_wordings(wording):
    assert is_measurable(wording)


@pytest.mark.parametrize("wording", [
    "Nous répondons vite", "Un accueil de qualité", "Nous sommes à l'heure",
    "",
])
def test_wordings_without_figure_or_delay_are_not_measurable(wording):
    assert not is_measurable(wording)


def test_long_sentence_warning_per_sentence_with_its_count():
    long = " ".join(["mot"] * 21)
    longer = " ".join(["mot"] * 25)
    item = CheckedCommitment(f"{long}. Sous 5 jours. {longer}", "délai")
    warnings = check_commitment(item, [], TODAY)
    assert warnings == [
        CharterWarning("long_sentence", "Phrase de 21 mots : visez des phrases simples et "
                                        "courtes (20 mots au plus).", 3),
        CharterWarning("long_sentence", "Phrase de 25 mots : visez des phrases simples et "
                                        "courtes (20 mots au plus).", 3)]
    assert (MAX_SENTENCE_WORDS, MAX_COMMITMENTS) == (20, 10)


def test_not_measurable_and_no_indicator_messages():
    item = CheckedCommitment("Nous répondons vite")
    assert check_commitment(item, [], TODAY) == [
        CharterWarning("not_measurable", "Ni chiffre ni délai : l'engagement n'est pas mesurable "
                                         "(quantifiez-le : %, délai, chiffre).", 4),
        CharterWarning("no_indicator", "Aucun indicateur : sans système de mesure, la charte "
                                       "reste de la « langue de bois ».", 2)]


def test_empty_wording_only_lacks_an_indicator():
    assert codes(check_commitment(CheckedCommitment("  "), DEFAULT_JARGON, TODAY)) == [
        "no_indicator"]
    assert check_commitment(CheckedCommitment("", "délai"), DEFAULT_JARGON, TODAY) == []


def test_any_object_with_a_wording_and_an_indicator_can_be_checked():
    class Row:  # a database row: no source, no review date attribute
        wording = "Nous rappelons sous 24 heures."
        indicator = None

    assert codes(check_commitment(Row(), [], TODAY)) == ["no_indicator"]
    Row.indicator = "Rappels"
    assert check_commitment(Row(), [], TODAY) == []
    Row.indicator, Row.source, Row.wording = "", "", None
    assert codes(check_commitment(Row(), [], TODAY)) == ["no_indicator"]
    Row.source = "complaints.answered_in_time"
    assert check_commitment(Row(), [], TODAY) == []


def test_too_many_commitments_message_and_count():
    vague = CheckedCommitment("Nous répondons vite")  # two warnings each
    result = check_charter([vague] * 12, [], TODAY)
    assert result.charter == [CharterWarning(
        "too_many", "12 engagements : une bonne charte en compte une dizaine au plus.", 3)]
    assert result.count == 1 + 12 * 2
    assert check_charter([], [], TODAY).count == 0
    assert CharterWarning("x", "y").tip == 0


def test_a_manual_source_read_from_the_database_still_asks_for_an_indicator():
    source = "".join(["man", "ual"])  # a string built at run time, as a database row gives it
    item = CheckedCommitment("Nous rappelons sous 24 heures.", indicator="", source=source)
    assert codes(check_commitment(item, [], TODAY)) == ["no_indicator"]


def test_warnings_and_checked_commitments_cannot_be_changed():
    warning = CharterWarning("jargon", "Terme à éviter", 3)
    with pytest.raises(FrozenInstanceError):
        warning.tip = 4
    with pytest.raises(FrozenInstanceError):
        GOOD.indicator = ""
    assert (warning.tip, GOOD.indicator) == (3, "Réclamations répondues sous 5 jours ouvrés")
