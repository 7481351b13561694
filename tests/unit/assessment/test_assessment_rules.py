"""Pure rules of the maturity self-assessment: average, level, score validation (no database)."""

import pytest

from rcdesk.core.errors import ValidationError
from rcdesk.services.assessment.rules import (
    LEVELS,
    RECOMMENDATIONS,
    THEMES,
    average,
    maturity_level,
    parse_scores,
    score_deltas,
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
