"""Sub-commands of the customer file: import customers/purchases, export, customer data."""

from __future__ import annotations


def register(groups) -> None:
    """Add this area's commands to groups.top / import_ / export / report."""
    from rcdesk.cli import add_import_command

    p = add_import_command(groups, "customers", "importer des clients (CSV ou XLSX)",
                           cmd_import_customers)
    p.add_argument("--update", action="store_true",
                   help="mettre à jour les clients existants (même identifiant externe, sinon "
                        "même e-mail)")
    add_import_command(groups, "purchases", "importer des achats (caisse, comptabilité)",
                       cmd_import_purchases)

    p = groups.export.add_parser("customers", parents=[groups.common],
                                 help="exporter les clients (CSV UTF-8 « ; » ou XLSX)")
    p.add_argument("file", metavar="FICHIER")
    p.add_argument("--search", default="", metavar="TEXTE", help="recherche (nom, ville, tél.)")
    p.add_argument("--status", choices=["prospect", "client", "ancien client"])
    p.add_argument("--kind", choices=["particulier", "professionnel"])
    p.add_argument("--segment", metavar="SEGMENT")
    p.add_argument("--place", metavar="VILLE_OU_RÉGION")
    p.set_defaults(func=cmd_export_customers)

    p = groups.report.add_parser("customer-data", parents=[groups.common],
                                 help="données d'un client (droit d'accès RGPD) en PDF ou JSON")
    p.add_argument("customer_id", type=int, metavar="N")
    p.add_argument("-o", "--output", required=True, metavar="FICHIER",
                   help="fichier .pdf ou .json")
    p.set_defaults(func=cmd_customer_data)


def cmd_import_customers(args) -> int:
    from rcdesk.cli import file_format, print_import_result
    from rcdesk.services.customers.imports import import_customers

    return print_import_result(import_customers(args.file, None, file_format(args),
                                                update=args.update, dry_run=args.dry_run))


def cmd_import_purchases(args) -> int:
    from rcdesk.cli import file_format, print_import_result
    from rcdesk.services.customers.imports import import_purchases

    return print_import_result(import_purchases(args.file, None, file_format(args),
                                                dry_run=args.dry_run))


def cmd_export_customers(args) -> int:
    from rcdesk.services.customers import CustomerQuery
    from rcdesk.services.customers.export import export_customers

    query = CustomerQuery(text=args.search, status=args.status, kind=args.kind,
                          segment=args.segment, place=args.place)
    count = export_customers(query, args.file)
    print(f"{count} client(s) exporté(s) : {args.file}")
    return 0


def cmd_customer_data(args) -> int:
    from pathlib import Path

    output = Path(args.output)
    if output.suffix.lower() == ".json":
        from rcdesk.services.gdpr import write_customer_data_json

        write_customer_data_json(args.customer_id, output)
    else:
        from rcdesk.reports.customer_data import write_customer_data_pdf

        write_customer_data_pdf(args.customer_id, output)
    print(f"Données du client n° {args.customer_id} : {output}")
    return 0
