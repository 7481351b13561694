"""Sub-commands of the assessment area: `assess`, `org`, `report maturity`."""

from __future__ import annotations


def register(groups) -> None:
    """Add this area's commands to groups.top / import_ / export / report."""
    from rcdesk.cli.common import WRITES, add_report_command

    p = groups.top.add_parser(
        "assess", parents=[groups.common],
        help="enregistrer une auto-évaluation de maturité (8 notes de 0 à 10)")
    p.add_argument("--org", metavar="NOM", default=None,
                   help="organisation évaluée (défaut : votre entreprise ; un nouveau nom la crée)")
    p.add_argument("--scores", required=True, metavar="N,N,N,N,N,N,N,N",
                   help="les 8 notes dans l'ordre des thèmes, par exemple 7,5,6,8,4,6,7,5")
    p.add_argument("--date", metavar="DATE", default=None, help="date de l'évaluation (défaut : "
                                                               "aujourd'hui, JJ/MM/AAAA)")
    p.add_argument("--assessor", metavar="NOM", default="",
                   help="évaluateur (défaut : l'opérateur)")
    p.set_defaults(func=cmd_assess, access=WRITES)

    p = add_report_command(groups, "maturity", "diagnostic de maturité PDF d'une auto-évaluation",
                           cmd_report_maturity)
    p.add_argument("id", type=int, metavar="ID", help="numéro de l'évaluation")

    org = groups.top.add_parser("org", parents=[groups.common],
                                help="organisations évaluées : lister, renommer, supprimer")
    sub = org.add_subparsers(dest="what", metavar="ACTION", required=True)
    p = sub.add_parser("list", parents=[groups.common],
                       help="les organisations et leur nombre d'évaluations")
    p.set_defaults(func=cmd_org_list)
    p = sub.add_parser("rename", parents=[groups.common], help="renommer une organisation cliente")
    p.add_argument("name", metavar="NOM", help="nom actuel (majuscules indifférentes)")
    p.add_argument("new_name", metavar="NOUVEAU_NOM")
    p.set_defaults(func=cmd_org_rename, access=WRITES)
    p = sub.add_parser("delete", parents=[groups.common],
                       help="supprimer une organisation cliente et ses évaluations")
    p.add_argument("name", metavar="NOM", help="nom de l'organisation (majuscules indifférentes)")
    p.add_argument("--yes", action="store_true",
                   help="confirmer la suppression de ses évaluations (obligatoire s'il y en a)")
    p.set_defaults(func=cmd_org_delete, access=WRITES)



def cmd_assess(args) -> int:
    from rcdesk.core.formatting import format_date, format_number
    from rcdesk.services.assessment import get_assessment, record_assessment

    assessment_id, created = record_assessment(args.org, args.scores, args.date, args.assessor)
    view = get_assessment(assessment_id)
    if created:
        print(f"Organisation créée : {view.organisation}")
    print(f"Évaluation n° {view.id} — {view.organisation} — {format_date(view.date)}")
    print(f"Moyenne : {format_number(view.average, 1)}")
    print(f"Niveau : {view.level.label}")
    return 0


def cmd_report_maturity(args) -> int:
    from rcdesk.cli.common import write_report
    from rcdesk.reports.maturity import build_maturity_report

    write_report(args, lambda path, overwrite: build_maturity_report(
        args.id, path, overwrite=overwrite), "Diagnostic enregistré")
    return 0


def _named_organisation(name: str):
    from rcdesk.cli.common import CliError
    from rcdesk.services.assessment.orgs import find_organisation

    org = find_organisation(name)
    if org is None:
        raise CliError(f"Aucune organisation ne s'appelle « {name.strip()} » "
                       "(« rcdesk org list » les montre).")
    return org


def cmd_org_list(args) -> int:
    from rcdesk.services.assessment.orgs import list_organisations

    for org in list_organisations():
        mark = " (votre entreprise)" if org.is_own else ""
        print(f"{org.name}{mark} — {org.assessments} évaluation(s)")
    return 0


def cmd_org_rename(args) -> int:
    from rcdesk.services.assessment.orgs import rename_organisation

    org = _named_organisation(args.name)
    renamed = rename_organisation(org.id, args.new_name)
    print(f"Organisation renommée : « {org.name} » → « {renamed.name} »")
    return 0


def cmd_org_delete(args) -> int:
    """Without --yes an organisation that has assessments is kept: the count is printed."""
    from rcdesk.cli.common import CliError
    from rcdesk.services.assessment.orgs import delete_organisation, ensure_deletable

    org = ensure_deletable(_named_organisation(args.name).id)
    if org.assessments and not args.yes:
        raise CliError(f"L'organisation « {org.name} » a {org.assessments} évaluation(s) : "
                       "ajoutez --yes pour la supprimer avec elles. Rien n'a été supprimé.")
    deleted = delete_organisation(org.id, confirmed_assessments=org.assessments)
    print(f"Organisation « {org.name} » supprimée avec {deleted} évaluation(s).")
    return 0
