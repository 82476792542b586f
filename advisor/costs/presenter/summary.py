"""What the founder's option means beyond its own cost: the summary card's figures, the
cost of hiring the wrong role first, and the hire's share of the monthly burn and what it
does to the runway."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from advisor import costs
from advisor.costs.presenter.words import (
    SENIORITY_IN_TEXT,
    Shown,
    amount,
    money,
    months_words,
    number,
    percent_text,
    span_months,
    weeks_words,
    whole,
)


def wrong_hire_view(wrong, right, currency, wrong_role, right_role) -> dict | None:
    if wrong is None or right is None or wrong_role is None:
        return None
    cost = costs.priced_wrong_hire(
        costs.wrong_hire(wrong, right), currency, starting=wrong.rate.starting
    )
    total = money(cost.total, currency)
    misdirected = money(cost.misdirected, currency)
    vacancy = money(cost.vacancy, currency)
    return {
        "role": wrong_role,
        "right_role": right_role,
        "total": Shown(
            _("about %(amount)s") % {"amount": total.text}, total.estimate, total.source
        ),
        "misdirected": misdirected,
        "vacancy": vacancy,
        "months": cost.months,
        "rehire": weeks_words(cost.rehire_weeks),
        "counts": ngettext(
            "%(n)s month of the %(wrong)s's pay and on-costs, plus the empty seat while the "
            "%(right)s is found",
            "%(n)s months of the %(wrong)s's pay and on-costs, plus the empty seat while the "
            "%(right)s is found",
            cost.months,
        )
        % {
            "n": cost.months,
            "wrong": wrong_role["short_name"],
            "right": right_role["short_name"],
        },
    }


def summary_view(
    mine, currency, *, role: dict, option_label: str, inputs: dict, wrong_hire, runway, founder=None
) -> list[dict]:
    """The summary card: the option the founder prices, its cost a month and over their
    horizon, the runway with and without it (with burn and cash), and the wrong hire
    with what it counts."""
    if mine is None:
        return []
    shown = costs.priced(mine, currency)
    seniority = SENIORITY_IN_TEXT.get(inputs["seniority"], "")
    monthly = money(shown.monthly, currency)
    whole = money(shown.whole, currency)
    months = inputs["months"]
    items = [
        {
            "label": _("%(option)s (%(seniority)s)")
            % {"option": f"{option_label[:1].upper()}{option_label[1:]}", "seniority": seniority},
            "value": Shown(
                _("%(amount)s a month") % {"amount": monthly.text}, monthly.estimate, monthly.source
            ),
            "key": "monthly",
        },
        {
            "label": ngettext("All in, %(n)s month", "All in, %(n)s months", months)
            % {"n": months},
            "value": Shown(whole.text, whole.estimate, whole.source),
            "note": _("pay, on-costs, recruiting, equipment and the empty seat while hiring"),
            "key": "whole",
        },
    ]
    if founder is not None:
        items.insert(
            1, {"label": _("Worked out from your own figure"), "value": founder, "key": "founder"}
        )
    if runway and runway.get("with"):
        items.append(
            {
                "label": _("Runway, with your burn and cash"),
                "value": Shown(
                    _("%(now)s without, %(with)s with this hire")
                    % {"now": runway["now"], "with": runway["with"].text},
                    runway["with"].estimate,
                    runway["with"].source,
                ),
                "key": "runway",
            }
        )
    elif runway:
        items.append(
            {
                "label": _("Share of your monthly burn"),
                "value": runway["share"],
                "key": "share",
            }
        )
    if wrong_hire:
        items.append(
            {
                "label": _("The wrong hire"),
                "value": wrong_hire["total"],
                "note": wrong_hire["counts"],
                "key": "wrong",
            }
        )
    return items


def runway_view(cost: costs.HireCost, currency, burn: int, cash: int | None) -> dict:
    runway = costs.runway(cost, currency, burn=burn, cash=cash)
    estimate = cost.monthly_estimate or (cash is not None and cost.cash_estimate)
    share = runway.share_of_burn
    low, high = whole(share.low), whole(share.high)
    percent = percent_text(number(low) if low == high else f"{number(low)}–{number(high)}")
    source = cost.rate.kind if cost.rate.kind != "estimate" else "published"
    view = {
        "share": Shown(percent, cost.monthly_estimate, source),
        "burn": amount(burn, currency.symbol),
        "estimate": estimate,
        "start": months_words(cost.hire_months),
    }
    shorter = runway.shortened_by
    if shorter is not None:
        view["now"] = months_words(runway.months_now)
        longest, shortest = runway.months_with.low, runway.months_with.high
        view["with"] = Shown(span_months(shortest, longest), estimate, source)
        view["shorter"] = Shown(span_months(shorter.low, shorter.high), estimate, source)
        view["cash"] = amount(cash, currency.symbol)
    return view
