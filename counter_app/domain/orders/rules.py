"""The rules every order is held to, at the counter and again at the province.

A broken rule raises `RuleBroken`: a ValidationError (field, code, fixed English message the
UI translates) that also names the problem type the province answers with.
"""

from __future__ import annotations

from datetime import date

from counter_app.domain.orders.facts import (
    AccountFacts,
    Context,
    CustomerFacts,
    Facts,
    LineFacts,
    NumberFacts,
    OfferingFacts,
    SimFacts,
)
from counter_app.domain.policy import Policy
from counter_app.domain.problems import ProblemType
from counter_app.domain.validators import ValidationError


class RuleBroken(ValidationError):
    def __init__(self, field: str, problem: ProblemType, message: str) -> None:
        super().__init__(field, str(problem), message)
        self.problem = problem


def age_on(birth: date, today: date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def customer(facts: Facts, customer_id: str, field: str = "customer_id") -> CustomerFacts:
    found = facts.customer(customer_id)
    if found is None:
        raise RuleBroken(field, ProblemType.UNKNOWN_CUSTOMER, "There is no such customer.")
    return found


def account(facts: Facts, account_id: str, owner: str | None = None) -> AccountFacts:
    found = facts.account(account_id)
    if found is None or (owner is not None and found.customer_id != owner):
        raise RuleBroken(
            "account_id", ProblemType.UNKNOWN_ACCOUNT, "There is no such account of this customer."
        )
    return found


def line(facts: Facts, subscription_id: str | None, owner: str) -> LineFacts:
    found = facts.line(subscription_id or "")
    if found is None or found.customer_id != owner:
        raise RuleBroken(
            "subscription_id",
            ProblemType.UNKNOWN_NUMBER,
            "There is no such number of this customer.",
        )
    if found.status == "cancelled":
        raise RuleBroken(
            "subscription_id", ProblemType.NUMBER_CANCELLED, "This number is cancelled."
        )
    return found


def line_limit(facts: Facts, who: CustomerFacts, policy: Policy, adding: int = 1) -> None:
    """一证五号: at most `max_lines_per_id` active lines on one resident ID in the province."""
    if who.customer_type != "individual":
        return
    if facts.active_lines_for_id(who.id_number) + adding > policy.max_lines_per_id:
        raise RuleBroken(
            "customer_id",
            ProblemType.LINE_LIMIT,
            "This ID already holds as many lines as the province allows (一证五号).",
        )


def no_overdue(facts: Facts, who: CustomerFacts, ctx: Context) -> None:
    if facts.overdue_fen(who.id, ctx.today) > 0:
        raise RuleBroken(
            "customer_id",
            ProblemType.OVERDUE_BILLS,
            "The customer has overdue bills; they must be paid before a new line.",
        )


def offering(facts: Facts, offering_id: str, kind: str, field: str) -> OfferingFacts:
    found = facts.offering(offering_id)
    if found is None or found.kind != kind or not found.active:
        raise RuleBroken(
            field, ProblemType.UNKNOWN_OFFERING, "There is no such offering in the catalog."
        )
    return found


def eligible(
    offer: OfferingFacts, who: CustomerFacts, account_kind: str, ctx: Context, field: str
) -> None:
    """The offering's eligibility: account kinds, customer types, minimum age."""
    rule = offer.eligibility or {}
    kinds = rule.get("account_kinds")
    if kinds and account_kind not in kinds:
        raise RuleBroken(
            field,
            ProblemType.NOT_ELIGIBLE,
            "This offering is not available on this kind of account.",
        )
    types = rule.get("customer_types")
    if types and who.customer_type not in types:
        raise RuleBroken(
            field,
            ProblemType.NOT_ELIGIBLE,
            "This offering is not available to this kind of customer.",
        )
    min_age = int(rule.get("min_age") or 0)
    too_young = who.birth_date is None or age_on(who.birth_date, ctx.today) < min_age
    if min_age and who.customer_type == "individual" and too_young:
        raise RuleBroken(
            field, ProblemType.NOT_ELIGIBLE, "The customer is too young for this offering."
        )


def number_free(found: NumberFacts | None, ctx: Context) -> NumberFacts:
    """The number is in this hall's stock and not held by or for another counter."""
    if found is None or found.hall_id != ctx.hall_id:
        raise RuleBroken(
            "msisdn", ProblemType.UNKNOWN_NUMBER, "This number is not in the hall's stock."
        )
    held_by_other = (
        found.status == "reserved"
        and found.held_by != ctx.counter_id
        and found.held_until is not None
        and found.held_until > ctx.now
    )
    if found.status == "assigned" or held_by_other:
        raise RuleBroken(
            "msisdn",
            ProblemType.NUMBER_TAKEN,
            "This number has just been taken by another counter; choose another.",
        )
    return found


def sim_free(found: SimFacts | None, ctx: Context) -> SimFacts:
    if found is None or found.hall_id != ctx.hall_id:
        raise RuleBroken(
            "iccid", ProblemType.UNKNOWN_SIM, "This SIM card is not in the hall's stock."
        )
    if found.status != "available":
        raise RuleBroken(
            "iccid", ProblemType.SIM_TAKEN, "This SIM card has already been used; take another."
        )
    return found
