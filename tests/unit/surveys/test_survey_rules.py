"""The satisfaction rules with the seeds' worked examples (DOMAIN.md « Satisfaction »)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rcdesk.core.satisfaction import (
    CUT_MEANS,
    CUT_MIDDLE,
    CriterionScores,
    mapping,
    nps_category,
    nps_difference,
    nps_from_counts,
    nps_from_scores,
    parse_scale,
    top_two_pct,
    zone,
)


def test_nps_of_ten_answers_is_20():
    nps = nps_from_scores([10, 10, 9, 9, 9, 8, 7, 6, 3, 0])
    assert (nps.promoters, nps.passives, nps.detractors) == (5, 2, 3)
    assert nps.score == pytest.approx(20.0)
    assert nps.pct(nps.promoters) == pytest.approx(50.0)
    assert nps.approximate  # 10 answers < 30


def test_all_promoters_100_all_detractors_minus_100():
    assert nps_from_scores([9, 10, 10]).score == 100
    assert nps_from_scores([0, 6, 3, 5]).score == -100
    assert nps_from_scores([9, 10, 10]).margin == 0  # no spread at all


def test_no_answer_no_nps():
    assert nps_from_scores([]) is None
    assert nps_from_counts(0, 0, 0) is None


def test_margin_of_39_answers_8_promoters_22_detractors():
    nps = nps_from_counts(8, 9, 22)
    assert nps.n == 39
    assert round(nps.score, 1) == -35.9
    assert round(nps.margin, 1) == 25.1
    assert (round(nps.low, 1), round(nps.high, 1)) == (-61.0, -10.8)
    assert nps.as_dict() == {"score": -35.9, "promoters": 8, "passives": 9, "detractors": 22,
                             "margin": 25.1, "low": -61.0, "high": -10.8}
    assert not nps.approximate


def test_categories_boundaries():
    assert [nps_category(s) for s in (0, 6, 7, 8, 9, 10)] == [
        "detractor", "detractor", "passive", "passive", "promoter", "promoter"]
    with pytest.raises(ValueError):
        nps_from_scores([11])


def test_difference_significance():
    before = nps_from_counts(8, 9, 22)  # −35.9 ± 25.1 on 39 answers
    after = nps_from_counts(20, 10, 9)  # +28.2 on 39 answers
    diff = nps_difference(before, after)
    assert round(diff.difference, 1) == 64.1
    assert diff.significant
    # a few points on small samples: noise
    small = nps_difference(nps_from_scores([10, 9, 7, 6, 8]), nps_from_scores([10, 9, 8, 6, 6]))
    assert round(small.difference, 1) == -20.0 and not small.significant
    assert nps_difference(before, None) is None


def test_zone_cut_counts_as_important_and_satisfied():
    assert zone(2.5, 2.5, 2.5, 2.5) == 1
    assert zone(2.4, 2.5, 2.5, 2.5) == 2
    assert zone(2.5, 2.4, 2.5, 2.5) == 3
    assert zone(1.0, 1.0, 2.5, 2.5) == 4


def test_mapping_middle_and_means():
    criteria = [
        CriterionScores(2, "Accueil", {5: 3, 4: 1}, {5: 4}),  # 4.75 / 5
        CriterionScores(3, "Chambre", {2: 2, 1: 2}, {5: 2, 4: 2}),  # 1.5 / 4.5
        CriterionScores(4, "Calme", {4: 4}, {4: 2, 3: 2}),  # 4 / 3.5
        CriterionScores(5, "Restauration", {3: 4}, {4: 4}),  # 3 / 4
    ]
    middle = mapping(criteria, CUT_MIDDLE)
    assert (middle.cut_satisfaction, middle.cut_importance) == (2.5, 2.5)
    assert [c.zone for c in middle.criteria] == [1, 2, 1, 1]
    assert [c.label for c in middle.in_zone(2)] == ["Chambre"]
    means = mapping(criteria, CUT_MEANS)
    # means: satisfaction (4.75+1.5+4+3)/4 = 3.3125, importance (5+4.5+3.5+4)/4 = 4.25
    assert means.cut_satisfaction == pytest.approx(3.3125)
    assert means.cut_importance == pytest.approx(4.25)
    assert [c.zone for c in means.criteria] == [1, 2, 3, 4]
    assert middle.criteria[0].satisfied_pct == pytest.approx(100.0)
    assert middle.criteria[1].satisfied_pct == pytest.approx(0.0)


def test_top_two_boxes_and_scale():
    assert top_two_pct({5: 1, 4: 1, 3: 2}, (0, 5)) == pytest.approx(50.0)
    assert top_two_pct({}, (0, 5)) is None
    assert parse_scale("0-5") == (0, 5) and parse_scale("1–10") == (1, 10)
    for bad in ("5-0", "0-11", "2-5", "a-b"):
        with pytest.raises(ValueError):
            parse_scale(bad)


@given(st.lists(st.integers(0, 10), min_size=1, max_size=300))
def test_nps_properties(scores):
    nps = nps_from_scores(scores)
    assert nps.promoters + nps.passives + nps.detractors == len(scores)
    assert -100 <= nps.score <= 100
    assert nps.margin >= 0 and nps.low <= nps.score <= nps.high
    expected = (sum(s >= 9 for s in scores) - sum(s <= 6 for s in scores)) * 100 / len(scores)
    assert nps.score == pytest.approx(expected)
    if len({nps_category(s) for s in scores}) == 1:
        assert nps.margin == pytest.approx(0, abs=1e-6)  # everyone alike: no spread
    # a campaign compared with itself never differs significantly
    assert not nps_difference(nps, nps).significant
