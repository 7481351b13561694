"""Values in the vocabulary of the file being imported, turned into rcdesk's.

Another tool writes a country « United States », « États-Unis », « USA » or « base.us », a
company flag 1/0, TRUE/FALSE, oui/non, x or ✓, a status as Dolibarr's client codes (0-3),
Odoo's customer_rank or SuiteCRM's lead statuses. Each import field that has a closed set of
values (kind, status, civility, country, consent, active) is read here through lookup tables
built once (babel's territory names in several languages, never a babel call per row), with
the user's own value mapping (« Colonne:valeur=nôtre ») applied first. A value that none of
them understands raises UnknownValue: the import lists it, grouped, so that the user maps it
once for every row that carries it."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.core.text import fold

# Import fields whose values form a closed set (the value-mapping step offers them).
VOCABULARY_FIELDS = ("kind", "status", "civility", "country", "consent", "active")

TRUE_WORDS = frozenset(("1", "oui", "o", "yes", "y", "true", "vrai", "x", "✓", "✔", "☑", "✅",
                        "on", "t", "actif", "active", "si", "ja", "-1"))
FALSE_WORDS = frozenset(("0", "non", "n", "no", "false", "faux", "", "✗", "✘", "☐", "off", "f",
                         "inactif", "inactive", "nein", "-"))

KIND_WORDS = {
    "particulier": "particulier", "part": "particulier", "b2c": "particulier",
    "personne": "particulier", "person": "particulier", "individual": "particulier",
    "individu": "particulier", "privé": "particulier", "prive": "particulier",
    "private": "particulier", "personnephysique": "particulier", "contact": "particulier",
    "professionnel": "professionnel", "pro": "professionnel", "b2b": "professionnel",
    "entreprise": "professionnel", "societe": "professionnel", "company": "professionnel",
    "organisation": "professionnel", "organization": "professionnel",
    "personnemorale": "professionnel", "business": "professionnel",
    "account": "professionnel",
    # Dolibarr's third-party types (c_typent codes): TE_PRIVATE is a private person
    "teprivate": "particulier", "tesmall": "professionnel", "temedium": "professionnel",
    "telarge": "professionnel", "teadmin": "professionnel", "tegroup": "professionnel",
    "tewholesale": "professionnel", "teretail": "professionnel", "testartup": "professionnel",
    "teother": "professionnel",
}
STATUS_WORDS = {
    "prospect": "prospect", "client": "client", "actif": "client", "customer": "client",
    "ancienclient": "ancien client", "ancien": "ancien client", "perdu": "ancien client",
    "inactif": "ancien client", "formercustomer": "ancien client", "lost": "ancien client",
    "lead": "prospect", "piste": "prospect", "suspect": "prospect",
    # SuiteCRM / SugarCRM lead statuses and account types
    "new": "prospect", "nouveau": "prospect", "assigned": "prospect", "inprocess": "prospect",
    "recycled": "prospect", "dead": "prospect", "converted": "client", "converti": "client",
    "analyst": "prospect", "competitor": "prospect", "partner": "client",
    "reseller": "client", "investor": "prospect", "integrator": "client",
    "press": "prospect",
}
# Dolibarr's s.client: 0 neither, 1 customer, 2 prospect, 3 customer and prospect.
DOLIBARR_CLIENT = {"0": "prospect", "1": "client", "2": "prospect", "3": "client"}
CIVILITY_WORDS = {
    "": "", "m": "M.", "mr": "M.", "monsieur": "M.", "mister": "M.", "sir": "M.", "herr": "M.",
    "mme": "Mme", "madame": "Mme", "mrs": "Mme", "ms": "Mme", "madam": "Mme", "frau": "Mme",
    "mlle": "Mlle", "mademoiselle": "Mlle", "miss": "Mlle",
}
# Doctor, Professor, Maître... are titles rather than civilities: not one of ours, so they
# are asked (value step) instead of guessed.

# Usual abbreviations and names that babel does not list (ISO 3166 alpha-3 of the usual
# countries, English and French shorthand).
COUNTRY_ABBREVIATIONS = {
    "usa": "US", "etatsunis": "US", "etatsunisdamerique": "US", "unitedstatesofamerica": "US",
    "uk": "GB", "angleterre": "GB", "england": "GB", "ecosse": "GB", "scotland": "GB",
    "wales": "GB", "paysdegalles": "GB", "greatbritain": "GB", "grandebretagne": "GB",
    "uae": "AE", "eau": "AE", "emirats": "AE", "hollande": "NL", "holland": "NL",
    "rdc": "CD", "rca": "CF", "ksa": "SA", "russia": "RU",
    "fra": "FR", "mar": "MA", "bel": "BE", "che": "CH", "lux": "LU", "esp": "ES", "ita": "IT",
    "deu": "DE", "prt": "PT", "nld": "NL", "gbr": "GB", "irl": "IE", "can": "CA",
    "dza": "DZ", "tun": "TN", "sen": "SN", "civ": "CI", "cmr": "CM", "aut": "AT",
    "pol": "PL", "rou": "RO", "tur": "TR", "chn": "CN", "jpn": "JP", "bra": "BR",
    "mco": "MC", "and": "AD", "reu": "RE", "glp": "GP", "mtq": "MQ", "guf": "GF",
}
_LANGUAGES = ("fr", "en", "es", "de", "it", "pt", "nl", "ar")
_NOT_COUNTRIES = frozenset(("EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"))
_ODOO_XMLID = re.compile(r"^base\.([a-z]{2})$", re.IGNORECASE)

# Postal codes that a spreadsheet stored as a number lost the leading zero of: 5 digits there.
FIVE_DIGIT_POSTCODES = frozenset(("FR", "MA", "ES", "DE", "IT", "DZ", "TN", "SN", "MC"))


def key(value) -> str:
    """The comparison key of a value: "États-Unis" -> "etatsunis" (as header_key)."""
    return re.sub(r"[^a-z0-9]", "", fold(str(value)))


@lru_cache(maxsize=1)
def _country_table() -> dict[str, str]:
    """Folded country name (in 8 languages), code or usual abbreviation -> ISO code."""
    from babel import Locale

    table: dict[str, str] = {}
    for language in _LANGUAGES:
        for code, name in Locale(language).territories.items():
            if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES:
                table.setdefault(key(name), code)
                table.setdefault(code.lower(), code)
    for word, code in COUNTRY_ABBREVIATIONS.items():
        table.setdefault(word, code)
    return table


@lru_cache(maxsize=1)
def country_choices() -> tuple[tuple[str, str], ...]:
    """Every country as (ISO code, French name), in French alphabetical order (the form's
    list and the value step's)."""
    from babel import Locale

    names = Locale("fr").territories
    pairs = [(code, name) for code, name in names.items()
             if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES]
    return tuple(sorted(pairs, key=lambda pair: key(pair[1])))


def country_name(code: str) -> str:
    """« Belgique » for BE (the code itself when unknown)."""
    return dict(country_choices()).get((code or "").upper(), code or "")


def country_code(text: str) -> str | None:
    """"United States", "États-Unis", "USA", "us", "base.us" -> "US"; None if unknown."""
    text = (text or "").strip()
    match = _ODOO_XMLID.match(text)
    if match:
        text = match.group(1)
    return _country_table().get(key(text))


def parse_flag(text: str) -> bool | None:
    """1/0, true/false, oui/non, yes/no, x, ✓ (and their capitals) -> bool; None if unknown."""
    word = text.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None


class UnknownValue(ValidationError):
    """A value of a vocabulary field that no table and no mapping of the user understands."""

    def __init__(self, field: str, raw: str, what: str):
        super().__init__(field, f"{what} « {raw[:60]} »")
        self.raw = raw


_WHAT = {"kind": "type inconnu", "status": "statut inconnu", "civility": "civilité inconnue",
         "country": "pays inconnu", "consent": "valeur oui/non inconnue",
         "active": "valeur oui/non inconnue"}
_NAMES = {"kind": "Type", "status": "Statut", "civility": "Civilité", "country": "Pays",
          "consent": "Consentement", "active": "Actif"}
CHOICES = {"kind": ("particulier", "professionnel"),
           "status": ("prospect", "client", "ancien client"),
           "civility": ("", "M.", "Mme", "Mlle"), "consent": ("oui", "non"),
           "active": ("oui", "non")}


def _header_reader(field: str, header: str) -> Callable[[str], object] | None:
    """A reader particular to the source column: Dolibarr's s.client codes, Odoo's
    customer_rank, a "company" flag read as the kind."""
    header_key_ = key(header)
    if field == "status":
        if header_key_.endswith("sclient") or header_key_ == "client":
            return lambda text: DOLIBARR_CLIENT.get(text.strip())
        if header_key_ in ("customer", "iscustomer", "estclient"):  # Odoo 10's flag
            def customer_flag(text: str):
                flag = parse_flag(text)
                return None if flag is None else ("client" if flag else "prospect")
            return customer_flag
        if "customerrank" in header_key_ or "rank" == header_key_:
            def rank(text: str):
                try:
                    return "client" if float(text.replace(",", ".")) > 0 else "prospect"
                except ValueError:
                    return None
            return rank
    return None


def _read(field: str, text: str):
    """The value in rcdesk's terms, or None when not understood."""
    if field == "kind":
        found = KIND_WORDS.get(key(text))
        if found is None:
            flag = parse_flag(text)  # is_company / "Is a company" / "Est une société"
            found = None if flag is None else ("professionnel" if flag else "particulier")
        return found
    if field == "status":
        return STATUS_WORDS.get(key(text))
    if field == "civility":
        return CIVILITY_WORDS.get(key(text))
    if field == "country":
        return country_code(text)
    return parse_flag(text)  # consent, active


def canonical_choice(field: str, ours: str) -> object:
    """What the user chose for a value (« nôtre ») in rcdesk's terms; ServiceError if it is
    not one of the field's values."""
    ours = (ours or "").strip()
    if ours == "" and field in ("civility", "country"):
        return ""
    value = _read(field, ours)
    if value is None:
        allowed = ("un pays (nom ou code ISO : FR, BE, US…)" if field == "country"
                   else ", ".join(f"« {c} »" for c in CHOICES[field] if c) or "")
        raise ServiceError(f"« {ours} » n'est pas une valeur possible de « {_NAMES[field]} » : "
                           f"{allowed}.")
    return value


class Vocabulary:
    """The readers of one import: for each vocabulary field mapped, its source column's reader
    and the user's mapping of raw values, with every distinct raw value read once."""

    def __init__(self, headers: list[str], mapping: dict[str, int],
                 values: dict[str, dict[str, object]] | None = None):
        self.values = {f: {key(raw): ours for raw, ours in chosen.items()}
                       for f, chosen in (values or {}).items()}
        self.specific = {}
        for field in VOCABULARY_FIELDS:
            if field in mapping and mapping[field] < len(headers):
                reader = _header_reader(field, headers[mapping[field]])
                if reader is not None:
                    self.specific[field] = reader
        self._memo: dict[tuple[str, str], object] = {}

    def read(self, field: str, text: str):
        """The value of a vocabulary field (text already stripped); UnknownValue if none."""
        memo_key = (field, text)
        found = self._memo.get(memo_key, _MISSING)
        if found is _MISSING:
            found = self._lookup(field, text)
            self._memo[memo_key] = found
        if found is None:
            raise UnknownValue(field, text, _WHAT[field])
        return found

    def _lookup(self, field: str, text: str):
        chosen = self.values.get(field)
        if chosen:
            value = chosen.get(key(text), _MISSING)
            if value is not _MISSING:
                return value
        reader = self.specific.get(field)
        if reader is not None:
            value = reader(text)
            if value is not None:
                return value
        return _read(field, text)

    def mapped(self, field: str, text: str) -> tuple[bool, object]:
        """(True, value) when the user mapped this raw value of a non-vocabulary field."""
        chosen = self.values.get(field)
        if chosen:
            value = chosen.get(key(text), _MISSING)
            if value is not _MISSING:
                return True, value
        return False, None


_MISSING = object()


_PREFIXED = re.compile(r"^([A-Z]{1,2})-\s*(\d.*)$")


def postal_code_text(text: str, numeric: bool, country: str) -> str:
    """A postal code as written for its country: a number of 4 digits from a spreadsheet gets
    its leading zero back only where codes have 5 digits (FR, MA, ES…, not BE or CH); the
    "L-" / "B-" / "CH-" / "F-" country prefix goes."""
    if numeric and len(text) == 4 and country in FIVE_DIGIT_POSTCODES:
        return text.zfill(5)
    if "-" not in text:  # the usual case, at no regex cost
        return text
    match = _PREFIXED.match(text.upper())
    if match and country_code(match.group(1)) in (country, None) and match.group(1) in (
            "L", "B", "F", "CH", "D", "E", "I", "A", "MA", "FR", "BE", "LU", "NL"):
        return match.group(2)
    return text


def phone_text(text: str) -> tuple[str, str]:
    """(the first phone number, the others) of a cell: the formula guard ' of a spreadsheet
    export taken off, Google's « ::: » list of several numbers split."""
    text = text.lstrip("'").strip()
    if ":::" in text:
        first, *rest = [p.strip() for p in text.split(":::") if p.strip()]
        return first, " / ".join(rest)
    return text, ""


def segment_list(text: str) -> list[str]:
    """Tags separated by , | or Google's « ::: » (Outlook's categories by ;); Google's own
    labels (« * myContacts », « * starred ») are not tags of the business."""
    parts = re.split(r"[,|;]|:::", text)
    return [p.strip() for p in parts if p.strip() and not p.strip().startswith("*")]


def parse_values_option(texts: list[str], headers: list[str], mapping: dict[str, int],
                        labels: dict[str, str]) -> dict[str, dict[str, object]]:
    """The --value "Colonne:valeur=nôtre" options as field -> {raw: value}. Colonne is the
    file's header, or the field (key or French label); ServiceError in French otherwise."""
    by_header = {key(headers[i]): f for f, i in mapping.items() if i < len(headers)}
    by_label = {key(label): f for f, label in labels.items()}
    by_label.update({key(f): f for f in labels})
    result: dict[str, dict[str, object]] = {}
    for text in texts:
        column, sep, rest = text.partition(":")
        raw, sep2, ours = rest.partition("=")
        if not sep or not sep2 or not column.strip():
            raise ServiceError(f"--value « {text} » : écrivez « Colonne:valeur=nôtre » (ex. "
                               "« Pays:Etats Unis=US »).")
        field = by_header.get(key(column)) or by_label.get(key(column))
        if field is None:
            raise ServiceError(f"--value « {text} » : la colonne « {column.strip()} » n'est "
                               "associée à aucun champ importé.")
        value = canonical_choice(field, ours) if field in VOCABULARY_FIELDS else ours.strip()
        result.setdefault(field, {})[raw.strip()] = value
    return result
