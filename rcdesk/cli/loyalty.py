"""`rcdesk loyalty …` (programme, issue, card, purchase, redeem, use, renew, replace, merge,
adjust, expire, reminders, rebates) and the reports loyalty-cards, loyalty-letter, rebates."""

from __future__ import annotations


def register(groups) -> None:
    from rcdesk.cli.common import READS, WRITES, _group, add_import_command, add_report_command

    add_import_command(groups, "loyalty-balances", "reprend des soldes de points (carte papier, "
                       "autre logiciel) : une fois par carte", cmd_import_balances)

    sub = _group(groups.top, groups.common, "loyalty",
                 "fidélité : cartes, points, bons, relances", access=WRITES)

    def cmd(name, help_text, func, access=WRITES):
        p = sub.add_parser(name, parents=[groups.common], help=help_text)
        p.set_defaults(func=func, access=access)
        return p

    p = cmd("programme", "affiche le programme ; les options le modifient à partir d'une date",
            cmd_programme)
    for option, meta, text in (
            ("--points-per-unit", "N", "points par unité monétaire dépensée"),
            ("--threshold", "N", "points pour un bon"),
            ("--voucher-value", "X", "valeur d'un bon (12,50)"),
            ("--voucher-days", "N", "validité d'un bon en jours"),
            ("--card-months", "N", "validité d'une carte en mois"),
            ("--card-price", "X", "prix d'une carte (0 : gratuite)"),
            ("--warn-days", "N", "avertissement avant une expiration, en jours"),
            ("--grace-days", "N", "délai de grâce après l'expiration d'une carte, en jours"),
            ("--points-months", "N", "validité des points en mois"),
            ("--referrer-points", "N", "points du parrain"),
            ("--newcomer-points", "N", "points du filleul")):
        p.add_argument(option, metavar=meta, help=text)
    p.add_argument("--tiers", metavar="PALIERS",
                   help="paliers « nom:achats sur 12 mois:remise % » séparés par « ; »")
    p.add_argument("--rebate-period", choices=("quarter", "year"),
                   help="période de la ristourne")
    p.add_argument("--rebates", metavar="PALIERS",
                   help="paliers de ristourne « achats:taux % » séparés par « ; »")
    p.add_argument("--from", dest="date_from", metavar="DATE",
                   help="date d'effet des changements (défaut : aujourd'hui)")

    p = cmd("issue", "émet une carte pour un client (n°, e-mail ou identifiant de caisse)",
            cmd_issue)
    p.add_argument("customer", metavar="CLIENT")
    p.add_argument("--date", metavar="DATE")
    p.add_argument("--format", choices=("carte", "porte-clés"), default="carte")

    p = cmd("card", "la carte : solde, bons, points qui expirent, palier", cmd_card, READS)
    p.add_argument("card", metavar="NUMÉRO|TÉLÉPHONE")
    p.add_argument("--as-of", metavar="DATE", help="à cette date (défaut : aujourd'hui)")
    p.add_argument("--json", action="store_true", help="sortie JSON")

    p = cmd("purchase", "enregistre un achat (montant négatif : un retour)", cmd_purchase)
    p.add_argument("card", metavar="CARTE")
    p.add_argument("amount", metavar="MONTANT")
    p.add_argument("--date", metavar="DATE")
    p.add_argument("--reference", metavar="R", default="")

    p = cmd("redeem", "transforme des points en bon d'achat", cmd_redeem)
    p.add_argument("card", metavar="CARTE")
    p.add_argument("--date", metavar="DATE")

    p = cmd("use", "utilise un bon (une seule fois)", cmd_use)
    p.add_argument("code", metavar="CODE")
    p.add_argument("--date", metavar="DATE")
    p.add_argument("--reference", metavar="R", default="")

    p = cmd("renew", "renouvelle une carte (points et bons conservés)", cmd_renew)
    p.add_argument("card", metavar="CARTE")
    p.add_argument("--date", metavar="DATE")

    p = cmd("replace", "remplace une carte perdue (le solde passe sur le nouveau numéro)",
            cmd_replace)
    p.add_argument("card", metavar="CARTE")
    p.add_argument("--date", metavar="DATE")
    p.add_argument("--reason", metavar="MOTIF", default="carte perdue")

    p = cmd("merge", "fusionne deux cartes d'un même client", cmd_merge)
    p.add_argument("card", metavar="CARTE")
    p.add_argument("into", metavar="CARTE_GARDÉE")

    p = cmd("adjust", "ajuste un solde (motif obligatoire)", cmd_adjust)
    p.add_argument("card", metavar="CARTE")
    p.add_argument("points", metavar="POINTS")
    p.add_argument("--reason", metavar="MOTIF", default="")

    p = cmd("expire", "fait expirer les points échus (sans effet la deuxième fois)", cmd_expire)
    p.add_argument("--as-of", metavar="DATE")

    p = cmd("reminders", "liste « À relancer » ; --csv pour un publipostage", cmd_reminders,
            READS)
    p.add_argument("--as-of", metavar="DATE")
    p.add_argument("--csv", metavar="FICHIER", help="clients ayant consenti uniquement")
    p.add_argument("--force", action="store_true", help="remplacer le fichier s'il existe")

    p = cmd("grant-rebates", "enregistre les ristournes accordées pour une période",
            cmd_grant_rebates)
    p.add_argument("--from", dest="date_from", metavar="DATE", required=True)
    p.add_argument("--to", dest="date_to", metavar="DATE", required=True)

    p = cmd("profitability", "rentabilité du programme sur une période (M303 VI)",
            cmd_profitability, READS)
    p.add_argument("--from", dest="date_from", metavar="DATE")
    p.add_argument("--to", dest="date_to", metavar="DATE")

    p = add_report_command(groups, "loyalty-cards", "cartes de fidélité à imprimer (A4, "
                           "traits de coupe)", cmd_report_cards)
    p.add_argument("--customer", metavar="ID", action="append", required=True,
                   help="client (répétable)")
    p.add_argument("--format", choices=("carte", "porte-clés"), default=None,
                   help="défaut : le format de chaque carte")
    p = add_report_command(groups, "loyalty-letter", "lettre personnalisée : ce que le client "
                           "a et jusqu'à quand", cmd_report_letter)
    p.add_argument("card", metavar="CARTE")
    p.add_argument("--as-of", metavar="DATE")
    p = add_report_command(groups, "rebates", "ristournes d'une période (PDF ou CSV)",
                           cmd_report_rebates, output="FICHIER.pdf|.csv")
    p.add_argument("--from", dest="date_from", metavar="DATE", required=True)
    p.add_argument("--to", dest="date_to", metavar="DATE", required=True)


def _date(text):
    from rcdesk.cli.common import CliError
    from rcdesk.core.formatting import parse_user_date

    if not text:
        return None
    try:
        return parse_user_date(text)
    except ValueError as exc:
        raise CliError(str(exc)) from exc


def _int(text, what: str):
    from rcdesk.cli.common import CliError

    if text is None:
        return None
    try:
        return int(str(text).strip())
    except ValueError:
        raise CliError(f"{what} : nombre entier attendu, pas « {str(text)[:40]} ».") from None


def _money(text, what: str, allow_negative: bool = False):
    from rcdesk.cli.common import CliError
    from rcdesk.core.money import parse_money

    if text is None:
        return None
    try:
        return parse_money(text, allow_negative=allow_negative, field=what)
    except ValueError as exc:
        raise CliError(str(exc)) from exc


def _card(text):
    from rcdesk.services.loyalty.cards import find_card

    return find_card(text)


def _currency() -> str:
    from rcdesk.services.settings import get_company

    return get_company().currency


def cmd_programme(args) -> int:
    from rcdesk.core.formatting import format_date, format_money
    from rcdesk.core.loyalty import pct
    from rcdesk.services.loyalty.programme import programme_at, save_programme

    today = _date(args.date_from)
    from datetime import date

    when = today or date.today()
    changes = {
        "points_per_unit": _int(args.points_per_unit, "--points-per-unit"),
        "threshold_points": _int(args.threshold, "--threshold"),
        "voucher_value_cents": _money(args.voucher_value, "--voucher-value"),
        "voucher_days": _int(args.voucher_days, "--voucher-days"),
        "card_months": _int(args.card_months, "--card-months"),
        "card_price_cents": _money(args.card_price, "--card-price"),
        "warn_days": _int(args.warn_days, "--warn-days"),
        "grace_days": _int(args.grace_days, "--grace-days"),
        "points_months": _int(args.points_months, "--points-months"),
        "referrer_points": _int(args.referrer_points, "--referrer-points"),
        "newcomer_points": _int(args.newcomer_points, "--newcomer-points"),
    }
    from rcdesk.cli.common import CliError
    from rcdesk.core.loyalty import parse_brackets, parse_tiers

    try:
        changes["tiers"] = parse_tiers(args.tiers) if args.tiers is not None else None
        changes["brackets"] = parse_brackets(args.rebates) if args.rebates is not None else None
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    changes["rebate_period"] = args.rebate_period
    changes = {k: v for k, v in changes.items() if v is not None}
    p = programme_at(when)
    if changes:
        p = save_programme(p.with_changes(**changes), when)
        print(f"Programme modifié à partir du {format_date(when)}.")
    cur = _currency()
    print(f"Programme en vigueur le {format_date(when)} :")
    print(f"  {p.points_per_unit} point(s) par unité dépensée ({p.rounding})")
    print(f"  {p.threshold_points} points → un bon de {format_money(p.voucher_value_cents, cur)}"
          f", valable {p.voucher_days} jours")
    print(f"  carte valable {p.card_months} mois, prix {format_money(p.card_price_cents, cur)}")
    print(f"  avertissement {p.warn_days} jours avant une expiration ; délai de grâce "
          f"{p.grace_days} jours")
    print(f"  points valables {p.points_months} mois (les plus anciens expirent d'abord)")
    for t in p.tiers:
        print(f"  palier {t.name} : dès {format_money(t.min_spend_cents, cur)} sur 12 mois, "
              f"remise {pct(t.discount_pct)}")
    word = "trimestre" if p.rebate_period == "quarter" else "année"
    for b in p.brackets:
        print(f"  ristourne par {word} : dès {format_money(b.min_spend_cents, cur)}, "
              f"{pct(b.rate_pct)}")
    print(f"  parrainage : {p.referrer_points} points au parrain, {p.newcomer_points} au filleul")
    return 0


def cmd_issue(args) -> int:
    from rcdesk.services.loyalty.cards import find_customer, issue_card

    number = issue_card(find_customer(args.customer), _date(args.date), args.format)
    print(number)
    return 0


def cmd_card(args) -> int:
    from rcdesk.cli.common import print_json
    from rcdesk.core.formatting import format_date, format_money
    from rcdesk.core.loyalty import pct
    from rcdesk.services.loyalty.cards import card_view

    view = card_view(_card(args.card).id, _date(args.as_of))
    if args.json:
        print_json(view.as_json())
        return 0
    cur = _currency()
    print(f"Carte {view.number} — {view.customer}")
    print(f"  {view.status_label}, expire le {format_date(view.expires_on)}")
    print(f"  solde : {view.balance} points")
    for lot in view.lots:
        if lot.expires_on:
            print(f"    {lot.points} points expirent le {format_date(lot.expires_on)}")
    for v in view.vouchers:
        state = f"utilisé le {format_date(_iso(v['used']))}" if v["used"] else (
            f"valable jusqu'au {format_date(_iso(v['expires_on']))}")
        print(f"  bon {v['code']} de {format_money(round(v['value'] * 100), cur)} : {state}")
    if view.tier:
        print(f"  palier {view.tier} (remise {pct(view.tier_discount_pct)}), achats sur 12 mois "
              f"{format_money(view.spend_12m_cents, cur)}")
    if view.next_tier:
        print(f"  palier {view.next_tier} : encore {format_money(view.missing_cents, cur)}")
    if view.referrals:
        print(f"  filleuls : {', '.join(view.referrals)}")
    print(f"« {view.sentence} »")
    for warning in view.warnings:
        print(f"⚠ {warning}")
    return 0


def _iso(text):
    from datetime import date

    return date.fromisoformat(text)


def cmd_purchase(args) -> int:
    from rcdesk.services.loyalty.counter import record_purchase

    amount = _money(args.amount, "Montant", allow_negative=True)
    card = _card(args.card)
    result = record_purchase(card.id, amount, _date(args.date), args.reference)
    if result.points >= 0:
        print(f"Points gagnés : {result.points}")
    else:
        print(f"Points repris : {-result.points}")
    print(f"Solde : {result.balance} points")
    for message in result.messages:
        print(message)
    return 0


def cmd_redeem(args) -> int:
    from rcdesk.core.formatting import format_date, format_money
    from rcdesk.services.loyalty.counter import redeem

    voucher = redeem(_card(args.card).id, _date(args.date))
    print(voucher.code)
    print(f"Bon de {format_money(voucher.value_cents, _currency())} valable jusqu'au "
          f"{format_date(voucher.expires_on)}")
    return 0


def cmd_use(args) -> int:
    from rcdesk.core.formatting import format_money
    from rcdesk.services.loyalty.counter import use_voucher

    voucher = use_voucher(args.code, _date(args.date), args.reference)
    print(f"Bon {voucher.code} utilisé : {format_money(voucher.value_cents, _currency())} "
          "à déduire.")
    return 0


def cmd_renew(args) -> int:
    from rcdesk.core.formatting import format_date
    from rcdesk.services.loyalty.cards import renew_card

    card = _card(args.card)
    expires = renew_card(card.id, _date(args.date))
    print(f"Carte {card.number} renouvelée jusqu'au {format_date(expires)} (points et bons "
          "conservés).")
    return 0


def cmd_replace(args) -> int:
    from rcdesk.services.loyalty.cards import replace_card

    card = _card(args.card)
    number = replace_card(card.id, _date(args.date), args.reason)
    print(number)
    print(f"La carte {card.number} est bloquée ; solde et bons passés sur la carte {number}.")
    return 0


def cmd_merge(args) -> int:
    from rcdesk.services.loyalty.cards import merge_cards

    source, target = _card(args.card), _card(args.into)
    moved = merge_cards(source.id, target.id)
    print(f"Carte {source.number} fusionnée dans la carte {target.number} ({moved} points).")
    return 0


def cmd_adjust(args) -> int:
    from rcdesk.services.loyalty.ledger import adjust

    card = _card(args.card)
    adjust(card.id, _int(args.points, "POINTS"), args.reason)
    print(f"Solde ajusté ; carte {card.number}.")
    return 0


def cmd_expire(args) -> int:
    from rcdesk.services.loyalty.counter import run_expiry

    result = run_expiry(_date(args.as_of))
    print(f"Points expirés : {result.points} sur {result.cards} carte(s).")
    print(f"Points du délai de grâce repris (carte non renouvelée) : {result.grace_points} sur "
          f"{result.grace_cards} carte(s).")
    return 0


def cmd_reminders(args) -> int:
    from rcdesk.core.formatting import format_date
    from rcdesk.services.loyalty.reminders import reminders, write_reminders_csv

    rows = reminders(_date(args.as_of))
    if args.csv:
        from rcdesk.cli.common import CliError
        from rcdesk.core.files import OutputExists

        try:
            result = write_reminders_csv(rows, args.csv, overwrite=args.force)
        except OutputExists as exc:
            raise CliError(f"Le fichier « {exc.path} » existe déjà : ajoutez --force pour le "
                           "remplacer.") from exc
        print(f"Fichier de relance enregistré : {result.path} ({result.written} client(s) ; "
              f"{result.without_consent} sans consentement non exporté(s))")
        return 0
    if not rows:
        print("Personne à relancer.")
    for r in rows:
        due = format_date(r.due) if r.due.year < 9999 else "—"
        print(f"{due}  {r.number}  {r.customer} : {r.text}")
    return 0


def cmd_grant_rebates(args) -> int:
    from rcdesk.cli.common import parse_period
    from rcdesk.services.loyalty.rebates import grant_rebates

    count = grant_rebates(parse_period(args))
    print(f"Ristournes enregistrées : {count}")
    return 0


def cmd_report_cards(args) -> int:
    from rcdesk.cli.common import write_report
    from rcdesk.reports.loyalty_cards import write_cards_pdf
    from rcdesk.services.loyalty.cards import customer_cards, find_customer

    cards = []
    for text in args.customer:
        cards += [c.id for c in customer_cards(find_customer(text)) if c.status != "blocked"]
    write_report(args, lambda path, overwrite: write_cards_pdf(
        cards, path, overwrite=overwrite, fmt=args.format), "Cartes enregistrées")
    return 0


def cmd_report_letter(args) -> int:
    from rcdesk.cli.common import write_report
    from rcdesk.reports.loyalty_letter import write_letter

    card = _card(args.card)
    as_of = _date(args.as_of)
    write_report(args, lambda path, overwrite: write_letter(
        [card.id], path, as_of=as_of, overwrite=overwrite), "Lettre enregistrée")
    return 0


def cmd_report_rebates(args) -> int:
    from rcdesk.cli.common import parse_period, write_report
    from rcdesk.reports.rebates import write_rebates
    from rcdesk.services.loyalty.rebates import rebate_lines, write_rebates_csv

    period = parse_period(args)
    lines = rebate_lines(period)
    if str(args.output).lower().endswith(".csv"):
        write_report(args, lambda path, overwrite: write_rebates_csv(
            lines, path, overwrite=overwrite), "Ristournes enregistrées")
    else:
        write_report(args, lambda path, overwrite: write_rebates(
            lines, period, path, overwrite=overwrite), "Ristournes enregistrées")
    return 0


def cmd_profitability(args) -> int:
    from rcdesk.cli.common import parse_period
    from rcdesk.core.formatting import format_money, format_percent
    from rcdesk.services.loyalty.figures import profitability

    r = profitability(parse_period(args))
    cur = _currency()
    lines = [
        ("CA des porteurs de carte", format_money(r.holders_revenue_cents, cur),
         f"{r.holders} client(s), {format_money(r.holder_average_cents, cur)} chacun"),
        ("CA des autres clients", format_money(r.others_revenue_cents, cur),
         f"{r.others} client(s), {format_money(r.other_average_cents, cur)} chacun"),
        ("CA supplémentaire", format_money(r.extra_revenue_cents, cur),
         "écart de CA moyen × porteurs"),
        ("Bons utilisés", format_money(r.vouchers_cost_cents, cur), "coût"),
        ("Remises des paliers", format_money(r.discounts_cents, cur), "coût"),
        ("Ristournes accordées", format_money(r.rebates_cents, cur), "coût"),
        ("Prix des cartes", format_money(r.cards_income_cents, cur), "recette"),
        ("Coût net du programme", format_money(r.costs_cents, cur), ""),
        ("Différentiel", format_money(r.balance_cents, cur), "CA supplémentaire − coût net"),
        ("Rétention porteurs / autres", f"{format_percent(r.holders_retention_pct)} / "
         f"{format_percent(r.others_retention_pct)}", ""),
        ("Attrition porteurs / autres", f"{format_percent(r.holders_attrition_pct)} / "
         f"{format_percent(r.others_attrition_pct)}", ""),
    ]
    for label, value, note in lines:
        print(f"{label:<30} {value:>18}  {note}".rstrip())
    return 0


def cmd_import_balances(args) -> int:
    from rcdesk.cli.common import EXIT_FOUND, EXIT_OK, file_format
    from rcdesk.services.loyalty.opening import import_opening_balances

    result = import_opening_balances(args.file, file_format(args), dry_run=args.dry_run)
    print(("Simulation : " if result.dry_run else "") + result.summary())
    if result.rejects_path:
        print(f"Lignes rejetées : {result.rejects_path}")
    return EXIT_FOUND if result.rejected else EXIT_OK
