"""Pure rules of the maturity self-assessment: average, level, score validation (no database)."""

from dataclasses import FrozenInstanceError

import pytest

from rcdesk.core.errors import ValidationError
from rcdesk.services.assessment.rules import (
    LEVELS,
    RECOMMENDATION_BELOW,
    RECOMMENDATIONS,
    SWOT_FIELDS,
    THEME_COUNT,
    THEMES,
    MaturityLevel,
    average,
    default_recommendation,
    maturity_level,
    needs_recommendation,
    parse_scores,
    score_deltas,
    theme,
    validate_score,
    validate_scores,
)


def test_white_paper_example_averages_6_0_and_is_to_consolidate():
    scores = [7, 5, 6, 8, 4, 6, 7, 5]
    assert average(scores) == 6.0
    assert maturity_level(average(scores)).label == "Relation Client à consolider"


def test_all_seven_is_mastered_and_all_nine_is_excellence():
    assert maturity_level(average([7] * 8)).label == "Relation Client maîtrisée"
    assert maturity_level(average([9] * 8)).label == "Excellence en Relation Client"


@pytest.mark.parametrize("avg, key", [(8.9, "maitrisee"), (6.99, "consolider"), (7.0, "maitrisee"),
                                      (9.0, "excellence"), (0.0, "consolider"), (10.0, "excellence")])
def test_level_thresholds_of_domain(avg, key):
    assert maturity_level(avg).key == key


def test_average_rounds_half_up_to_one_decimal():
    assert average([7, 7, 7, 7, 7, 7, 7, 6]) == 6.9  # 6.875
    assert average([1, 2]) == 1.5
    assert average([0, 0, 0, 1]) == 0.3  # 0.25 -> 0.3, not banker's 0.2


def test_level_texts_are_the_white_papers():
    assert LEVELS[1].text.startswith("La Relation Client fait partie de votre culture")
    assert "ambassadeurs" in LEVELS[2].text


def test_themes_carry_the_white_paper_wording():
    assert len(THEMES) == 8
    assert THEMES[0].wording == "la formalisation de vos engagements / vos promesses clients"
    assert THEMES[7].wording == "les moyens déployés pour fidéliser vos clients"


def test_recommendations_name_the_matching_tool():
    assert "6 conseils" in RECOMMENDATIONS[1]
    assert "parcours" in RECOMMENDATIONS[2] and "points de contact" in RECOMMENDATIONS[2]
    assert "indicateurs" in RECOMMENDATIONS[3]
    assert "Net Promoter Score" in RECOMMENDATIONS[4] and "mapping" in RECOMMENDATIONS[4]
    assert "plan de communication annuel" in RECOMMENDATIONS[6]
    assert "programme de fidélité" in RECOMMENDATIONS[8] and "4 conseils" in RECOMMENDATIONS[8]


def test_parse_scores_accepts_commas_semicolons_and_spaces():
    assert parse_scores("7,5,6,8,4,6,7,5") == [7, 5, 6, 8, 4, 6, 7, 5]
    assert parse_scores("7; 5; 6; 8; 4; 6; 7; 5") == [7, 5, 6, 8, 4, 6, 7, 5]
    assert parse_scores("10 0 6 8 4 6 7 5") == [10, 0, 6, 8, 4, 6, 7, 5]


@pytest.mark.parametrize("text, field, words", [
    ("7,5,6,8,4,6,7", "scores", "il en faut exactement 8"),
    ("7,5,,8,4,6,7,5", "score_3", "manquante"),
    ("7,5,6,8,4,6,7,11", "score_8", "entre 0 et 10"),
    ("7,5,6,-1,4,6,7,5", "score_4", "entre 0 et 10"),
    ("7,5,6,abc,4,6,7,5", "score_4", "doit être un nombre"),
    ("7,5,6,8,4,6,7,5,3", "scores", "9 notes reçues"),
    ("", "scores", "Aucune note"),
])
def test_bad_scores_are_refused_with_a_french_message(text, field, words):
    with pytest.raises(ValidationError) as info:
        parse_scores(text)
    assert info.value.field == field
    assert words in info.value.message


def test_a_fractional_score_asks_for_a_whole_number():
    with pytest.raises(ValidationError) as info:
        validate_scores([7, 5, "6.5", 8, 4, 6, 7, 5])
    assert "nombre entier" in info.value.message


def test_deltas_are_after_minus_before():
    assert score_deltas([5, 4, 5, 6, 4, 5, 6, 3], [7, 6, 6, 8, 6, 7, 7, 5]) == [2, 2, 1, 2, 2, 2, 1, 2]


def test_a_drop_is_a_negative_delta():
    assert score_deltas([7], [5]) == [-2]
    assert score_deltas([7, 5, 6, 8, 4, 6, 7, 5], [5, 5, 7, 8, 2, 6, 10, 0]) == [
        -2, 0, 1, 0, -2, 0, 3, -5]
    with pytest.raises(ValueError):
        score_deltas([7, 5], [5])  # two assessments always have the 8 themes


def test_average_halves_round_up_at_every_eighth():
    assert average([7, 7, 7, 7, 7, 7, 8, 8]) == 7.3  # 7.25, not banker's 7.2
    assert average([6, 6, 6, 6, 6, 6, 7, 7]) == 6.3  # 6.25
    assert average([6, 6, 6, 6, 6, 7, 7, 7]) == 6.4  # 6.375
    assert average([6, 6, 6, 7, 7, 7, 7, 7]) == 6.6  # 6.625
    assert average([6, 6, 7, 7, 7, 7, 7, 7]) == 6.8  # 6.75
    assert average([10] * 8) == 10.0
    assert average([0] * 8) == 0.0
    assert average(iter([9, 10])) == 9.5  # any iterable of scores
    assert average([7, 8]) == 7.5 and average([6]) == 6.0


def test_rounded_average_decides_the_level():
    # 6.95 is shown 7,0 and read "maîtrisée": the level follows the rounded average
    assert average([6.95]) == 7.0
    assert maturity_level(average([6.95])).key == "maitrisee"
    assert maturity_level(average([6.94])).key == "consolider"
    assert maturity_level(average([9, 9, 9, 9, 9, 9, 9, 8])).key == "maitrisee"  # 8.9
    assert maturity_level(average([8.95])).key == "excellence"  # 9.0


def test_an_average_needs_scores():
    with pytest.raises(ValueError, match="Aucune note"):
        average([])


@pytest.mark.parametrize("avg, key", [(6.9, "consolider"), (8.99, "maitrisee"), (7.5, "maitrisee"),
                                      (6.0, "consolider"), (8.0, "maitrisee"),
                                      (9.5, "excellence")])
def test_levels_between_the_white_papers_bands(avg, key):
    assert maturity_level(avg).key == key


def test_levels_of_the_white_paper():
    assert [(lv.key, lv.label, lv.band) for lv in LEVELS] == [
        ("consolider", "Relation Client à consolider", "0-6"),
        ("maitrisee", "Relation Client maîtrisée", "7-8"),
        ("excellence", "Excellence en Relation Client", "9-10")]
    # each level's lowest average, as the maturity PDF states the rule: < 7, 7 to < 9, 9 and up
    assert [lv.minimum for lv in LEVELS] == [0, 7, 9]
    assert MaturityLevel("x", "X", "0-10", "texte").minimum == 0  # a level starts at 0 by default
    assert LEVELS[0].text.startswith("La Relation client est présente dans votre entreprise.")


def test_eight_themes_numbered_in_order_with_their_radar_label():
    assert [t.number for t in THEMES] == list(range(1, 9))
    assert THEME_COUNT == 8
    assert [t.short for t in THEMES] == [
        "Engagements", "Points de contact", "Animation des équipes",
        "Mesure de la satisfaction", "Connaissance clients", "Communication",
        "Besoins et avis", "Fidélisation"]
    assert theme(1) is THEMES[0]
    assert theme(7).wording == ("les moyens déployés pour connaître les besoins et les avis de "
                                "vos clients")
    assert theme(8).short == "Fidélisation"


def test_every_theme_has_its_recommendation_theme_7_included():
    assert sorted(RECOMMENDATIONS) == list(range(1, 9))
    for number in range(1, 9):
        assert default_recommendation(number) == RECOMMENDATIONS[number]
        assert default_recommendation(number).startswith("Principe")
    assert default_recommendation(7).startswith("Principe 5 — L'écoute client.")
    assert "réclamations" in default_recommendation(7)
    assert "plan d'actions d'amélioration (PAQ)" in default_recommendation(7)
    assert default_recommendation(5).startswith("Principes 2 et 4")
    assert "fichier client unique" in default_recommendation(5)


def test_a_theme_under_7_gets_a_recommendation():
    assert RECOMMENDATION_BELOW == 7
    assert [needs_recommendation(score) for score in range(0, 11)] == [True] * 7 + [False] * 4


def test_swot_boxes():
    assert SWOT_FIELDS == (("strengths", "Forces"), ("weaknesses", "Faiblesses"),
                           ("opportunities", "Opportunités"), ("threats", "Menaces"))


@pytest.mark.parametrize("value, expected", [
    (0, 0), (10, 10), (7, 7), ("7", 7), (" 8 ", 8), ("7,0", 7), ("7.0", 7), (7.0, 7),
    ("10", 10), ("0", 0), ("-0", 0),
])
def test_a_score_is_an_integer_from_0_to_10(value, expected):
    score = validate_score(3, value)
    assert score == expected and type(score) is int


@pytest.mark.parametrize("value", ["6,6", "7.5", 7.5, "6.6", 0.5, "9,99"])
def test_a_fractional_score_is_refused_not_rounded(value):
    with pytest.raises(ValidationError) as info:
        validate_score(4, value)
    assert info.value.field == "score_4"
    assert info.value.message == (f"La note du thème 4 (Mesure de la satisfaction) doit être un "
                                  f"nombre entier de 0 à 10 (reçu « {value} »).")


@pytest.mark.parametrize("value", [-1, 11, "11", "-1", "10,5", 100, "-0,5"])
def test_a_score_out_of_0_to_10_is_refused(value):
    with pytest.raises(ValidationError) as info:
        validate_score(2, value)
    assert info.value.field == "score_2"
    assert info.value.message == (f"La note du thème 2 (Points de contact) doit être comprise "
                                  f"entre 0 et 10 (reçu « {value} »).")


@pytest.mark.parametrize("value", [None, "", "   "])
def test_a_missing_score_says_so(value):
    with pytest.raises(ValidationError) as info:
        validate_score(7, value)
    assert info.value.field == "score_7"
    assert info.value.message == ("La note du thème 7 (Besoins et avis) est manquante : notez "
                                  "chaque thème de 0 à 10.")


@pytest.mark.parametrize("value", [True, False])
def test_a_yes_no_is_not_a_score(value):
    with pytest.raises(ValidationError) as info:
        validate_score(1, value)
    assert info.value.message == "La note du thème 1 (Engagements) doit être un nombre de 0 à 10."


@pytest.mark.parametrize("value", ["huit", "inf", "NaN", "-Infinity", "7/10"])
def test_text_or_infinite_score_is_not_a_number(value):
    with pytest.raises(ValidationError) as info:
        validate_score(8, value)
    assert info.value.field == "score_8"
    assert info.value.message == (f"La note du thème 8 (Fidélisation) doit être un nombre de 0 à "
                                  f"10 (reçu « {value} »).")


def test_exactly_eight_scores():
    assert validate_scores([7, 5, 6, 8, 4, 6, 7, 5]) == [7, 5, 6, 8, 4, 6, 7, 5]
    assert validate_scores(("10", "0", 6, 8, 4, 6, 7, "5")) == [10, 0, 6, 8, 4, 6, 7, 5]
    with pytest.raises(ValidationError) as info:
        validate_scores([7] * 9)
    assert (info.value.field, info.value.message) == (
        "scores", "9 notes reçues : il en faut exactement 8, une par thème.")
    with pytest.raises(ValidationError) as info:
        validate_scores([7] * 7)
    assert info.value.field == "score_8"
    with pytest.raises(ValidationError) as info:
        validate_scores([])
    assert info.value.field == "score_1"
    with pytest.raises(ValidationError) as info:  # the first wrong one is named
        validate_scores([7, 5, 12, 8, None, 6, 7, 5])
    assert info.value.field == "score_3"


def test_parse_scores_separators_and_counts():
    assert parse_scores(" 7 , 5 , 6 , 8 , 4 , 6 , 7 , 5 ") == [7, 5, 6, 8, 4, 6, 7, 5]
    assert parse_scores("7\t5  6\n8 4 6 7 5") == [7, 5, 6, 8, 4, 6, 7, 5]
    with pytest.raises(ValidationError) as info:  # a semicolon wins: "7,5" is one score
        parse_scores("7,5;6;8;4;6;7;5;9")
    assert (info.value.field, "nombre entier" in info.value.message) == ("score_1", True)
    with pytest.raises(ValidationError) as info:
        parse_scores("7 5 6 8 4 6 7")
    assert (info.value.field, info.value.message) == (
        "scores", "7 note(s) reçue(s) : il en faut exactement 8, une par thème, séparées par "
                  "des virgules (par exemple 7,5,6,8,4,6,7,5).")
    for empty in (None, "", "   "):
        with pytest.raises(ValidationError) as info:
            parse_scores(empty)
        assert (info.value.field, info.value.message) == (
            "scores", "Aucune note : indiquez les 8 notes séparées par des virgules, par exemple "
                      "7,5,6,8,4,6,7,5.")


def test_themes_and_levels_are_shared_constants_nobody_can_change():
    with pytest.raises(FrozenInstanceError):
        THEMES[0].short = "Promesses"
    with pytest.raises(FrozenInstanceError):
        LEVELS[0].label = "Débutant"
    assert THEMES[0].short == "Engagements" and LEVELS[0].label == "Relation Client à consolider"
