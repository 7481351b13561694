"""RFM quintiles by rank: identical customers never land in different segments."""

import os
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rcdesk.models.customers import Customer, Purchase
from rcdesk.services.customers import rfm_scores
from rcdesk.services.customers.figures import quintile, quintiles

EXAMPLES = settings(max_examples=int(os.environ.get("RCDESK_FUZZ_EXAMPLES", "40")),
                    deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])

# A customer's purchases: (days ago, amount in cents) pairs, drawn from few values so that
# identical customers are frequent.
PROFILE = st.lists(st.tuples(st.sampled_from([1, 30, 90, 400]),
                             st.sampled_from([1000, 2500, -500])), min_size=1, max_size=3)


def test_quintile_of_cumulative_counts():
    assert [quintile(k, 10) for k in range(1, 11)] == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert quintiles(list(range(10))) == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert quintiles([7, 7, 7, 7]) == [5, 5, 5, 5]  # all tied: all the same
    assert quintiles([1, 2, 2, 2, 3]) == [1, 4, 4, 4, 5]
    assert quintiles([4]) == [5]


def test_ten_identical_customers_share_one_segment(database):
    today = date.today()
    for i in range(10):
        cid = Customer.insert(last_name=f"Jumeau {i}").execute()
        Purchase.insert(customer=cid, date=today - timedelta(days=3), amount_cents=5000).execute()
    assert len({(s.recency, s.frequency, s.monetary) for s in rfm_scores().values()}) == 1


@EXAMPLES
@given(profiles=st.lists(PROFILE, min_size=1, max_size=12))
def test_identical_customers_get_identical_scores(database, profiles):
    Purchase.delete().execute()
    Customer.delete().execute()
    today = date.today()
    owner = {}
    for i, profile in enumerate(profiles):
        cid = Customer.insert(last_name=f"Client {i}").execute()
        owner[cid] = tuple(sorted(profile))
        Purchase.insert_many([{"customer": cid, "date": today - timedelta(days=ago),
                               "amount_cents": cents} for ago, cents in profile]).execute()
    scores = rfm_scores()
    assert set(scores) == set(owner)
    by_profile: dict = {}
    for cid, score in scores.items():
        by_profile.setdefault(owner[cid], set()).add((score.recency, score.frequency,
                                                      score.monetary, score.label))
    assert all(len(found) == 1 for found in by_profile.values())
    # the SQL ranks as quintiles() does: frequency counts sales only (refunds excluded)
    ids = sorted(owner)
    sales = [sum(1 for _, cents in owner[c] if cents >= 0) for c in ids]
    assert [scores[c].frequency for c in ids] == quintiles(sales)
    totals = [sum(cents for _, cents in owner[c]) for c in ids]
    assert [scores[c].monetary for c in ids] == quintiles(totals)
