"""Satisfaction rules (écoute client), pure: the NPS and its margin of error, the difference of
two NPS, criteria means, the importance × satisfaction mapping and its zones.

One function per rule; the services, the CLI, the reports and the UI all call these."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

Z95 = 1.96  # 95 % two-sided
SMALL_SAMPLE = 30  # below this many answers the margin is a rough approximation
PROMOTER_MIN, PASSIVE_MIN = 9, 7  # 9–10 promoters, 7–8 passives, 0–6 detractors
NPS_SCALE = (0, 10)
DEFAULT_CRITERION_SCALE = (0, 5)  # the white paper's hotel example

# Where the mapping is cut: the middle of the scale (the white paper's picture) or the means
# of the criteria (importance–performance analysis, Martilla & James 1977).
CUT_MIDDLE, CUT_MEANS = "milieu", "moyennes"
CUTS = {CUT_MIDDLE: "milieu de l'échelle", CUT_MEANS: "moyennes des critères"}

ZONES = {
    1: ("Points forts", "à communiquer"),
    2: ("Points à améliorer", "URGENCE : actions à mettre en place"),
    3: ("À surveiller", "sur-qualité possible"),
    4: ("Plan d'actions à moyen terme", "actions à planifier"),
}


def nps_category(score: int) -> str:
    """"promoter" (9–10), "passive" (7–8) or "detractor" (0–6)."""
    if score >= PROMOTER_MIN:
        return "promoter"
    if score >= PASSIVE_MIN:
        return "passive"
    return "detractor"


@dataclass(frozen=True)
class Nps:
    """The NPS of n answers: counts, the score (−100 to +100, a number, not a %) and its
    95 % margin of error in points."""

    n: int
    promoters: int
    passives: int
    detractors: int

    @property
    def score(self) -> float:
        return (self.promoters - self.detractors) * 100.0 / self.n

    @property
    def variance(self) -> float:
        """Of one answer scored +1 / 0 / −1: (p + d) − (p − d)²."""
        p, d = self.promoters / self.n, self.detractors / self.n
        return (p + d) - (p - d) ** 2

    @property
    def margin(self) -> float:
        return Z95 * math.sqrt(self.variance / self.n) * 100.0

    @property
    def low(self) -> float:
        return self.score - self.margin

    @property
    def high(self) -> float:
        return self.score + self.margin

    @property
    def approximate(self) -> bool:
        """Fewer than 30 answers: the margin is only a rough approximation."""
        return self.n < SMALL_SAMPLE

    def pct(self, count: int) -> float:
        return count * 100.0 / self.n

    def as_dict(self) -> dict:
        return {"score": round(self.score, 1), "promoters": self.promoters,
                "passives": self.passives, "detractors": self.detractors,
                "margin": round(self.margin, 1), "low": round(self.low, 1),
                "high": round(self.high, 1)}


def nps_from_counts(promoters: int, passives: int, detractors: int) -> Nps | None:
    """None without any answer: no NPS (never 0)."""
    n = promoters + passives + detractors
    if min(promoters, passives, detractors) < 0:
        raise ValueError("Un effectif ne peut pas être négatif.")
    return Nps(n, promoters, passives, detractors) if n else None


def nps_from_scores(scores: Iterable[int]) -> Nps | None:
    counts = {"promoter": 0, "passive": 0, "detractor": 0}
    for score in scores:
        if not NPS_SCALE[0] <= score <= NPS_SCALE[1]:
            raise ValueError(f"Note NPS hors de l'échelle 0 à 10 : {score}.")
        counts[nps_category(score)] += 1
    return nps_from_counts(counts["promoter"], counts["passive"], counts["detractor"])


def nps_from_distribution(distribution: Mapping[int, int]) -> Nps | None:
    """From {score: count} (what one GROUP BY returns)."""
    counts = {"promoter": 0, "passive": 0, "detractor": 0}
    for score, count in distribution.items():
        counts[nps_category(int(score))] += count
    return nps_from_counts(counts["promoter"], counts["passive"], counts["detractor"])


@dataclass(frozen=True)
class NpsDifference:
    """b − a and whether it is beyond the noise: |diff| > 1.96 × √(var₁/n₁ + var₂/n₂) × 100."""

    difference: float
    margin: float

    @property
    def significant(self) -> bool:
        return abs(self.difference) > self.margin

    def as_dict(self) -> dict:
        return {"difference": round(self.difference, 1), "margin": round(self.margin, 1),
                "significant": self.significant}


def nps_difference(a: Nps | None, b: Nps | None) -> NpsDifference | None:
    if a is None or b is None:
        return None
    margin = Z95 * math.sqrt(a.variance / a.n + b.variance / b.n) * 100.0
    return NpsDifference(b.score - a.score, margin)


# --- criteria and the mapping -----------------------------------------------------------


@dataclass(frozen=True)
class CriterionScores:
    """One criterion's answers as {value: count} for satisfaction and for importance."""

    number: int
    label: str
    satisfaction: Mapping[int, int]
    importance: Mapping[int, int]
    scale: tuple[int, int] = DEFAULT_CRITERION_SCALE


def mean(distribution: Mapping[int, int]) -> float | None:
    n = sum(distribution.values())
    return sum(v * c for v, c in distribution.items()) / n if n else None


def top_two_pct(distribution: Mapping[int, int], scale: tuple[int, int]) -> float | None:
    """% satisfied: answers in the top two boxes of the scale (4 and 5 on 0–5)."""
    n = sum(distribution.values())
    if not n:
        return None
    return sum(c for v, c in distribution.items() if v >= scale[1] - 1) * 100.0 / n


def scale_middle(scale: tuple[int, int]) -> float:
    return (scale[0] + scale[1]) / 2.0


def zone(satisfaction: float, importance: float, cut_satisfaction: float,
         cut_importance: float) -> int:
    """1 important & satisfied, 2 important & unsatisfied, 3 unimportant & satisfied,
    4 unimportant & unsatisfied. A criterion exactly on a cut counts as important / satisfied."""
    important = importance >= cut_importance
    satisfied = satisfaction >= cut_satisfaction
    if important:
        return 1 if satisfied else 2
    return 3 if satisfied else 4


@dataclass(frozen=True)
class CriterionResult:
    number: int
    label: str
    satisfaction: float | None
    importance: float | None
    satisfied_pct: float | None
    answers: int  # satisfaction answers
    zone: int | None  # None without both means
    distribution: dict[int, int]

    def as_dict(self) -> dict:
        return {"number": self.number, "label": self.label,
                "satisfaction": _round2(self.satisfaction),
                "importance": _round2(self.importance),
                "satisfied_pct": None if self.satisfied_pct is None
                else round(self.satisfied_pct, 1),
                "zone": self.zone, "answers": self.answers}


def _round2(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


@dataclass(frozen=True)
class Mapping2D:
    criteria: list[CriterionResult]
    cut: str
    cut_satisfaction: float | None
    cut_importance: float | None
    scale: tuple[int, int]

    def in_zone(self, number: int) -> list[CriterionResult]:
        return [c for c in self.criteria if c.zone == number]


def cuts(points: list[tuple[float, float]], scale: tuple[int, int], how: str
         ) -> tuple[float | None, float | None]:
    """(satisfaction cut, importance cut): the middle of the scale, or the means of the
    criteria's (satisfaction, importance) points."""
    if how == CUT_MIDDLE:
        return scale_middle(scale), scale_middle(scale)
    if how != CUT_MEANS:
        raise ValueError(f"Coupure inconnue : « {how} » (milieu ou moyennes).")
    if not points:
        return None, None
    return (sum(s for s, _ in points) / len(points), sum(i for _, i in points) / len(points))


def mapping(criteria: list[CriterionScores], how: str = CUT_MIDDLE) -> Mapping2D:
    """Each criterion's means, % satisfied and zone, with the cuts used."""
    scale = criteria[0].scale if criteria else DEFAULT_CRITERION_SCALE
    means = [(c, mean(c.satisfaction), mean(c.importance)) for c in criteria]
    points = [(s, i) for _, s, i in means if s is not None and i is not None]
    cut_s, cut_i = cuts(points, scale, how)
    results = []
    for c, s, i in means:
        z = zone(s, i, cut_s, cut_i) if s is not None and i is not None else None
        results.append(CriterionResult(
            c.number, c.label, s, i, top_two_pct(c.satisfaction, c.scale),
            sum(c.satisfaction.values()), z, dict(sorted(c.satisfaction.items()))))
    return Mapping2D(results, how, cut_s, cut_i, scale)


def parse_scale(text: str) -> tuple[int, int]:
    """"0-5" -> (0, 5); ValueError in French otherwise (2 to 11 points, from 0 or 1)."""
    parts = text.replace("–", "-").replace(" ", "").split("-")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        raise ValueError(f"Échelle invalide : « {text} » (attendu par exemple 0-5 ou 1-10).")
    low, high = int(parts[0]), int(parts[1])
    if low not in (0, 1) or not low < high <= 10:
        raise ValueError(f"Échelle invalide : « {text} » (de 0 ou 1 jusqu'à 10 au plus).")
    return low, high
