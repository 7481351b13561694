"""`rcdesk company show|set`: the company profile and the name letters are signed with."""

from __future__ import annotations

from pathlib import Path

# option -> profile field, for `company set`
OPTIONS = (("--name", "name", "nom de l'entreprise"),
           ("--country", "country", "FR ou MA (la devise et les jours fériés suivent)"),
           ("--legal-id", "legal_id", "SIRET (France) ou ICE (Maroc)"),
           ("--address", "address", "adresse (\\n pour changer de ligne)"),
           ("--postal-code", "postal_code", "code postal"),
           ("--city", "city", "ville"),
           ("--phone", "phone", "téléphone"),
           ("--email", "email", "e-mail"))


def register(groups) -> None:
    """Add `company show` and `company set`."""
    from rcdesk.cli.common import WRITES, _group

    sub = _group(groups.top, groups.common, "company",
                 "profil de l'entreprise (nom, pays, SIRET/ICE, adresse, signature des courriers)")
    p = sub.add_parser("show", parents=[groups.common], help="affiche le profil")
    p.set_defaults(func=cmd_show)
    p = sub.add_parser("set", parents=[groups.common],
                       help="change les champs donnés ; les autres restent")
    for option, _field, help_text in OPTIONS:
        p.add_argument(option, metavar="TEXTE", help=help_text)
    p.add_argument("--logo", metavar="FICHIER", help="logo PNG ou JPEG (2 Mo au plus)")
    p.add_argument("--signer", metavar="NOM",
                   help="nom de l'opérateur (--operator) tel qu'il signe les courriers ; "
                        "sans lui, les courriers sont signés du nom de l'entreprise")
    p.set_defaults(func=cmd_set, access=WRITES)


def cmd_show(args) -> int:
    from rcdesk.services.settings import COUNTRIES, format_phone, get_company, letter_signer

    c = get_company()
    rows = (("Nom", c.name or "(non renseigné : rcdesk company set --name …)"),
            ("Pays", COUNTRIES.get(c.country, c.country)), ("Devise", c.currency),
            ("SIRET" if c.country == "FR" else "ICE", c.legal_id),
            ("Adresse", c.address.replace("\n", ", ")),
            ("Code postal et ville", " ".join(p for p in (c.postal_code, c.city) if p)),
            ("Téléphone", format_phone(c.phone)), ("E-mail", c.email),
            ("Logo", "oui" if c.logo else "non"),
            ("Signature des courriers", letter_signer() or c.name or "(aucune)"))
    for label, value in rows:
        print(f"{label} : {value}")
    return 0


def cmd_set(args) -> int:
    from rcdesk.cli.common import CliError
    from rcdesk.services.settings import (
        DEFAULT_CURRENCY,
        current_operator,
        get_company,
        save_company,
        set_current_operator,
    )

    profile = get_company()
    changes = {field: getattr(args, field) for _option, field, _help in OPTIONS
               if getattr(args, field) is not None}
    if "address" in changes:
        changes["address"] = changes["address"].replace("\\n", "\n")
    if "country" in changes:
        changes["country"] = changes["country"].strip().upper()
        changes["currency"] = DEFAULT_CURRENCY.get(changes["country"], profile.currency)
    if args.logo:
        try:
            changes["logo"] = Path(args.logo).read_bytes()
        except OSError as exc:
            raise CliError(f"Le logo « {args.logo} » ne peut pas être lu : "
                           f"{exc.strerror or exc}.") from exc
    if not changes and args.signer is None:
        raise CliError("Rien à changer : donnez au moins une option (--name, --country, "
                       "--signer…).")
    if changes:
        save_company(profile.with_changes(**changes))
    if args.signer is not None:
        set_current_operator(current_operator(), args.signer)
    print("Profil de l'entreprise enregistré.")
    return 0
