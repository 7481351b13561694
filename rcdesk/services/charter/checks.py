"""The white paper's 6 tips and SMART as warnings on a charter: pure functions, never blocking."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from rcdesk.core.text import fold

MAX_COMMITMENTS = 10  # "une dizaine d'engagements (pas plus)" (conseil n°3)
MAX_SENTENCE_WORDS = 20  # "phrases simples et courtes" (conseil n°3)

# Sales terms, advertising and quality jargon the white paper asks to leave out (conseils 3 et 5).
DEFAULT_JARGON: tuple[str, ...] = (
    "meilleur", "leader", "numéro un", "n°1", "unique", "révolutionnaire", "exceptionnel",
    "incomparable", "imbattable", "inégalé", "extraordinaire", "gratuit", "promo", "promotion",
    "offre spéciale", "prix cassé", "exclusif", "satisfait ou remboursé", "excellence",
    "premium", "haut de gamme", "KPI", "SLA", "PDCA", "non-conformité", "process",
    "amélioration continue", "synergie", "optimiser",
)

# Number words that make a sentence quantified even without digits ("sous cinq jours").
_NUMBER_WORDS = (
    "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze",
    "quinze", "vingt", "trente", "quarante", "cinquante", "soixante", "cent", "mille",
    "demi", "quart", "moitie",
)
# Delays stated without a figure ("le jour même", "sous huitaine").
_DELAY_PHRASES = (
    "le jour meme", "dans la journee", "dans l'heure", "dans la semaine", "sous huitaine",
    "sous quinzaine", "immediatement", "sur-le-champ", "le lendemain", "sous 24", "sous 48",
    "chaque jour", "chaque semaine", "chaque mois", "chaque annee", "tous les jours",
)


@dataclass(frozen=True)
class CharterWarning:
    """One piece of advice: code for tests and icons, message in French, the tip it comes from."""

    code: str
    message: str
    tip: int = 0  # conseil n° of the white paper (0: not one tip in particular)


@dataclass(frozen=True)
class CheckedCommitment:
    """What check_charter needs to know of a commitment (any object with these attributes)."""

    wording: str
    indicator: str = ""
    target_value: float | None = None
    review_date: date | None = None
    source: str = "manual"


@dataclass
class CharterCheck:
    """Warnings for the whole charter and, in the same order as the input, per commitment."""

    charter: list[CharterWarning] = field(default_factory=list)
    by_commitment: list[list[CharterWarning]] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.charter) + sum(len(w) for w in self.by_commitment)


def sentences(text: str) -> list[str]:
    """The sentences of a wording, split on . ! ? ; and line breaks (decimal "4,5" / "4.5" kept)."""
    parts = re.split(r"(?<!\d)[.!?;]+|[.!?;]+(?!\d)|\n+", text)
    return [p.strip() for p in parts if p and p.strip()]


def word_count(sentence: str) -> int:
    """Words separated by spaces; a lone punctuation mark or dash is not a word."""
    return sum(1 for token in sentence.split() if re.search(r"\w", token))


def is_measurable(wording: str) -> bool:
    """A figure (digits or a number word) or a stated delay makes a commitment measurable."""
    if re.search(r"\d", wording):
        return True
    folded = fold(wording)
    words = set(re.findall(r"[a-z]+", folded))
    if words.intersection(_NUMBER_WORDS):
        return True
    return any(phrase in folded for phrase in _DELAY_PHRASES)


def jargon_found(wording: str, jargon: Iterable[str]) -> list[str]:
    """The terms of the list found in the wording as whole words (plural and feminine forms too)."""
    folded = fold(wording)
    found = []
    for term in jargon:
        clean = fold(term).strip()
        if not clean:
            continue
        pattern = r"\s+".join(re.escape(part) for part in clean.split())
        if re.search(rf"(?<![\w]){pattern}(?:e|s|es|x|ux|le|les|ne|nes)?(?![\w])", folded):
            found.append(term.strip())
    return found


def check_commitment(item, jargon: Iterable[str], today: date) -> list[CharterWarning]:
    """The warnings of one commitment (item has wording, indicator, source, review_date)."""
    warnings: list[CharterWarning] = []
    wording = (item.wording or "").strip()
    for sentence in sentences(wording):
        count = word_count(sentence)
        if count > MAX_SENTENCE_WORDS:
            warnings.append(CharterWarning(
                "long_sentence",
                f"Phrase de {count} mots : visez des phrases simples et courtes "
                f"({MAX_SENTENCE_WORDS} mots au plus).", 3))
    if wording and not is_measurable(wording):
        warnings.append(CharterWarning(
            "not_measurable",
            "Ni chiffre ni délai : l'engagement n'est pas mesurable (quantifiez-le : %, délai, "
            "chiffre).", 4))
    source = getattr(item, "source", "manual") or "manual"
    if not (item.indicator or "").strip() and source == "manual":
        warnings.append(CharterWarning(
            "no_indicator",
            "Aucun indicateur : sans système de mesure, la charte reste de la « langue de bois ».",
            2))
    terms = jargon_found(wording, jargon)
    if terms:
        listed = ", ".join(f"« {t} »" for t in terms)
        warnings.append(CharterWarning(
            "jargon",
            f"Terme commercial ou jargon à éviter : {listed} (ni publicité ni jargon qualité).",
            3))
    review = getattr(item, "review_date", None)
    if review is not None and review < today:
        warnings.append(CharterWarning(
            "review_passed",
            f"Date de révision dépassée ({review.strftime('%d/%m/%Y')}) : l'engagement doit être "
            "révisé périodiquement.", 5))
    return warnings


def check_charter(commitments: Sequence, jargon: Iterable[str], today: date) -> CharterCheck:
    """The warnings of a charter: per commitment, and for the whole (more than 10 commitments)."""
    jargon = list(jargon)
    result = CharterCheck()
    if len(commitments) > MAX_COMMITMENTS:
        result.charter.append(CharterWarning(
            "too_many",
            f"{len(commitments)} engagements : une bonne charte en compte une dizaine au plus.",
            3))
    result.by_commitment = [check_commitment(item, jargon, today) for item in commitments]
    return result
