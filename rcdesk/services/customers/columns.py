"""The column names other tools write, and how a file's header is matched to an import field.

Odoo (technical names, their /id and :id forms, and the labels of an export or of its
contacts import template), Dolibarr (the import template's « Label (s.xxx) » headers: the
technical name in brackets decides, whatever the label's language), SuiteCRM / EspoCRM,
Google Contacts (old and new CSV) and Outlook CSV (English and French). The French and
English generic names stay in imports._ALIASES; these come after them."""

from __future__ import annotations

import re

from rcdesk.core.text import fold

# Import fields besides the customer's own (CUSTOMER_FIELDS): what the rows of other tools
# carry and rcdesk files elsewhere.
EXTRA_FIELDS = {
    "parent": "Société rattachée (contact de)",
    "role": "Fonction (contact)",
    "address2": "Complément d'adresse",
    "active": "Actif (non : ancien client)",
    "vat": "N° de TVA (gardé dans les notes)",
}

TOOL_ALIASES = {
    "external_id": ["id", "ID", "External ID", "s.code_client", "Customer code", "ref",
                    "Internal Reference", "sp.rowid", "s.rowid"],
    "kind": ["is_company", "Is a Company", "Est une société", "company_type", "Company Type",
             "Type de société", "s.fk_typent", "Third party type", "Type de tiers",
             "Account Type"],
    "status": ["s.client", "customer_rank", "Customer Rank", "Lead Status", "Statut de la piste",
               "Status", "customer", "Is a Customer", "Est un client"],
    "active": ["active", "Active", "Actif", "s.status", "sp.statut"],
    "civility": ["Salutation", "Name Prefix", "sp.civility", "s.civility", "Civility",
                 "Titre de civilité"],
    "first_name": ["First Name", "Given Name", "sp.firstname", "Prénom"],
    "last_name": ["Last Name", "Family Name", "sp.lastname", "Nom de famille"],
    "company_name": ["s.nom", "Company", "Company Name", "Organization Name",
                     "Organization 1 - Name", "Société", "Account"],
    "parent": ["parent_id", "parent_id/id", "parent_id:id", "parent_id/.id", "Related Company",
               "Related Company/External ID", "Related Company/ID", "Société liée",
               "Entreprise liée", "Account Name", "Nom du compte", "sp.fk_soc", "s.parent",
               "Parent company", "Société mère", "Account Name/ID"],
    "role": ["function", "Job Position", "Job Title", "Organization Title",
             "Organization 1 - Title", "sp.poste", "Fonction", "Poste"],
    "email": ["email", "Email", "E-mail Address", "Email Address", "E-mail 1 - Value",
              "s.email", "sp.email", "Adresse de messagerie", "Primary Email",
              "Adresse e-mail"],
    "email2": ["E-mail 2 Address", "E-mail 2 - Value", "Non Primary E-mails",
               "Adresse de messagerie 2", "Other Email"],
    "phone": ["phone", "Phone", "Office Phone", "Business Phone", "Phone 1 - Value", "s.phone",
              "sp.phone", "Work Phone", "Téléphone (bureau)", "Primary Phone",
              "Téléphone bureau"],
    "phone2": ["mobile", "Mobile", "Mobile Phone", "Phone 2 - Value", "Home Phone",
               "sp.phone_mobile", "sp.phone_perso", "Téléphone mobile", "Téléphone (domicile)",
               "Other Phone", "s.phone_mobile"],
    "address": ["street", "Street", "Primary Address Street", "Address 1 - Street",
                "Business Street", "Home Street", "s.address", "sp.address", "Rue (bureau)",
                "Rue (domicile)", "Billing Street", "Address Street"],
    "address2": ["street2", "Street2", "Street 2", "Address 1 - Extended Address",
                 "Address 1 - PO Box", "Primary Address Street 2", "Complément d'adresse",
                 "Business Street 2", "Home Street 2", "Rue (bureau) 2", "Rue (domicile) 2"],
    "postal_code": ["zip", "Zip", "Primary Address Postal Code", "Address 1 - Postal Code",
                    "Business Postal Code", "Home Postal Code", "s.zip", "sp.zip",
                    "Code postal (bureau)", "Code postal (domicile)", "Billing Postal Code",
                    "Address Postal Code"],
    "city": ["city", "Primary Address City", "Address 1 - City", "Business City", "Home City",
             "s.town", "sp.town", "Ville (bureau)", "Ville (domicile)", "Billing City",
             "Address City"],
    "region": ["state_id", "state_id/id", "State", "Primary Address State", "Address 1 - Region",
               "Business State", "Home State", "s.fk_departement", "sp.fk_departement",
               "Billing State", "Dép./Région (bureau)", "Dép./Région (domicile)",
               "Address State"],
    "country": ["country_id", "country_id/id", "country_id:id", "country_code", "Country",
                "Primary Address Country", "Address 1 - Country", "Business Country/Region",
                "Home Country/Region", "s.fk_pays", "sp.fk_pays", "Pays/Région (bureau)",
                "Pays/Région (domicile)", "Billing Country", "Address Country"],
    "vat": ["vat", "VAT", "Tax ID", "N° TVA", "Numéro de TVA", "TVA intracommunautaire",
            "s.tva_intra", "VAT number", "Code TVA"],
    "legal_id": ["s.siret", "s.idprof2", "company_registry", "Company ID"],
    "birth_date": ["Birthday", "Birthdate", "sp.birthday", "Anniversaire", "Date of Birth"],
    "notes": ["comment", "Notes", "Description", "s.note_private", "s.note_public",
              "sp.note_private", "sp.note_public", "Remarques"],
    "segments": ["category_id", "category_id/id", "Tags", "Labels", "Group Membership",
                 "Categories", "Catégories", "Étiquettes"],
    "source": ["Lead Source", "Origine de la piste", "s.fk_prospectlevel"],
    "consent": ["Opt In", "Accepte les e-mails"],
}
# Headers read only when the first choice of field is free: "Name" is Odoo's one name column
# (a person's or a company's) but beside "First Name"/"Last Name" (SuiteCRM, Google) it is
# their join; "Title" is Outlook's civility but SuiteCRM's job title.
WEAK_ALIASES = {"name": ("last_name",), "title": ("civility", "role"), "nom": ("last_name",)}
# A second column of the same kind goes to the field's second slot.
SECOND_SLOT = {"phone": "phone2", "email": "email2"}

# Columns of those tools recognised but not imported, with the reason the summary gives
# (never mapped by a prefix either: « Email Opt Out » is not a second e-mail).
KNOWN_UNUSED = {
    "emailoptout": "refus des e-mails : le consentement n'est pas importé d'un refus",
    "donotcall": "ne pas appeler : à noter à la main si besoin",
    "optout": "refus des e-mails : le consentement n'est pas importé d'un refus",
    "snamealias": "nom commercial (Dolibarr), non importé",
    "sfournisseur": "fournisseur (Dolibarr), non importé",
    "emailtype": "type d'adresse (Outlook), non importé",
    "emaildisplayname": "nom affiché (Outlook), non importé",
}

_TECHNICAL = re.compile(r"\(\s*([a-z_]+\.[a-z_0-9]+)\s*\)\s*\*?\s*$")


def column_key(header) -> str:
    """A header's comparison key; a Dolibarr template header « Name* (s.nom) » is keyed by its
    technical name (« snom »), so that a French or English label reads the same."""
    text = str(header or "")
    match = _TECHNICAL.search(text)
    if match:
        text = match.group(1)
    return re.sub(r"[^a-z0-9]", "", fold(text))


def _table(lookup: dict[str, str]) -> dict[str, str]:
    table = dict(lookup)
    for name, words in TOOL_ALIASES.items():
        for word in words:
            table.setdefault(column_key(word), name)
    for word in WEAK_ALIASES:
        table.pop(word, None)
    return table


PHONES = ("phone", "phone2")
EMAILS = ("email", "email2")


def fallbacks(headers: list[str], mapping: dict[str, int],
              lookup: dict[str, str]) -> dict[str, list[int]]:
    """field -> the other columns of the same kind, read when the mapped one is empty on a
    row: Outlook's « Home Street » when « Business Street » is blank, its « Mobile Phone »
    beside « Business Phone » and « Home Phone ». Phones (and e-mails) form one pool: every
    number of the row is kept, the third and later ones in the notes."""
    table = _table(lookup)
    used = set(mapping.values())
    result: dict[str, list[int]] = {}
    for index, header in enumerate(headers):
        if index in used:
            continue
        name = table.get(column_key(header))
        if name in PHONES and any(p in mapping for p in PHONES):
            name = "phone" if "phone" in mapping else "phone2"
        elif name in EMAILS and any(e in mapping for e in EMAILS):
            name = "email" if "email" in mapping else "email2"
        if name in mapping:
            result.setdefault(name, []).append(index)
    return result


def guess(headers: list[str], lookup: dict[str, str]) -> dict[str, int]:
    """field -> column index. lookup: key -> field of the generic names (French, English,
    the import's own labels); the tools' names come after them, the weak ones last, then a
    header starting with a known name ("Tél. portable")."""
    table = _table(lookup)
    keys = [column_key(h) for h in headers]
    mapping: dict[str, int] = {}
    for index, k in enumerate(keys):
        name = table.get(k)
        if name is None:
            continue
        if name in mapping:
            name = SECOND_SLOT.get(name)
        if name and name not in mapping:
            mapping[name] = index
    used = set(mapping.values())
    for index, k in enumerate(keys):
        if index in used or k not in WEAK_ALIASES:
            continue
        for name in WEAK_ALIASES[k]:
            if name not in mapping:
                mapping[name] = index
                used.add(index)
                break
    for index, k in enumerate(keys):  # "Tél. portable", "Nom du client": by prefix
        if index in used or k in table or k in WEAK_ALIASES or k in KNOWN_UNUSED:
            continue
        prefixes = [w for w in table if len(w) >= 3 and k.startswith(w)]
        if prefixes:
            name = table[max(prefixes, key=len)]
            if name in mapping:
                name = SECOND_SLOT.get(name)
            if name and name not in mapping:
                mapping[name] = index
                used.add(index)
    if "phone2" in mapping and "phone" not in mapping:
        mapping["phone"] = mapping.pop("phone2")
    if "email2" in mapping and "email" not in mapping:
        mapping["email"] = mapping.pop("email2")
    return mapping


def parse_map_option(texts: list[str], headers: list[str], mapping: dict[str, int],
                     fields: dict[str, str]) -> dict[str, int]:
    """The mapping with the --map "En-tête=champ" options applied: champ is a field's key or
    French label, empty to ignore the column. ServiceError (French) for an unknown header or
    field."""
    from rcdesk.core.errors import ServiceError

    by_key = {column_key(f): f for f in fields}
    by_key.update({column_key(label): f for f, label in fields.items()})
    positions = {column_key(h): i for i, h in enumerate(headers)}
    positions.update({str(h).strip(): i for i, h in enumerate(headers)})
    mapping = dict(mapping)
    for text in texts:
        header, sep, field = text.rpartition("=")
        if not sep:
            raise ServiceError(f"--map « {text} » : écrivez « En-tête=champ » (ex. "
                               "« Portable=phone2 » ou « Portable=Téléphone 2 »).")
        index = positions.get(header.strip(), positions.get(column_key(header)))
        if index is None:
            raise ServiceError(f"--map « {text} » : le fichier n'a pas de colonne "
                               f"« {header.strip()} ».")
        mapping = {k: v for k, v in mapping.items() if v != index}
        if not field.strip():
            continue  # "En-tête=": the column is ignored
        name = by_key.get(column_key(field))
        if name is None:
            names = ", ".join(fields)
            raise ServiceError(f"--map « {text} » : champ inconnu « {field.strip()} » "
                               f"(champs : {names}).")
        mapping[name] = index
    return mapping
