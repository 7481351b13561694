"""Company profile, business settings and operators: read, validate, save."""

from __future__ import annotations

import functools
import getpass
import json
import re
from dataclasses import dataclass, field, replace
from typing import Any

from rcdesk.core.errors import ServiceError, StaleRecordError, ValidationError
from rcdesk.core.text import clean_text
from rcdesk.models.base import utcnow, write_transaction
from rcdesk.models.settings import Company, Setting, User
from rcdesk.services.versions import changes, save_version

COUNTRIES = {"FR": "France", "MA": "Maroc"}
CURRENCIES = {"EUR": "€", "MAD": "DH"}
DEFAULT_CURRENCY = {"FR": "EUR", "MA": "MAD"}
MAX_LOGO_BYTES = 2 * 1024 * 1024
LOGO_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")


@dataclass(frozen=True)
class CompanyProfile:
    name: str = ""
    legal_id: str = ""
    address: str = ""
    postal_code: str = ""
    city: str = ""
    phone: str = ""
    email: str = ""
    logo: bytes | None = field(default=None, repr=False)
    country: str = "FR"
    currency: str = "EUR"
    complaint_deadline_days: int = 5
    version: int | None = None  # what was read; a save from an older one is refused

    @property
    def currency_symbol(self) -> str:
        return CURRENCIES.get(self.currency, self.currency)

    def with_changes(self, **changes: Any) -> "CompanyProfile":
        return replace(self, **changes)


_FIELDS = [f for f in CompanyProfile.__dataclass_fields__ if f != "version"]

# What a stale save's message calls each field of the profile (the dialog's labels).
FIELD_LABELS = {
    "name": "Nom de l'entreprise", "country": "Pays", "legal_id": "SIRET / ICE",
    "address": "Adresse", "postal_code": "Code postal", "city": "Ville", "phone": "Téléphone",
    "email": "E-mail", "currency": "Devise",
    "complaint_deadline_days": "Délai de réponse aux réclamations", "logo": "Logo",
}
_SHOW = {"phone": lambda v: format_phone(v or "") or "vide",
         "country": lambda v: COUNTRIES.get(v, v or "vide"),
         "complaint_deadline_days": lambda v: f"{v} jours ouvrés",
         "logo": lambda v: "une image" if v else "aucun"}


def get_company() -> CompanyProfile:
    row = Company.get_or_none(Company.id == 1)
    if row is None:
        return CompanyProfile()
    values = {name: getattr(row, name) for name in _FIELDS}
    if values["logo"] is not None:
        values["logo"] = bytes(values["logo"])
    return CompanyProfile(**values, version=row.version)


def validate_company(profile: CompanyProfile) -> CompanyProfile:
    """The profile normalised (legal id digits, E.164 phone, normalised e-mail).

    Raises ValidationError naming the first wrong field."""
    profile = profile.with_changes(**{
        name: clean_text(getattr(profile, name), multiline=name == "address")
        for name in ("name", "legal_id", "phone", "email", "address", "postal_code", "city")})
    name = profile.name.strip()
    if not name:
        raise ValidationError("name", "Le nom de l'entreprise est obligatoire.")
    if profile.country not in COUNTRIES:
        raise ValidationError("country", "Le pays doit être la France (FR) ou le Maroc (MA).")
    if profile.currency not in CURRENCIES:
        raise ValidationError("currency", "La devise doit être l'euro (EUR) ou le dirham (MAD).")
    legal_id = normalise_legal_id(profile.legal_id, profile.country)
    phone = normalise_phone(profile.phone, profile.country) if profile.phone.strip() else ""
    email = normalise_email(profile.email) if profile.email.strip() else ""
    deadline = profile.complaint_deadline_days
    if isinstance(deadline, bool) or not isinstance(deadline, int) or not 1 <= deadline <= 60:
        raise ValidationError("complaint_deadline_days",
                              "Le délai de réponse doit être un nombre de jours ouvrés entre 1 et 60.")
    if profile.logo is not None:
        check_logo(profile.logo)
    return profile.with_changes(
        name=name, legal_id=legal_id, phone=phone, email=email,
        address=profile.address.strip(), postal_code=profile.postal_code.strip(),
        city=profile.city.strip(),
    )


def save_company(profile: CompanyProfile, *, overwrite: bool = False,
                 original: CompanyProfile | None = None) -> CompanyProfile:
    """Validate and store the profile; returns it as stored (normalised, its new version).

    profile.version: the version the dialog started from (None: not checked); when the
    profile changed since, StaleRecordError lists what changed since original (the profile the
    dialog loaded) and nothing is written; overwrite=True saves over it knowingly."""
    clean = validate_company(profile)
    values = {name: getattr(clean, name) for name in _FIELDS}
    with write_transaction():
        if not save_version(Company, 1, profile.version, {**values, "updated_at": utcnow()},
                            overwrite=overwrite):
            current = get_company()
            if current.version is not None:  # the row is there: it changed since
                raise StaleRecordError("Le profil de l'entreprise", changes(
                    FIELD_LABELS, original or clean, current, show=_SHOW), current)
            Company.insert(id=1, updated_at=utcnow(), **values).execute()
        version = Company.select(Company.version).where(Company.id == 1).scalar()
    return clean.with_changes(version=version)


def normalise_legal_id(value: str, country: str) -> str:
    """SIRET (14 digits, Luhn) in France, ICE (15 digits) in Morocco; "" stays ""."""
    from stdnum.fr import siret  # imported here: the window starts faster without it
    from stdnum.ma import ice

    digits = re.sub(r"[\s.\-]", "", value or "")
    if not digits:
        return ""
    if country == "FR":
        if not siret.is_valid(digits):
            raise ValidationError("legal_id", "Le SIRET doit comporter 14 chiffres valides "
                                  "(clé de contrôle incorrecte ou caractères invalides).")
    elif not (digits.isdigit() and len(digits) == 15):
        raise ValidationError("legal_id", "L'ICE doit comporter exactement 15 chiffres.")
    elif not ice.is_valid(digits):
        raise ValidationError("legal_id", "L'ICE n'est pas valide : sa clé de contrôle (les deux "
                              "derniers chiffres) ne correspond pas ; vérifiez la saisie.")
    return digits


def normalise_phone(value: str, country: str) -> str:
    """A phone number in E.164 form, read with the company's country as default region."""
    import phonenumbers

    try:
        number = phonenumbers.parse(value, country)
    except phonenumbers.NumberParseException as exc:
        raise ValidationError("phone", "Numéro de téléphone illisible.") from exc
    if not phonenumbers.is_valid_number(number):
        text = value.strip()
        hint = ""
        if not text.startswith(("+", "00")):  # read as a number of that country
            from babel import Locale

            name = Locale("fr").territories.get((country or "").upper(), country)
            hint = (f" (pays : {name}) ; un numéro d'un autre pays s'écrit avec son indicatif, "
                    "ex. +32 470 12 34 56")
        raise ValidationError("phone", f"Le numéro « {text} » n'est pas un numéro valide{hint}.")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(e164: str, home: str | None = None) -> str:
    """core.phones.format_phone with the company's country as home (read when not given):
    a number of that country as people there write it (06 12 34 56 78), any other in
    international form (+212 6 61 23 45 67, +32 470 12 34 56)."""
    if not e164:
        return ""
    from rcdesk.core.phones import format_phone as show

    return show(e164, home or get_company().country)


@functools.cache
def _email_validator():
    """email-validator, imported on first use (not at start-up), once (an import checks
    100,000 e-mails: a function-level import each time costs ~0.2 s)."""
    from email_validator import EmailNotValidError, validate_email

    return EmailNotValidError, validate_email


def normalise_email(value: str) -> str:
    EmailNotValidError, validate_email = _email_validator()  # noqa: N806 - the class
    try:
        return validate_email(value.strip(), check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise ValidationError("email", f"Adresse e-mail invalide : « {value.strip()} ».") from exc


def check_logo(data: bytes) -> None:
    if len(data) > MAX_LOGO_BYTES:
        raise ValidationError("logo", "Le logo dépasse 2 Mo : choisissez une image plus légère.")
    if not data.startswith(LOGO_MAGIC):
        raise ValidationError("logo", "Le logo doit être une image PNG ou JPEG.")


# --- key-value settings -------------------------------------------------------------------


def get_setting(key: str, default: Any = None) -> Any:
    row = Setting.get_or_none(Setting.key == key)
    return default if row is None else json.loads(row.value)


def set_setting(key: str, value: Any) -> None:
    text = json.dumps(value, ensure_ascii=False)
    with write_transaction():
        Setting.insert(key=key, value=text).on_conflict(
            conflict_target=[Setting.key], update={Setting.value: text}
        ).execute()


# --- operators ----------------------------------------------------------------------------

_current_operator: str | None = None


def default_login() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some sandboxes
        return "opérateur"


def current_operator() -> str:
    """Who is working now: every timeline, ledger and audit entry records this login."""
    return _current_operator or default_login()


def _checked_login(login: str) -> str:
    login = clean_text(login, multiline=False).strip()
    if not login:
        raise ValidationError("login", "Le nom de l'opérateur est obligatoire.")
    if len(login) > 100:
        raise ValidationError("login", "Le nom de l'opérateur dépasse 100 caractères.")
    return login


def use_operator(login: str) -> str:
    """Make login the current operator of this session without writing anything: what a
    command that only reads, or a read-only database, does (the row is made by the first
    session that writes as them, with set_current_operator)."""
    global _current_operator
    _current_operator = _checked_login(login)
    return _current_operator


def set_current_operator(login: str, display_name: str | None = None) -> str:
    """Make login the current operator (created if new). display_name, when given, is how
    letters sign for them ("Sophie Martin"); empty means the login itself."""
    global _current_operator
    login = _checked_login(login)
    if display_name is not None:
        display_name = checked_display_name(display_name)
    with write_transaction():
        ensure_operator(login)
        if display_name is not None:
            User.update(display_name=display_name or login).where(User.login == login).execute()
    _current_operator = login
    return login


def checked_display_name(display_name: str) -> str:
    """An operator's name as letters sign it, cleaned; refused over 100 characters."""
    display_name = clean_text(display_name, multiline=False).strip()
    if len(display_name) > 100:
        raise ValidationError("display_name", "Le nom affiché dépasse 100 caractères.")
    return display_name


def ensure_operator(login: str, display_name: str = "") -> None:
    User.insert(login=login, display_name=display_name or login).on_conflict_ignore().execute()


def operator_name(login: str) -> str:
    """The operator's display name (Sophie Martin) for letters and screens, else the login."""
    row = User.get_or_none(User.login == login)
    return (row.display_name or login) if row else login


def operator_names() -> dict[str, str]:
    """login -> display name of every operator: what screens and exports show in « Par »
    columns and timelines instead of logins (a login with no name shows as itself)."""
    return {login: name or login for login, name in
            User.select(User.login, User.display_name).tuples()}


def list_operators() -> list[str]:
    return [row[0] for row in User.select(User.login).order_by(User.login).tuples()]


# --- first run and letters ----------------------------------------------------------------


def needs_first_run(profile: CompanyProfile | None = None) -> bool:
    """True while the company has no name: the window offers its short set-up."""
    return not (profile or get_company()).name.strip()


def letter_signer(login: str | None = None) -> str:
    """The person who signs a letter: the operator's name as given for letters ("Sophie
    Martin"); "" when none was given, and a letter then signs with the company alone. A
    login is never printed on a letter."""
    login = login or current_operator()
    row = User.get_or_none(User.login == login)
    name = (row.display_name or "").strip() if row is not None else ""
    return "" if name == login else name


def check_letters_ready(profile: CompanyProfile | None = None) -> CompanyProfile:
    """The profile a letter is printed with; ServiceError saying what to fill in when the
    company has no name (a letter from « Entreprise sans nom » is never produced)."""
    profile = profile or get_company()
    if needs_first_run(profile):
        raise ServiceError(
            "Un courrier porte le nom de l'entreprise, qui n'est pas encore renseigné : "
            "indiquez au moins le nom (et l'adresse, le téléphone, l'e-mail) dans Fichier ▸ "
            "Paramètres de l'entreprise, puis relancez le courrier.")
    return profile
