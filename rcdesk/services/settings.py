"""Company profile, business settings and operators: read, validate, save."""

from __future__ import annotations

import getpass
import json
import re
from dataclasses import dataclass, field, replace
from typing import Any

from rcdesk.core.errors import ValidationError
from rcdesk.core.text import clean_text
from rcdesk.models.base import database_proxy, utcnow
from rcdesk.models.settings import Company, Setting, User

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

    @property
    def currency_symbol(self) -> str:
        return CURRENCIES.get(self.currency, self.currency)

    def with_changes(self, **changes: Any) -> "CompanyProfile":
        return replace(self, **changes)


_FIELDS = [f for f in CompanyProfile.__dataclass_fields__]


def get_company() -> CompanyProfile:
    row = Company.get_or_none(Company.id == 1)
    if row is None:
        return CompanyProfile()
    values = {name: getattr(row, name) for name in _FIELDS}
    if values["logo"] is not None:
        values["logo"] = bytes(values["logo"])
    return CompanyProfile(**values)


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


def save_company(profile: CompanyProfile) -> CompanyProfile:
    clean = validate_company(profile)
    values = {name: getattr(clean, name) for name in _FIELDS}
    with database_proxy.atomic():
        Company.insert(id=1, updated_at=utcnow(), **values).on_conflict(
            conflict_target=[Company.id],
            update={**{getattr(Company, k): v for k, v in values.items()},
                    Company.updated_at: utcnow()},
        ).execute()
    return clean


def normalise_legal_id(value: str, country: str) -> str:
    """SIRET (14 digits, Luhn) in France, ICE (15 digits) in Morocco; "" stays ""."""
    from stdnum.fr import siret  # imported here: the window starts faster without it

    digits = re.sub(r"[\s.\-]", "", value or "")
    if not digits:
        return ""
    if country == "FR":
        if not siret.is_valid(digits):
            raise ValidationError("legal_id", "Le SIRET doit comporter 14 chiffres valides "
                                  "(clé de contrôle incorrecte ou caractères invalides).")
    elif not (digits.isdigit() and len(digits) == 15):
        raise ValidationError("legal_id", "L'ICE doit comporter exactement 15 chiffres.")
    return digits


def normalise_phone(value: str, country: str) -> str:
    """A phone number in E.164 form, read with the company's country as default region."""
    import phonenumbers

    try:
        number = phonenumbers.parse(value, country)
    except phonenumbers.NumberParseException as exc:
        raise ValidationError("phone", "Numéro de téléphone illisible.") from exc
    if not phonenumbers.is_valid_number(number):
        raise ValidationError("phone", f"Le numéro « {value.strip()} » n'est pas un numéro valide.")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(e164: str) -> str:
    """+33612345678 -> "06 12 34 56 78" for a French number, international otherwise."""
    if not e164:
        return ""
    import phonenumbers

    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def normalise_email(value: str) -> str:
    from email_validator import EmailNotValidError, validate_email

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


def set_current_operator(login: str, display_name: str | None = None) -> str:
    """Make login the current operator (created if new). display_name, when given, is how
    letters sign for them ("Sophie Martin"); empty means the login itself."""
    global _current_operator
    login = clean_text(login, multiline=False).strip()
    if not login:
        raise ValidationError("login", "Le nom de l'opérateur est obligatoire.")
    if len(login) > 100:
        raise ValidationError("login", "Le nom de l'opérateur dépasse 100 caractères.")
    if display_name is not None:
        display_name = clean_text(display_name, multiline=False).strip()
        if len(display_name) > 100:
            raise ValidationError("display_name", "Le nom affiché dépasse 100 caractères.")
    with database_proxy.atomic():
        ensure_operator(login)
        if display_name is not None:
            User.update(display_name=display_name or login).where(User.login == login).execute()
    _current_operator = login
    return login


def ensure_operator(login: str, display_name: str = "") -> None:
    User.insert(login=login, display_name=display_name or login).on_conflict_ignore().execute()


def operator_name(login: str) -> str:
    """The operator's display name (Sophie Martin) for letters and screens, else the login."""
    row = User.get_or_none(User.login == login)
    return (row.display_name or login) if row else login


def list_operators() -> list[str]:
    return [row[0] for row in User.select(User.login).order_by(User.login).tuples()]
