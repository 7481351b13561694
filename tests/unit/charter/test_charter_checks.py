"""The 6 tips and SMART as warnings: pure functions, worked examples."""

from datetime import date

from rcdesk.services.charter.checks import (
    DEFAULT_JARGON,
    CheckedCommitment,
    check_charter,
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
