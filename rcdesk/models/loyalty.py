"""Loyalty tables: programme versions, cards, the points ledger, vouchers, rebates, card events.

The ledger is append-only: a row is never edited; a correction is a new row naming the row it
corrects. Each row has a unique source key (a purchase, an import line, a voucher...), so the
same source never earns twice. A card's balance is stored beside it and updated in the same
transaction as each ledger row; `rcdesk check` compares it with the ledger's sum."""

from peewee import (
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from rcdesk.models.base import BaseModel, utcnow
from rcdesk.models.customers import Customer, Purchase


class LoyaltyProgramme(BaseModel):
    """One version of the programme's terms, applying from valid_from until the next one."""

    valid_from = DateField(unique=True)
    points_per_unit = IntegerField()  # points per currency unit spent
    rounding = CharField(default="down")  # down / nearest
    threshold_points = IntegerField()  # points turned into one voucher
    voucher_value_cents = IntegerField()
    voucher_days = IntegerField()
    card_months = IntegerField()
    card_price_cents = IntegerField()
    warn_days = IntegerField()
    grace_days = IntegerField()
    points_months = IntegerField()
    tiers = TextField(default="[]")  # JSON [{"name", "min_spend_cents", "discount_pct"}]
    rebates = TextField(default="{}")  # JSON {"period": "quarter"|"year", "brackets": [...]}
    referrer_points = IntegerField(default=0)
    newcomer_points = IntegerField(default=0)
    created_at = DateTimeField(default=utcnow)
    created_by = CharField(default="")


class LoyaltyCard(BaseModel):
    number = CharField(max_length=20, unique=True)
    customer = ForeignKeyField(Customer, backref="loyalty_cards", on_delete="CASCADE")
    issued_on = DateField()
    expires_on = DateField(index=True)
    status = CharField(default="active")  # active / blocked (grace and expired are computed)
    blocked_on = DateField(null=True)
    blocked_reason = CharField(default="")
    replaced_by = ForeignKeyField("self", null=True, on_delete="SET NULL")
    format = CharField(default="carte")  # carte / porte-clés
    balance = IntegerField(default=0)  # the ledger's sum, kept in the same transactions
    # the first points left to expire (oldest first), kept with each ledger row: « À relancer »
    # reads them from an index instead of going through the whole ledger
    next_expiry_on = DateField(null=True, index=True)
    next_expiry_points = IntegerField(default=0)
    created_at = DateTimeField(default=utcnow)

    class Meta:  # step 15: cards alive at a date, points outstanding from indexes alone
        indexes = ((("expires_on", "status"), False), (("status", "balance"), False))


class LoyaltyVoucher(BaseModel):
    code = CharField(max_length=20, unique=True)
    card = ForeignKeyField(LoyaltyCard, backref="vouchers", on_delete="CASCADE")
    value_cents = IntegerField()
    points = IntegerField()
    issued_on = DateField()
    expires_on = DateField(index=True)
    used_at = DateTimeField(null=True)  # set once, by a conditional UPDATE
    used_on = DateField(null=True)
    used_by = CharField(default="")
    used_reference = CharField(default="")

    class Meta:  # step 15: vouchers used, lapsed or outstanding over a period from indexes
        indexes = ((("used_on",), False), (("expires_on", "used_at", "issued_on"), False))


class LoyaltyLedger(BaseModel):
    card = ForeignKeyField(LoyaltyCard, backref="ledger", on_delete="CASCADE", index=False)
    on = DateField()  # the day it takes effect
    at = DateTimeField(default=utcnow)  # when it was recorded (UTC)
    kind = CharField()  # earn, return, redeem, expire, adjust, transfer, opening, referral...
    points = IntegerField()  # signed
    expires_on = DateField(null=True, index=True)  # points earned: when they expire
    amount_cents = IntegerField(default=0)  # the purchase's amount (earn / return)
    discount_cents = IntegerField(default=0)  # the tier discount given on that purchase
    reason = TextField(default="")
    operator = CharField(default="")
    source_key = CharField(max_length=160, unique=True)
    purchase = ForeignKeyField(Purchase, null=True, on_delete="SET NULL")
    voucher = ForeignKeyField(LoyaltyVoucher, null=True, on_delete="SET NULL")
    corrects = ForeignKeyField("self", null=True, on_delete="SET NULL")

    class Meta:
        indexes = ((("card", "on"), False),)


class LoyaltyCardEvent(BaseModel):
    """Issue, renewal, replacement, merge, block: the card's history and its price paid."""

    card = ForeignKeyField(LoyaltyCard, backref="events", on_delete="CASCADE")
    on = DateField(index=True)
    kind = CharField()  # émission / renouvellement / remplacement / fusion / blocage
    price_cents = IntegerField(default=0)
    detail = TextField(default="")
    operator = CharField(default="")
    at = DateTimeField(default=utcnow)

    class Meta:  # step 15: renewals of a period from the index
        indexes = ((("kind", "on"), False),)


class LoyaltyRebate(BaseModel):
    """A rebate (ristourne) granted to a customer for a period."""

    customer = ForeignKeyField(Customer, backref="loyalty_rebates", on_delete="CASCADE")
    period_start = DateField()
    period_end = DateField()
    spend_cents = IntegerField()
    rate_pct = IntegerField()  # hundredths of a percent (250 = 2,5 %)
    amount_cents = IntegerField()
    granted_on = DateField()
    operator = CharField(default="")

    class Meta:
        indexes = ((("customer", "period_start", "period_end"), True),)


MODELS = [LoyaltyProgramme, LoyaltyCard, LoyaltyVoucher, LoyaltyLedger, LoyaltyCardEvent,
          LoyaltyRebate]
