"""Maturity self-assessment rules of the white paper: the 8 themes, average, level, advice."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from rcdesk.core.errors import ValidationError

SCORE_MIN, SCORE_MAX = 0, 10
# A theme scored under this gets a recommendation (the "à consolider" band of the white paper).
RECOMMENDATION_BELOW = 7


@dataclass(frozen=True)
class Theme:
    number: int
    wording: str  # the white paper's question, word for word
    short: str  # axis label of the radar


THEMES: tuple[Theme, ...] = (
    Theme(1, "la formalisation de vos engagements / vos promesses clients", "Engagements"),
    Theme(2, "l'identification des points de contact clients", "Points de contact"),
    Theme(3, "l'animation de vos équipes pour instaurer une prise de conscience généralisée de "
             "l'enjeu de la relation client", "Animation des équipes"),
    Theme(4, "la mesure de la satisfaction client", "Mesure de la satisfaction"),
    Theme(5, "la connaissance de vos prospects / clients", "Connaissance clients"),
    Theme(6, "l'efficacité de votre communication auprès de vos prospects / clients",
          "Communication"),
    Theme(7, "les moyens déployés pour connaître les besoins et les avis de vos clients",
          "Besoins et avis"),
    Theme(8, "les moyens déployés pour fidéliser vos clients", "Fidélisation"),
)
THEME_COUNT = len(THEMES)


@dataclass(frozen=True)
class MaturityLevel:
    key: str  # "consolider", "maitrisee", "excellence"
    label: str
    band: str  # the white paper's band, e.g. "0-6"
    text: str
    minimum: float = 0  # the lowest average of the level (rcdesk closes the seed's gaps)


LEVELS: tuple[MaturityLevel, ...] = (
    MaturityLevel(
        "consolider", "Relation Client à consolider", "0-6",
        "La Relation client est présente dans votre entreprise. Cependant, les 8 points "
        "essentiels ne sont pas encore maîtrisés. La Relation Client ne fait pas encore partie "
        "intégrante de votre culture d'entreprise et son pilotage est à améliorer.", 0),
    MaturityLevel(
        "maitrisee", "Relation Client maîtrisée", "7-8",
        "La Relation Client fait partie de votre culture d'entreprise. Les 8 points essentiels "
        "sont maîtrisés et il ne reste qu'une marche à gravir pour atteindre l'excellence.", 7),
    MaturityLevel(
        "excellence", "Excellence en Relation Client", "9-10",
        "La Relation Client est un enjeu prioritaire pour votre entreprise. Elle fait partie de "
        "votre stratégie. Les clients sont les ambassadeurs de votre entreprise.", 9),
)

# Theme -> the matching principle of the white paper (part II) and its tool.
RECOMMENDATIONS: dict[int, str] = {
    1: "Principe 1 — La promesse client. Formalisez vos engagements dans une charte "
       "d'engagements client en suivant les 6 conseils du livre blanc : un groupe de travail où "
       "tous les métiers sont représentés, une dizaine d'engagements au plus en phrases simples "
       "et courtes, sans publicité ni conditions de vente, quantifiés (%, délais, chiffres), "
       "SMART, chacun avec son système de mesure, validés par les clients et révisés "
       "périodiquement.",
    2: "Principe 2 — Le parcours client. Cartographiez le parcours de vos clients et recensez "
       "tous les points de contact, humanisés (accueil, vendeur, livreur, téléphone) et non "
       "humanisés (mail, site web, SMS, publicité) ; repérez les moments de vérité et les étapes "
       "irritantes, et choisissez le canal adapté à chaque étape et à chaque type de client.",
    3: "Principe 3 — Le pilotage de la relation client. Animez les équipes autour de la relation "
       "client : revues régulières des indicateurs (par exemple trimestrielles) qui fixent des "
       "axes de progrès, temps d'échange formels ou informels (réunions, challenges, journées "
       "de cohésion), objectifs relation client dans les entretiens individuels, et un plan "
       "d'actions qualité (PAQ) pour suivre les actions décidées.",
    4: "Principe 5 — L'écoute client. Mesurez la satisfaction avec le Net Promoter Score "
       "(« Recommanderiez-vous nos services ? » de 0 à 10, puis « Pourquoi ? ») et construisez "
       "le mapping de satisfaction (matrice attentes-satisfaction) pour distinguer vos points "
       "forts à communiquer des points à améliorer en urgence.",
    5: "Principes 2 et 4 — Le parcours client et la communication ciblée. Centralisez la "
       "connaissance de vos prospects et clients dans un fichier client unique (identité, "
       "coordonnées, canal préféré, historique des interactions), alimenté par toutes les "
       "personnes en contact avec eux, et segmentez-le pour adapter vos offres et votre "
       "communication au profil de chaque client.",
    6: "Principe 4 — La communication multicanale ciblée. Établissez un plan de communication "
       "annuel : objectif (cognitif, affectif, conatif), cibles, action média ou hors média, "
       "support, durée, périodicité, budget, ressources et, pour chaque action, un objectif "
       "chiffré qui permettra d'en évaluer l'efficacité.",
    7: "Principe 5 — L'écoute client. Recueillez les avis, remarques et réclamations à chaque "
       "étape du parcours, centralisez et tracez les demandes reçues par tous les canaux, et "
       "lancez systématiquement un plan d'actions d'amélioration (PAQ) après une remontée "
       "négative, partagé avec le client concerné.",
    8: "Principe 6 — La fidélisation. Mettez en place un programme de fidélité et appliquez les "
       "4 conseils du livre blanc pour fidéliser en B to B : l'expérience de marque, la "
       "personnalisation, le club client et le parrainage (la recommandation client).",
}

SWOT_FIELDS: tuple[tuple[str, str], ...] = (
    ("strengths", "Forces"),
    ("weaknesses", "Faiblesses"),
    ("opportunities", "Opportunités"),
    ("threats", "Menaces"),
)


def theme(number: int) -> Theme:
    return THEMES[number - 1]


def average(scores: Iterable[int | float]) -> float:
    """The mean of the scores to one decimal, halves rounded up: 7,5,6,8,4,6,7,5 -> 6.0."""
    values = [Decimal(str(value)) for value in scores]
    if not values:
        raise ValueError("Aucune note : la moyenne ne peut pas être calculée.")
    mean = sum(values) / len(values)
    return float(mean.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def maturity_level(avg: float) -> MaturityLevel:
    """DOMAIN.md thresholds: average < 7 à consolider, 7 <= average < 9 maîtrisée, >= 9 excellence
    (each level's minimum)."""
    return next(level for level in reversed(LEVELS) if avg >= level.minimum or level is LEVELS[0])


def needs_recommendation(score: int) -> bool:
    return score < RECOMMENDATION_BELOW


def default_recommendation(number: int) -> str:
    return RECOMMENDATIONS[number]


def score_deltas(before: Sequence[int], after: Sequence[int]) -> list[int]:
    """Per-theme change from one assessment to the next (after - before)."""
    return [b - a for a, b in zip(before, after, strict=True)]


def validate_score(number: int, value: object) -> int:
    """One theme's score as an integer 0-10, or ValidationError naming the theme."""
    field = f"score_{number}"
    label = f"La note du thème {number} ({theme(number).short})"
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValidationError(field, f"{label} est manquante : notez chaque thème de 0 à 10.")
    if isinstance(value, bool):
        raise ValidationError(field, f"{label} doit être un nombre de 0 à 10.")
    if isinstance(value, int):
        number_value = Decimal(value)
    else:
        text = str(value).strip().replace(",", ".")
        try:
            number_value = Decimal(text)
        except InvalidOperation:
            raise ValidationError(
                field, f"{label} doit être un nombre de 0 à 10 (reçu « {value} »).") from None
        if not number_value.is_finite():
            raise ValidationError(field, f"{label} doit être un nombre de 0 à 10 (reçu « {value} »).")
    if not SCORE_MIN <= number_value <= SCORE_MAX:
        raise ValidationError(field, f"{label} doit être comprise entre 0 et 10 (reçu « {value} »).")
    if number_value != number_value.to_integral_value():
        raise ValidationError(field, f"{label} doit être un nombre entier de 0 à 10 "
                                     f"(reçu « {value} »).")
    return int(number_value)


def validate_scores(values: Sequence[object]) -> list[int]:
    """Exactly 8 scores, each an integer 0-10; the first wrong one raises ValidationError."""
    values = list(values)
    if len(values) > THEME_COUNT:
        raise ValidationError("scores", f"{len(values)} notes reçues : il en faut exactement "
                                        f"{THEME_COUNT}, une par thème.")
    values += [None] * (THEME_COUNT - len(values))
    return [validate_score(number, value) for number, value in enumerate(values, start=1)]


def parse_scores(text: str) -> list[int]:
    """"7,5,6,8,4,6,7,5" (commas, semicolons or spaces) -> eight validated integers."""
    raw = (text or "").strip()
    if not raw:
        raise ValidationError("scores", f"Aucune note : indiquez les {THEME_COUNT} notes séparées "
                                        "par des virgules, par exemple 7,5,6,8,4,6,7,5.")
    separator = ";" if ";" in raw else ","
    parts = [part.strip() for part in raw.split(separator)] if separator in raw else raw.split()
    if len(parts) < THEME_COUNT:
        raise ValidationError("scores", f"{len(parts)} note(s) reçue(s) : il en faut exactement "
                                        f"{THEME_COUNT}, une par thème, séparées par des virgules "
                                        "(par exemple 7,5,6,8,4,6,7,5).")
    return validate_scores(parts)
