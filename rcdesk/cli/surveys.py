"""Satisfaction sub-commands: survey create/list/results/compare, campaign create, import
responses, report satisfaction / questionnaire."""

from __future__ import annotations


def register(groups) -> None:
    from rcdesk.cli.common import WRITES, add_import_command, add_report_command

    survey = groups.top.add_parser("survey", parents=[groups.common],
                                   help="questionnaires de satisfaction et leurs résultats")
    sub = survey.add_subparsers(dest="what", metavar="QUOI", required=True)

    p = sub.add_parser("create", parents=[groups.common], help="créer un questionnaire")
    p.add_argument("--title", required=True, metavar="TITRE")
    p.add_argument("--audience", choices=("clients", "personnel"), default=None)
    p.add_argument("--template", choices=("nps", "hotel", "comptoir", "personnel"),
                   help="partir d'un modèle")
    p.add_argument("--nps", action="store_true", help="ajouter la question NPS (0 à 10)")
    p.add_argument("--criterion", action="append", default=[], metavar="LIBELLÉ",
                   help="un critère (satisfaction et importance), répétable")
    p.add_argument("--scale", default="0-5", metavar="MIN-MAX",
                   help="échelle des critères (défaut 0-5)")
    p.add_argument("--intro", default="", metavar="TEXTE")
    p.set_defaults(func=cmd_survey_create, access=WRITES)

    p = sub.add_parser("list", parents=[groups.common], help="questionnaires et campagnes")
    p.add_argument("--json", action="store_true", help="sortie JSON")
    p.set_defaults(func=cmd_survey_list)

    p = sub.add_parser("results", parents=[groups.common], help="résultats d'une campagne")
    p.add_argument("campaign", type=int, metavar="CAMPAGNE")
    p.add_argument("--cut", choices=("milieu", "moyennes"), default="milieu",
                   help="coupure du mapping : milieu de l'échelle (défaut) ou moyennes")
    p.add_argument("--json", action="store_true", help="sortie JSON")
    p.set_defaults(func=cmd_survey_results)

    p = sub.add_parser("compare", parents=[groups.common],
                       help="comparer deux campagnes (avant/après, personnel/clients)")
    p.add_argument("campaign_a", type=int, metavar="CAMPAGNE_A")
    p.add_argument("campaign_b", type=int, metavar="CAMPAGNE_B")
    p.add_argument("--json", action="store_true", help="sortie JSON")
    p.set_defaults(func=cmd_survey_compare)

    campaign = groups.top.add_parser("campaign", parents=[groups.common],
                                     help="campagnes d'enquête")
    sub = campaign.add_subparsers(dest="what", metavar="QUOI", required=True)
    p = sub.add_parser("create", parents=[groups.common], help="créer une campagne")
    p.add_argument("questionnaire", type=int, metavar="QUESTIONNAIRE_ID")
    p.add_argument("--title", required=True, metavar="TITRE")
    p.add_argument("--from", dest="date_from", metavar="DATE")
    p.add_argument("--to", dest="date_to", metavar="DATE")
    p.add_argument("--channel", default="comptoir",
                   choices=("papier", "e-mail", "téléphone", "comptoir", "web"))
    p.add_argument("--asked", type=int, metavar="N", help="nombre de personnes sollicitées")
    p.set_defaults(func=cmd_campaign_create, access=WRITES)

    p = add_import_command(groups, "responses", "importer des réponses d'enquête (Google "
                           "Forms, LimeSurvey, Microsoft Forms, Excel)", cmd_import_responses)
    p.add_argument("campaign", type=int, metavar="CAMPAGNE")
    # argparse puts positionals in order: the campaign comes before the file
    file_action = next(a for a in p._actions if a.dest == "file")
    p._actions.insert(p._actions.index(file_action), p._actions.pop())
    group = p._positionals._group_actions
    group.insert(group.index(file_action), group.pop())
    p.add_argument("--map", action="append", default=[], metavar="EN-TÊTE=N",
                   help="associer une colonne : N (numéro de question), N:satisfaction, "
                        "N:importance, N:pourquoi, horodatage, email ou ignorer")

    p = add_report_command(groups, "satisfaction", "rapport d'une campagne de satisfaction "
                           "(PDF)", cmd_report_satisfaction)
    p.add_argument("campaign", type=int, metavar="CAMPAGNE")
    p.add_argument("--cut", choices=("milieu", "moyennes"), default="milieu")

    p = add_report_command(groups, "questionnaire", "questionnaire papier à remplir (PDF)",
                           cmd_report_questionnaire)
    p.add_argument("questionnaire", type=int, metavar="QUESTIONNAIRE_ID")


def cmd_survey_create(args) -> int:
    from rcdesk.cli.common import CliError
    from rcdesk.core.satisfaction import parse_scale
    from rcdesk.services.surveys import (
        CRITERION,
        NPS,
        QuestionInput,
        create_questionnaire,
        template_questions,
    )
    from rcdesk.services.surveys.questionnaires import NPS_LABEL

    try:
        scale = parse_scale(args.scale)
    except ValueError as exc:
        raise CliError(f"--scale : {exc}") from exc
    if args.template:
        audience, questions = template_questions(args.template, args.criterion or None, scale)
        if args.nps and not any(q.kind == NPS for q in questions):
            questions.insert(0, QuestionInput(NPS, NPS_LABEL, True))
    else:
        audience = "clients"
        questions = [QuestionInput(NPS, NPS_LABEL, True)] if args.nps else []
        questions += [QuestionInput(CRITERION, c, True, scale=scale) for c in args.criterion]
        if not questions:
            raise CliError("Donnez au moins une question : --nps, --criterion LIBELLÉ ou "
                           "--template.")
    qid = create_questionnaire(args.title, questions, audience=args.audience or audience,
                               intro=args.intro)
    print(qid)
    return 0


def cmd_survey_list(args) -> int:
    from rcdesk.cli.common import print_json
    from rcdesk.services.surveys import list_campaigns, list_questionnaires

    questionnaires = list_questionnaires()
    campaigns = list_campaigns()
    if args.json:
        print_json({
            "questionnaires": [{"id": q.id, "title": q.title, "audience": q.audience,
                                "questions": [{"number": x.number, "kind": x.kind,
                                               "label": x.label, "required": x.required}
                                              for x in q.questions],
                                "campaigns": q.campaigns, "responses": q.responses}
                               for q in questionnaires],
            "campaigns": [{"id": c.id, "questionnaire": c.questionnaire_id, "title": c.title,
                           "from": c.start_date.isoformat(),
                           "to": c.end_date.isoformat() if c.end_date else None,
                           "channel": c.channel, "asked": c.asked, "responses": c.responses}
                          for c in campaigns]})
        return 0
    if not questionnaires:
        print("Aucun questionnaire.")
    for q in questionnaires:
        print(f"Questionnaire {q.id} : {q.title} ({q.audience}, {len(q.questions)} questions)")
        for x in q.questions:
            star = " *" if x.required else ""
            print(f"  Q{x.number} [{x.kind}] {x.label}{star}")
        for c in campaigns:
            if c.questionnaire_id == q.id:
                end = f" au {c.end_date:%d/%m/%Y}" if c.end_date else ""
                print(f"  Campagne {c.id} : {c.title} — du {c.start_date:%d/%m/%Y}{end}, "
                      f"{c.channel}, {c.responses} réponse(s)")
    return 0


def cmd_survey_results(args) -> int:
    from rcdesk.cli.common import print_json
    from rcdesk.services.surveys.results import campaign_results

    results = campaign_results(args.campaign, args.cut)
    if args.json:
        print_json(results.as_dict())
        return 0
    for line in results_lines(results):
        print(line)
    return 0


def results_lines(results) -> list[str]:
    from rcdesk.core.formatting import format_number
    from rcdesk.core.satisfaction import CUTS, ZONES

    c = results.campaign
    lines = [f"Campagne {c.id} : {c.title} — {results.responses} réponse(s)"]
    if c.response_rate is not None:
        lines.append(f"Taux de réponse : {format_number(c.response_rate, 1)} % "
                     f"({results.responses} sur {c.asked} sollicités)")
    nps = results.nps
    if nps is None:
        lines.append("NPS : aucune réponse à la question de recommandation, pas de NPS.")
    else:
        lines.append(f"NPS : {format_number(round(nps.score, 1), 1)} ± "
                     f"{format_number(round(nps.margin, 1), 1)} (de "
                     f"{format_number(round(nps.low, 1), 1)} à "
                     f"{format_number(round(nps.high, 1), 1)}) — {nps.promoters} promoteurs, "
                     f"{nps.passives} neutres, {nps.detractors} détracteurs sur {nps.n}")
        if nps.approximate:
            lines.append(f"Attention : moins de 30 réponses ({nps.n}), la marge est "
                         "approximative.")
    m = results.mapping
    if m.criteria:
        cut = "—" if m.cut_satisfaction is None else (
            f"satisfaction {format_number(m.cut_satisfaction, 2)}, importance "
            f"{format_number(m.cut_importance, 2)}")
        lines.append(f"Critères (coupure : {CUTS[m.cut]}, {cut}) :")
        for k in m.criteria:
            if k.zone is None:
                lines.append(f"  Q{k.number} {k.label} : aucune réponse")
                continue
            lines.append(f"  Q{k.number} {k.label} : satisfaction "
                         f"{format_number(k.satisfaction, 2)}, importance "
                         f"{format_number(k.importance, 2)}, satisfaits "
                         f"{format_number(k.satisfied_pct, 0)} %, zone {k.zone} "
                         f"({ZONES[k.zone][0]})")
        urgent = m.in_zone(2)
        if urgent:
            lines.append("Zone 2 (URGENCE) : " + ", ".join(k.label for k in urgent))
    return lines


def cmd_survey_compare(args) -> int:
    from rcdesk.cli.common import print_json
    from rcdesk.core.formatting import format_number
    from rcdesk.services.surveys.results import compare

    comparison = compare(args.campaign_a, args.campaign_b)
    if args.json:
        print_json(comparison.as_dict())
        return 0
    a, b = comparison.a, comparison.b
    kind = "personnel / clients" if comparison.mirror else "avant / après"
    print(f"Comparaison ({kind}) : « {a.campaign.title} » → « {b.campaign.title} »")
    d = comparison.nps
    if d is None:
        print("NPS : non comparable (une des campagnes n'a pas de NPS).")
    else:
        verdict = "différence significative" if d.significant else \
            "différence non significative (dans le bruit)"
        print(f"NPS : {format_number(round(a.nps.score, 1), 1)} → "
              f"{format_number(round(b.nps.score, 1), 1)}, écart "
              f"{format_number(round(d.difference, 1), 1)} ± {format_number(round(d.margin, 1), 1)}"
              f" : {verdict}")
    for g in comparison.criteria:
        if g.gap is None:
            continue
        print(f"  {g.label} : {format_number(g.a_satisfaction, 2)} → "
              f"{format_number(g.b_satisfaction, 2)} (écart {format_number(g.gap, 2)})")
    return 0


def cmd_campaign_create(args) -> int:
    from rcdesk.cli.common import parse_period
    from rcdesk.services.surveys import create_campaign

    period = parse_period(args)
    print(create_campaign(args.questionnaire, args.title, start=period.start, end=period.end,
                          channel=args.channel, asked=args.asked))
    return 0


def cmd_import_responses(args) -> int:
    from rcdesk.cli.common import file_format, print_import_result
    from rcdesk.services.surveys.imports import import_responses

    result = import_responses(args.campaign, args.file, args.map, file_format(args),
                              dry_run=args.dry_run)
    for header, what in result.columns:
        print(f"  « {header} » → {what}")
    return print_import_result(result)


def cmd_report_satisfaction(args) -> int:
    from rcdesk.cli.common import write_report
    from rcdesk.reports.satisfaction import write_satisfaction_report

    write_report(args, lambda path, overwrite: write_satisfaction_report(
        args.campaign, path, cut=args.cut, overwrite=overwrite), "Rapport enregistré")
    return 0


def cmd_report_questionnaire(args) -> int:
    from rcdesk.cli.common import write_report
    from rcdesk.reports.questionnaire import write_questionnaire

    write_report(args, lambda path, overwrite: write_questionnaire(
        args.questionnaire, path, overwrite=overwrite), "Questionnaire enregistré")
    return 0
