"""What the loyalty tests share."""

from rcdesk.models.customers import Customer


def make_customer(first="Marc", last="Delattre", phone="+33612480917", **extra) -> int:
    return Customer.insert(first_name=first, last_name=last, phone=phone, status="client",
                           sort_name=f"{last.lower()} {first.lower()}", **extra).execute()
