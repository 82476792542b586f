"""The cost panel of a result and its summary card: regions, seniority, hours, horizon and
currency; the whole cost of a hire; burn and runway; the wrong hire; and estimates marked
wherever a figure is shown."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from advisor import bank_store
from advisor.models import Assessment, ExchangeRate, HiringTerms, PayRate, Question, Region
from tests.conftest import AI_ANSWERS, ML_ANSWERS, complete

HX = {"HTTP_HX_REQUEST": "true"}
MONEY = re.compile(r"[$€£]\s?\d[\d,]*(?![\d,]|\.\d)")  # an amount, not a rate (€0.92)


@pytest.fixture
def ml_result(client, bank) -> str:
    return complete(client, ML_ANSWERS)


def page_of(client, url: str, **headers) -> str:
    response = client.get(url, **headers)
    assert response.status_code == 200, response.content[:500]
    return re.sub(r"\s+", " ", response.content.decode())


def card(page: str) -> dict[str, str]:
    """The summary card's figures: {label: figure}."""
    found = re.search(r'<dl class="card-costs[^>]*>(.*?)</dl>', page).group(1)
    return {
        dt: re.sub(r"<[^>]+>", "", dd).strip()
        for dt, dd in re.findall(r"<dt>(.*?)</dt><dd[^>]*>(.*?)</dd>", found)
    }


def row(page: str, label: str) -> str:
    """The first table row (the first hire's) whose option is `label`."""
    table = page[page.index('<table class="table cost-table') :]
    return re.search(rf'<tr[^>]*> <th scope="row">{re.escape(label)}.*?</tr>', table).group()


def wrong_hire(page: str) -> str:
    return re.search(r'<div class="mishire.*?</div>', page).group()


def dollars(value: Decimal) -> str:
    return f"${int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP)):,}"


# The figures follow what is asked for


def test_the_figures_follow_the_region_asked_for(client, ml_result):
    seen = set()
    for region in Region.objects.all():
        page = page_of(client, f"{ml_result}?option={region.slug}/in-house")
        figures = card(page)
        label = f"In-house, {region.name} (senior)"
        # worked out here from the stored rates: pay and on-costs, unless fully loaded
        rate = PayRate.objects.get(
            role__slug="ml-engineer", region=region, engagement="in-house", seniority="senior"
        )
        terms = HiringTerms.objects.get(region=region, engagement="in-house")
        factor = 1 if rate.is_loaded else 1 + terms.on_costs
        expected = f"{dollars(rate.low * factor)}–{dollars(rate.high * factor)} a month"
        assert figures[label].startswith(expected), (region, figures)
        assert "your option" in row(page, f"{region.name}, in-house, full time")
        seen.add(figures[label])
    assert len(seen) == Region.objects.count()


def test_a_mid_level_hire_costs_less_everywhere_on_the_page(client, ml_result):
    senior = page_of(client, f"{ml_result}?compare=western-europe&compare=south-asia")
    mid = page_of(client, f"{ml_result}?compare=western-europe&compare=south-asia&seniority=mid")
    assert "In-house, US (mid-level)" in card(mid) and "Mid-level hires" in mid
    for label in (
        "US, in-house, full time",
        "US, contractor or freelance",
        "Western Europe, dedicated offshore, through a vendor",
        "South Asia, in-house, full time",
    ):
        high, low = (
            [int(n.replace(",", "")) for n in re.findall(r"\$([\d,]+)", row(p, label))]
            for p in (senior, mid)
        )
        assert all(m <= s for m, s in zip(low, high, strict=True)) and low != high, label


@pytest.mark.parametrize(
    "currency,symbol,low,high",
    [("USD", "$", 12000, 14000), ("EUR", "€", 11040, 12880), ("GBP", "£", 9480, 11060)],
)
def test_the_figures_follow_the_currency_asked_for(client, ml_result, currency, symbol, low, high):
    page = page_of(client, f"{ml_result}?currency={currency}")
    assert card(page)["In-house, US (senior)"] == f"{symbol}{low:,}–{symbol}{high:,} a month"
    assert set(re.findall(r"[$€£]", row(page, "US, in-house, full time"))) == {symbol}
    if currency != "USD":
        rate = ExchangeRate.objects.get(code=currency)
        assert f"converted from US dollars at {symbol}{rate.per_usd.normalize():f}" in page


def test_an_exchange_rate_edited_in_admin_applies_to_new_results(client, bank):
    ExchangeRate.objects.filter(code="EUR").update(per_usd=Decimal("0.5"))
    bank_store.forget()
    url = complete(client, ML_ANSWERS)
    page = page_of(client, f"{url}?currency=EUR")
    assert card(page)["In-house, US (senior)"] == "€6,000–€7,000 a month"


def test_hours_change_contract_and_offshore_figures_only(client, ml_result):
    query = "?option=south-asia/offshore&seniority=mid"
    full, half = (page_of(client, f"{ml_result}{query}&hours={h}") for h in (40, 20))
    offshore = "South Asia, dedicated offshore, through a vendor"
    assert "from $6,067" in row(full, offshore)  # the article's $35 an hour, 40 h a week
    assert "from $3,033" in row(half, offshore)
    assert row(full, "South Asia, in-house, full time") == row(
        half, "South Asia, in-house, full time"
    )


def test_the_horizon_changes_the_totals_but_not_the_monthly_figures(client, ml_result):
    short, long = (page_of(client, f"{ml_result}?months={m}") for m in (6, 24))
    in_house = "US, in-house, full time"
    assert "$12,000–$14,000" in row(short, in_house) and "$12,000–$14,000" in row(long, in_house)
    # six months is the whole search: nothing paid yet, no productive month
    assert "$0" in row(short, in_house) and "none within 6 months" in row(short, in_house)
    # 18 of 24 months paid, and the agency fee
    assert "$239,040–$278,880" in row(long, in_house)


# The whole cost of a hire


def amounts(cell: str) -> tuple[int, int]:
    found = [int(n.replace(",", "")) for n in re.findall(r"\$([\d,]+)", cell)]
    return (found[0], found[-1])


def test_the_parts_of_the_whole_cost_add_up_on_the_page(client, ml_result):
    for query in ("", "?option=south-asia/offshore&hours=25", "?option=latin-america/contractor"):
        page = page_of(client, ml_result + query)
        table = re.search(r'<table class="table table-sm breakdown.*?</table>', page).group()
        rows = re.findall(r"<tr( class=\"total\")?>(.*?)</tr>", table)
        parts, cash, vacancy, whole = [], None, None, None
        for total, cells in rows:
            cell = re.search(r"<td.*?</td>", cells).group()
            if "included" in cell:
                continue
            if total and cash is None:
                cash = amounts(cell)
            elif total:
                whole = amounts(cell)
            elif cash is None:
                parts.append(amounts(cell))
            else:
                vacancy = amounts(cell)
        assert cash == tuple(map(sum, zip(*parts, strict=True))), query
        assert whole == (cash[0] + vacancy[0], cash[1] + vacancy[1]), query


def test_it_shows_per_productive_month_and_time_to_first_value(client, ml_result):
    page = page_of(client, ml_result)
    # 12 months less a 26-week search and 8 weeks of ramp-up
    assert "4.2 months at full speed: 12 less 6 months to hire and 1.8 months of ramp-up" in page
    assert "$22,880–$26,693" in row(page, "US, in-house, full time")  # $95,040 ÷ 4.15
    # 26 + 8 weeks, then the ML engineer's own 4–26 weeks
    assert "9–14 months" in row(page, "US, in-house, full time")
    assert "(the article: weeks to months)" in page


# The wrong hire


def test_the_wrong_hire_is_a_quarter_of_the_wrong_role_and_the_search_for_the_right_one(
    client, ml_result
):
    block = wrong_hire(page_of(client, ml_result))
    # 3 months of a senior AI engineer in-house in the US ($7,700–$9,000 base, 25% on top),
    # then the six-month search for the ML engineer at $12,000–$14,000 a month
    assert "$28,875–$33,750" in block and "$72,000–$84,000" in block
    assert "about $100,875–$117,750" in block
    assert "“a quarter of misdirected work”" in block


def test_the_wrong_hire_stays_put_when_only_what_is_shown_changes(client, ml_result):
    default = wrong_hire(page_of(client, ml_result))
    for query in ("?show=offshore", "?show=contractor&compare=", "?compare=eastern-europe"):
        assert wrong_hire(page_of(client, ml_result + query)) == default, query
    for query in ("?option=south-asia/offshore", "?seniority=mid", "?currency=GBP"):
        assert wrong_hire(page_of(client, ml_result + query)) != default, query
    offshore = "?option=south-asia/offshore"
    assert wrong_hire(page_of(client, f"{ml_result}{offshore}&hours=20")) != wrong_hire(
        page_of(client, ml_result + offshore)
    )


# Burn and runway


def test_burn_and_cash_give_the_share_of_burn_and_the_runway(client, ml_result):
    page = page_of(client, f"{ml_result}?burn=80000&cash=1200000")
    runway = re.search(r'<div class="runway.*?</div>', page).group()
    # $12,000–$14,000 of $80,000
    assert "is <strong>15–18%</strong> of your monthly burn of $80,000" in runway
    # 15 months now; the hire starts after 6, with the agency fee then
    assert "your runway is 15 months" in runway
    assert "shortens your runway by <strong>1.4–1.6 months</strong>" in runway


def test_burn_alone_gives_the_share_and_cash_alone_asks_for_the_burn(client, ml_result):
    page = page_of(client, f"{ml_result}?burn=200000&currency=EUR")
    assert "of your monthly burn of €200,000" in page and "shortens your runway" not in page
    page = page_of(client, f"{ml_result}?cash=500000")
    assert "Enter your monthly burn too" in page


def test_a_hire_that_starts_after_the_money_runs_out_leaves_the_runway_alone(client, ml_result):
    page = page_of(client, f"{ml_result}?burn=100000&cash=300000")  # 3 months; hired in 6
    assert "shortens your runway by <strong>0 months</strong>" in page


# Bad input


@pytest.mark.parametrize("headers", [{}, HX], ids=["plain", "htmx"])
@pytest.mark.parametrize(
    "query,message",
    [
        ("burn=50", "Enter a monthly burn between 100 and 100,000,000."),
        ("burn=lots", "Enter your monthly burn as a whole number, 100 to 100,000,000."),
        ("cash=-5", "Enter the cash in the bank between 0 and 10,000,000,000."),
        ("currency=XYZ", "Choose a currency: USD, EUR, GBP."),
        ("option=mars/in-house", "Choose the hire you are pricing from the list."),
        ("option=us/offshore", "Choose the hire you are pricing from the list."),
        ("seniority=junior", "Choose mid-level or senior."),
        ("compare=mars", "Choose regions to compare from: US, Western Europe, Eastern Europe"),
        ("show=nothing", "Choose what to show: every way of hiring, in-house"),
        ("hours=0", "Enter between 5 and 60 hours a week."),
        ("months=99", "Enter between 1 and 36 months."),
    ],
)
def test_bad_values_get_a_422_naming_what_is_allowed(client, ml_result, headers, query, message):
    response = client.get(f"{ml_result}?{query}", **headers)
    assert response.status_code == 422
    page = re.sub(r"\s+", " ", response.content.decode())
    assert message in page
    assert "The figures below use the default instead." in page
    assert "$12,000–$14,000" in page  # the defaults, still priced


# Honesty: estimates marked wherever a figure is shown


class Figures(HTMLParser):
    """Every money figure in a page's text, with whether an element holding it has a
    `data-estimate` attribute; and the text of each such element."""

    VOID = {"input", "br", "img", "meta", "link", "hr", "source", "wbr", "col"}

    def __init__(self):
        super().__init__()
        self.stack: list[bool] = []  # per open element: does it mark an estimate?
        self.unmarked: list[str] = []
        self.marked: list[str] = []
        self.estimates: list[list[str]] = []  # the text inside each open marked element
        self.closed: list[str] = []  # the text of each marked element, once closed

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        marks = any(name == "data-estimate" for name, _ in attrs)
        self.stack.append(marks)
        if marks:
            self.estimates.append([])

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if tag in self.VOID or not self.stack:
            return
        if self.stack.pop():
            self.closed.append(" ".join(self.estimates.pop()))

    def handle_data(self, data):
        for opened in self.estimates:
            opened.append(data)
        for figure in MONEY.findall(data):
            (self.marked if any(self.stack) else self.unmarked).append(figure)

    @classmethod
    def of(cls, html: str) -> Figures:
        found = cls()
        found.closed = []
        found.feed(html)
        return found


def costs_parts(page: str) -> str:
    """The summary card's figures and the cost panel, where the page shows costs."""
    card_html = re.search(r'<dl class="card-costs.*?</dl>', page, re.S).group()
    panel = page[
        page.index('<section id="costs"') : page.index(
            "</section>", page.index('<section id="costs"')
        )
    ]
    return card_html + panel


def test_every_figure_not_from_the_article_is_marked_as_an_estimate(client, bank):
    # Make every figure an estimate: then nothing priced may go unmarked.
    PayRate.objects.update(is_estimate=True)
    HiringTerms.objects.update(is_estimate=True, hire_time_is_estimate=True)
    bank_store.forget()
    url = complete(client, AI_ANSWERS)
    everything = "compare=&" + "&".join(f"compare={r.slug}" for r in Region.objects.all())
    for query in (
        f"?{everything}&burn=90000&cash=800000",
        f"?{everything}&seniority=mid&currency=GBP&hours=25&months=30",
        "?option=south-asia/offshore&seniority=mid&burn=40000&cash=100000",
    ):
        found = Figures.of(costs_parts(client.get(url + query).content.decode()))
        assert found.marked and not found.unmarked, (query, found.unmarked[:5])
        # each marked element says so where it is seen
        assert all("est." in t or "estimate" in t for t in found.closed), query


def test_the_articles_own_figures_are_not_marked(client, ml_result):
    page = page_of(client, ml_result)
    assert card(page)["In-house, US (senior)"] == "$12,000–$14,000 a month"  # no marker
    cell = re.search(
        r'<td [^>]*data-label="Per month, once hired"[^>]*>', row(page, "US, in-house, full time")
    )
    assert "data-estimate" not in cell.group()
    offshore = row(
        page_of(client, f"{ml_result}?option=south-asia/offshore&seniority=mid"),
        "South Asia, dedicated offshore, through a vendor",
    )
    # the article's $35 an hour, and its week to join: a starting price, unmarked
    assert re.search(
        r'data-label="Per month, once hired"><span class="figure">from \$6,067</span>', offshore
    )
    assert (
        re.search(r'data-label="Cash over 12 months"><span class="figure">from \$72,800', offshore)
        is None
    )
    assert re.search(
        r'data-label="Cash over 12 months"><span class="figure">from \$71,400</span>', offshore
    )


def test_the_page_says_where_the_offshore_figures_come_from(client, ml_result):
    page = page_of(client, f"{ml_result}?currency=EUR")
    assert "AdSnipper, a vendor that places offshore specialists" in page
    assert "Where the figures come from" in page
    # each figure's source is a link away, for the same settings
    link = re.search(r'<a href="([^"]+/sources/[^"]*)">its own page</a>', page).group(1)
    assert link == f"{ml_result}sources/?currency=EUR"
    sources = page_of(client, link.replace("&amp;", "&"))
    assert "Estimate of base pay: the article&#x27;s US ML figure" in sources
    assert "Machine Learning Engineer, US, in-house, full time, senior" in sources
    assert f'href="{ml_result}?currency=EUR#costs"' in sources  # back to the same figures
    assert "Estimate of base pay" not in page


def test_sources_of_a_result_that_does_not_exist_are_not_found(client, ml_result):
    assert client.get("/r/" + "x" * 32 + "/sources/").status_code == 404
    # a setting out of range: said, and the sources of the default settings shown
    response = client.get(f"{ml_result}sources/?months=999")
    assert response.status_code == 422
    assert "The sources below are for the default settings instead." in response.content.decode()


def test_the_compare_page_marks_estimated_costs(client, bank):
    left = complete(client, ML_ANSWERS).split("/")[2]
    right = complete(Client(), AI_ANSWERS).split("/")[2]
    page = page_of(client, reverse("compare", args=[left, right]))
    cost_row = re.search(r'<tr class="cost-row">.*?</tr>', page).group()
    assert "<li>In-house, US (senior): $12,000–$14,000 a month</li>" in cost_row
    found = Figures.of(cost_row)
    assert found.marked and all("est." in t for t in found.closed)
    assert [f for f in found.unmarked] == ["$12,000", "$14,000"]


# htmx and links


def test_the_htmx_update_swaps_the_figures_and_the_summary_card(client, ml_result):
    response = client.get(f"{ml_result}?option=eastern-europe/offshore&currency=GBP", **HX)
    assert response.status_code == 200
    page = re.sub(r"\s+", " ", response.content.decode())
    assert page.lstrip().startswith('<div id="cost-figures"')
    assert '<dl class="card-costs mb-2" id="card-costs" data-hx-swap-oob="true">' in page
    assert "Dedicated offshore, Eastern Europe (40 h a week)" in card(page)
    assert "<html" not in page and "<form" not in page  # the form stays as it is


def test_the_form_changes_the_figures_as_soon_as_an_input_changes(client, ml_result):
    page = page_of(client, ml_result)
    assert 'data-hx-trigger="change, submit"' in page
    # the button is for browsers without script; site.js hides it where htmx runs
    button = '<button class="btn btn-primary" type="submit">Recalculate</button>'
    assert re.search(r"<div [^>]*data-no-script>" + re.escape(button), page)


def test_a_link_with_some_inputs_keeps_the_defaults_of_the_others(client, ml_result):
    page = page_of(client, f"{ml_result}?months=18")
    assert re.search(r'name="compare" value="south-asia"[^>]* checked', page)  # by default
    assert re.search(r'name="seniority" value="senior"[^>]* checked', page)
    assert 'name="hours" value="40"' in page
    none = page_of(client, f"{ml_result}?compare=")  # every box unticked
    assert "South Asia" not in none[none.index("<table") : none.index("</table>")]


def test_a_new_result_keeps_the_rates_it_was_made_with(client, ml_result):
    snapshot = Assessment.objects.get(token=ml_result.split("/")[2]).snapshot
    assert snapshot["version"] == 4
    assert len(snapshot["costs"]["rates"]) == PayRate.objects.count()
    assert snapshot["costs"]["digest"] == bank_store.get().cost_digest
    assert {c["code"] for c in snapshot["costs"]["currencies"]} == {"USD", "EUR", "GBP"}


# The data behind it


def test_a_senior_rate_below_the_mid_level_one_is_refused(bank):
    senior = PayRate.objects.get(
        role__slug="ai-engineer", region__slug="us", engagement="contractor", seniority="senior"
    )
    senior.low = 10
    with pytest.raises(ValidationError, match="A senior must not cost less than a mid-level"):
        senior.full_clean()
    senior.refresh_from_db()
    senior.high = senior.low - 1
    with pytest.raises(ValidationError, match="high figure must not be below"):
        senior.full_clean()
    hourly = PayRate.objects.filter(unit="hour").first()
    hourly.is_loaded = True
    with pytest.raises(ValidationError, match="Only a monthly figure can be fully loaded"):
        hourly.full_clean()


def test_seed_adds_the_costs_to_a_database_seeded_before_them(empty_bank):
    call_command("loaddata", "roles", "questions", "rules", "cases", verbosity=0)
    Question.objects.filter(slug="use-case").update(text="Edited by an admin")
    call_command("seed", verbosity=0)
    assert PayRate.objects.count() == 56 and HiringTerms.objects.count() == 14
    assert Question.objects.get(slug="use-case").text == "Edited by an admin"
    PayRate.objects.filter(region__slug="us").update(source_note="Edited")
    call_command("seed", verbosity=0)
    assert set(PayRate.objects.filter(region__slug="us").values_list("source_note", flat=True)) == {
        "Edited"
    }


def test_a_view_with_no_matching_option_says_so(client, ml_result):
    page = page_of(client, f"{ml_result}?show=offshore&compare=")  # no offshore in the US
    assert "No option matches what is shown" in page
    assert "Dedicated offshore, South Asia" in str(card(page))  # the card still prices it


def test_content_editors_edit_pay_rates_and_admin_refuses_a_senior_below_mid(client, bank):
    from django.contrib.auth.models import Group, User

    from advisor.apps import CONTENT_EDITORS

    editor = User.objects.create_user("editor", password="pass-phrase-2", is_staff=True)
    editor.groups.add(Group.objects.get(name=CONTENT_EDITORS))
    client.force_login(editor)
    rate = PayRate.objects.get(
        role__slug="ml-engineer", region__slug="eastern-europe", engagement="offshore",
        seniority="senior",
    )  # fmt: skip
    url = reverse("admin:advisor_payrate_change", args=[rate.pk])
    data = {
        "role": rate.role_id, "region": rate.region_id, "engagement": rate.engagement,
        "seniority": rate.seniority, "unit": rate.unit, "low": "60", "high": "70",
        "source_note": "Estimate: checked with two vendors.", "as_of": "2026-11-20",
        "is_estimate": "on",
    }  # fmt: skip
    assert client.post(url, data).status_code == 302
    rate.refresh_from_db()
    assert (rate.low, rate.high) == (60, 70)
    # below the mid-level rate ($42–$50): refused, with why
    response = client.post(url, {**data, "low": "30", "high": "40"})
    assert response.status_code == 200
    assert "A senior must not cost less than a mid-level hire" in response.content.decode()
    for name in ("region", "hiringterms", "exchangerate"):
        assert client.get(reverse(f"admin:advisor_{name}_changelist")).status_code == 200
