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

from advisor import costs
from advisor.bank import store as bank_store
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
    """The summary card's figures by what they are ("monthly", "whole", "runway",
    "share", "wrong", "founder"), as text; and "label", what the first says it prices."""
    found = re.search(r'<dl class="card-costs[^>]*>(.*?)</dl>', page).group(1)
    items = {}
    for key, dt, dd in re.findall(
        r'<div data-cost="(\w+)"><dt>(.*?)</dt><dd>(.*?)</dd></div>', found
    ):
        dd = re.sub(r'<span class="card-note">.*?</span>', "", dd)
        text = re.sub(r'<span class="src-mark[^"]*"[^>]*>.*?</span>', "", dd)
        items[key] = re.sub(r"<[^>]+>", "", text).strip()
        if key == "monthly":
            items["label"] = dt
    return items


def expected(
    *,
    region="us",
    engagement="in-house",
    seniority="senior",
    role="ml-engineer",
    currency="USD",
    months=12,
    part="monthly",
) -> str:
    """A figure worked out here, from the book founders get, by the cost engine."""
    book = bank_store.get().cost_book
    cost = costs.hire_cost(
        book.rate(role, region, engagement, seniority),
        book.terms_for(region, engagement),
        months=months,
    )
    shown = getattr(costs.priced(cost, book.currency(currency)), part)
    symbol = book.currency(currency).symbol
    text = f"{symbol}{shown.low:,}–{symbol}{shown.high:,}"
    return f"from {symbol}{shown.low:,}" if shown.starting else text


def row(page: str, label: str) -> str:
    """The first table row (the first hire's) whose option is `label`."""
    table = page[page.index('<table class="table cost-table') :]
    return re.search(rf'<tr[^>]*> <th scope="row">{re.escape(label)}.*?</tr>', table).group()


def wrong_hire(page: str) -> str:
    return re.search(r'<p class="mishire.*?</p>', page).group()


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def dollars(value: Decimal) -> str:
    return f"${int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP)):,}"


# The figures follow what is asked for


def test_the_figures_follow_the_region_asked_for(client, ml_result):
    seen = set()
    for region in Region.objects.all():
        page = page_of(client, f"{ml_result}?option={region.slug}/in-house")
        figures = card(page)
        assert figures["label"] == (f"{region.name}, in-house, full time (senior)")
        # pay and the employer's contributions, worked out by the engine from the rates
        assert figures["monthly"] == expected(region=region.slug) + " a month", region
        assert "your option" in row(page, f"{region.name}, in-house, full time")
        seen.add(figures["monthly"])
    assert len(seen) == Region.objects.count()


def test_a_mid_level_hire_costs_less_everywhere_on_the_page(client, ml_result):
    senior = page_of(client, f"{ml_result}?compare=western-europe&compare=south-asia")
    mid = page_of(client, f"{ml_result}?compare=western-europe&compare=south-asia&seniority=mid")
    assert card(mid)["label"].endswith("(mid-level)") and "Mid-level hires" in mid
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


@pytest.mark.parametrize("currency,symbol", [("USD", "$"), ("EUR", "€"), ("GBP", "£")])
def test_the_figures_follow_the_currency_asked_for(client, ml_result, currency, symbol):
    page = page_of(client, f"{ml_result}?currency={currency}")
    assert card(page)["monthly"] == expected(currency=currency) + " a month"
    assert set(re.findall(r"[$€£]", row(page, "US, in-house, full time"))) == {symbol}
    if currency != "USD":
        rate = ExchangeRate.objects.get(code=currency)
        assert f"converted from US dollars at {symbol}{rate.per_usd.normalize():f}" in page


def test_an_exchange_rate_edited_in_admin_applies_to_new_results(client, bank):
    ExchangeRate.objects.filter(code="EUR").update(per_usd=Decimal("0.5"))
    bank_store.forget()
    url = complete(client, ML_ANSWERS)
    page = page_of(client, f"{url}?currency=EUR")
    assert card(page)["monthly"] == expected(currency="EUR") + " a month"
    assert bank_store.get().cost_book.currency("EUR").per_usd == Decimal("0.5")


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
    monthly = expected()
    assert monthly in row(short, in_house) and monthly in row(long, in_house)
    # six months is the whole search: nothing paid yet, no productive month
    assert "$0" in row(short, in_house) and "none within 6 months" in row(short, in_house)
    # 18 of 24 months paid, and the agency fee
    assert expected(months=24, part="cash") in row(long, in_house)


# The whole cost of a hire


def amounts(cell: str) -> tuple[int, int]:
    found = [int(n.replace(",", "")) for n in re.findall(r"\$([\d,]+)", cell)]
    return (found[0], found[-1])


def test_the_parts_of_the_whole_cost_add_up_on_the_page(client, ml_result):
    for query in ("", "?option=south-asia/offshore&hours=25", "?option=latin-america/contractor"):
        page = page_of(client, ml_result + query)
        table = re.search(r'<table class="table table-sm breakdown.*?</table>', page).group()
        rows = re.findall(r"<tr( class=\"(?:total|fact)\")?>(.*?)</tr>", table)
        parts, vacancy, whole = [], None, None
        for kind, cells in rows:
            cell = re.search(r"<td.*?</td>", cells).group()
            if "included" in cell or "fact" in kind:
                continue
            if "total" in kind:
                whole = amounts(cell)
            elif "The empty seat" in cells:
                vacancy = amounts(cell)
            else:
                parts.append(amounts(cell))
        cash = tuple(map(sum, zip(*parts, strict=True)))
        assert whole == (cash[0] + vacancy[0], cash[1] + vacancy[1]), query
        assert text_of(card(page)["whole"]) == text_of(
            re.search(r'<td class="text-end">(.*?)</td>', rows[-3][1]).group(1)
        ).replace(" est.", ""), query  # the card's whole cost is the breakdown's


def test_it_shows_per_productive_month_and_time_to_first_value(client, ml_result):
    page = page_of(client, ml_result)
    # 12 months less a 26-week search and 8 weeks of ramp-up
    assert "4.2 months at full speed: 12 less 6 months to hire and 1.8 months of ramp-up" in page
    assert expected(part="per_productive_month") in row(page, "US, in-house, full time")
    # 26 + 8 weeks, then the ML engineer's own 4–26 weeks
    assert "9–14 months" in row(page, "US, in-house, full time")
    assert "(the article: weeks to months)" in page


# The wrong hire


def test_the_wrong_hire_is_a_quarter_of_the_wrong_role_and_the_search_for_the_right_one(
    client, ml_result
):
    block = wrong_hire(page_of(client, ml_result))
    book = bank_store.get().cost_book
    ai, ml = (
        costs.hire_cost(book.rate(r, "us", "in-house", "senior"), book.terms_for("us", "in-house"))
        for r in ("ai-engineer", "ml-engineer")
    )
    # 3 months of a senior AI engineer in-house in the US, then the six-month search for
    # the ML engineer with the seat empty, valued at the ML engineer's monthly cost
    three = ai.monthly.times(Decimal(3))
    empty = ml.monthly.times(ml.hire_months)
    assert f"{dollars(three.low)}–{dollars(three.high)}" in block
    assert f"{dollars(empty.low)}–{dollars(empty.high)}" in block
    total = int(dollars(three.low)[1:].replace(",", "")) + int(
        dollars(empty.low)[1:].replace(",", "")
    )
    assert f"about ${total:,}" in block
    assert "“a quarter of misdirected work”" in block
    assert card(page_of(client, ml_result))["wrong"].startswith(f"about ${total:,}")


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


def runway_text(page: str) -> str:
    return text_of(re.search(r'<p class="runway.*?</p>', page).group())


def test_burn_and_cash_give_the_share_of_burn_and_the_runway(client, ml_result):
    page = page_of(client, f"{ml_result}?burn=80000&cash=1200000")
    runway = runway_text(page)
    book = bank_store.get().cost_book
    cost = costs.hire_cost(
        book.rate("ml-engineer", "us", "in-house", "senior"), book.terms_for("us", "in-house")
    )
    share = cost.monthly.times(Decimal(100) / 80000)
    low, high = (
        int(v.quantize(Decimal(1), rounding=ROUND_HALF_UP)) for v in (share.low, share.high)
    )
    assert f"This hire is {low}–{high}% est. of your monthly burn of $80,000" in runway
    assert "your runway is 15 months" in runway  # 1,200,000 ÷ 80,000
    shorter = costs.runway(cost, book.currency("USD"), burn=80000, cash=1200000).shortened_by
    assert f"shorter by {shorter.low.quantize(Decimal('0.1'))}–" in runway
    assert card(page)["runway"].startswith("15 months without")


def test_burn_alone_gives_the_share_and_cash_alone_asks_for_the_burn(client, ml_result):
    page = page_of(client, f"{ml_result}?burn=200000&currency=EUR")
    assert "of your monthly burn of €200,000" in runway_text(page) and "shorter by" not in page
    assert "share" in card(page)
    page = page_of(client, f"{ml_result}?cash=500000")
    assert "Enter your monthly burn too" in page


def test_a_hire_that_starts_after_the_money_runs_out_leaves_the_runway_alone(client, ml_result):
    page = page_of(client, f"{ml_result}?burn=100000&cash=300000")  # 3 months; hired in 6
    assert "shorter by 0 months" in runway_text(page)


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
        ("pay=0", "Enter your own figure as an amount from 1 to 10,000,000."),
        ("pay=lots", "Enter your own figure as a number, e.g. 9500 or 42.50."),
        ("pay=12.345", "Enter your own figure with at most two decimals."),
        ("pay=9000&pay_per=week", "Choose the period of your figure: a month, an hour or a year."),
    ],
)
def test_bad_values_get_a_422_naming_what_is_allowed(client, ml_result, headers, query, message):
    response = client.get(f"{ml_result}?{query}", **headers)
    assert response.status_code == 422
    page = re.sub(r"\s+", " ", response.content.decode())
    assert message in page
    assert "The figures below use the default instead." in page
    if not query.startswith(("currency", "option", "seniority", "pay")):
        assert card(page)["monthly"] == expected() + " a month"  # the defaults, still priced


# Honesty: every figure says where it comes from, estimates marked wherever shown


class Figures(HTMLParser):
    """Every money figure in a page's text, with the `data-source` of the element that
    holds it ("" when none does); and the text of each element with a `data-source`."""

    VOID = {"input", "br", "img", "meta", "link", "hr", "source", "wbr", "col"}

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, bool]] = []  # per open element: its source, estimate?
        self.found: list[tuple[str, str]] = []  # (figure, source)
        self.open_texts: list[list[str]] = []
        self.closed: list[tuple[str, bool, str]] = []  # (source, estimate attribute, text)

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        names = dict(attrs)
        source = names.get("data-source") or ""
        self.stack.append((source, "data-estimate" in names))
        if source:
            self.open_texts.append([])

    def handle_endtag(self, tag):
        if tag in self.VOID or not self.stack:
            return
        source, estimate = self.stack.pop()
        if source:
            self.closed.append((source, estimate, " ".join(self.open_texts.pop())))

    def handle_data(self, data):
        for opened in self.open_texts:
            opened.append(data)
        for figure in MONEY.findall(data):
            sources = [source for source, _ in self.stack if source]
            self.found.append((figure, sources[-1] if sources else ""))

    @classmethod
    def of(cls, html: str) -> Figures:
        found = cls()
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


def test_every_figure_says_where_it_comes_from_and_estimates_say_so(client, bank):
    url = complete(client, AI_ANSWERS)
    everything = "compare=&" + "&".join(f"compare={r.slug}" for r in Region.objects.all())
    kinds = set()
    for query in (
        f"?{everything}&burn=90000&cash=800000",
        f"?{everything}&seniority=mid&currency=GBP&hours=25&months=30",
        "?option=south-asia/offshore&seniority=mid&burn=40000&cash=100000",
        "?option=latin-america/contractor&pay=45&pay_per=hour&burn=50000&cash=700000",
    ):
        found = Figures.of(costs_parts(client.get(url + query).content.decode()))
        assert found.found and all(source for _, source in found.found), (
            query, [f for f, source in found.found if not source][:5],
        )  # fmt: skip
        for source, estimate, text in found.closed:
            assert source in ("article", "published", "estimate", "founder"), source
            # an estimate is marked for the eye as for the machine
            assert (source == "estimate") == estimate, (source, text)
            if source == "estimate":
                assert "est." in text, text
            if source == "article" and "$" in text:
                assert "article" in text, text
        kinds |= {source for _, source in found.found}
    # each kind of figure is on these pages, the founder's own where they typed one
    assert kinds == {"published", "estimate", "article", "founder"}, kinds


def test_the_articles_own_figures_are_shown_as_the_articles(client, ml_result):
    page = page_of(client, ml_result)
    article = re.search(r'<div class="article-check.*?</p>', page).group()
    assert re.search(
        r'data-source="article">\$12,000–\$14,000 a month <span class="src-mark src-mark-article"',
        article,
    )
    offshore = row(
        page_of(client, f"{ml_result}?option=south-asia/offshore&seniority=mid"),
        "South Asia, dedicated offshore, through a vendor",
    )
    # the article's $35 an hour, and its week to join: a starting price, the article's
    assert re.search(
        r'data-label="Per month, once hired"><span class="figure" data-source="article">'
        r"from \$6,067 <span",
        offshore,
    )
    assert re.search(
        r'data-label="Cash over 12 months"><span class="figure" data-source="article">'
        r"from \$71,400 <span",
        offshore,
    )


def test_a_senior_us_ml_engineer_stands_beside_the_articles_figure_with_why(client, ml_result):
    page = page_of(client, ml_result)
    block = text_of(re.search(r'<div class="article-check.*?</p>', page).group()).replace(
        "&#x27;", "'"
    )
    senior = expected()
    assert "$12,000–$14,000 a month" in block and senior in block
    low = int(senior.split("–")[0][1:].replace(",", ""))
    # the fixtures' figures are above the article's: the page says they differ, and why
    assert (
        low > 14000
        and "They differ: the article's figure is $144,000–$168,000 article a year" in block
    )
    assert "base pay alone" in block


def test_the_publishers_prices_stand_beside_an_independent_figure(client, ml_result):
    block = text_of(
        re.search(r'<div class="vendor-check.*?</div>', page_of(client, ml_result)).group()
    )
    assert "the vendor from $15 an hour article" in block
    assert "the vendor from $35 an hour article" in block
    book = bank_store.get().cost_book
    for role in ("ai-engineer", "ml-engineer"):
        rate = book.rate(role, "south-asia", "contractor", "mid")
        assert f"a contractor there, from public pay statistics, ${round(rate.low)}–" in block
    assert "AdSnipper, a vendor that places offshore specialists" in block


def test_the_page_says_where_the_figures_come_from(client, ml_result):
    page = page_of(client, f"{ml_result}?currency=EUR")
    assert "AdSnipper, a vendor that places offshore specialists" in page
    assert "Where the figures come from" in page
    # each figure's source is a link away, for the same settings
    link = re.search(r'<a href="([^"]+/sources/[^"]*)">its own page</a>', page).group(1)
    assert link == f"{ml_result}sources/?currency=EUR"
    sources = page_of(client, link.replace("&amp;", "&"))
    assert "Machine Learning Engineer, US, in-house, full time, senior" in sources
    assert 'href="https://www.bls.gov/oes/current/oes151252.htm"' in sources
    assert "How: The AI engineer&#x27;s figure here (BLS software developers) × 1.1108" in sources
    assert (
        "Social Security (employer&#x27;s 6.2%, up to the 2025 wage base): 6.2% "
        "(up to 176,100 USD a year)" in sources
    )
    assert f'href="{ml_result}?currency=EUR#costs"' in sources  # back to the same figures
    # what admins note for themselves stays in the admin
    for note in PayRate.objects.exclude(check_note="").values_list("check_note", flat=True):
        assert note[:60] not in sources


def test_sources_of_a_result_that_does_not_exist_are_not_found(client, ml_result):
    assert client.get("/r/" + "x" * 32 + "/sources/").status_code == 404
    # a setting out of range: said, and the sources of the default settings shown
    response = client.get(f"{ml_result}sources/?months=999")
    assert response.status_code == 422
    assert "The sources below are for the default settings instead." in response.content.decode()


def test_the_compare_page_marks_where_costs_come_from(client, bank):
    left = complete(client, ML_ANSWERS).split("/")[2]
    right = complete(Client(), AI_ANSWERS).split("/")[2]
    page = page_of(client, reverse("compare", args=[left, right]))
    cost_row = re.search(r'<tr class="cost-row">.*?</tr>', page).group()
    assert "US, in-house, full time (senior): " in cost_row
    found = Figures.of(cost_row)
    assert found.found and all(source for _, source in found.found)
    assert all("est." in text for source, _, text in found.closed if source == "estimate")


# htmx and links


def test_the_htmx_update_swaps_the_figures_and_the_summary_card(client, ml_result):
    response = client.get(f"{ml_result}?option=eastern-europe/offshore&currency=GBP", **HX)
    assert response.status_code == 200
    page = re.sub(r"\s+", " ", response.content.decode())
    assert page.lstrip().startswith('<div id="cost-figures"')
    assert '<dl class="card-costs mb-2" id="card-costs" data-hx-swap-oob="true">' in page
    assert card(page)["label"] == ("Eastern Europe, dedicated offshore, through a vendor (senior)")
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
        role__slug="ai-engineer", region__slug="us", engagement="in-house", seniority="senior"
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
    assert card(page)["label"].startswith("US, in-house")  # still priced


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


# The founder's own figure


def test_a_founders_salary_replaces_the_rate_in_every_total_the_runway_and_the_wrong_hire(
    client, ml_result
):
    base = "?option=us/in-house&burn=80000&cash=1200000"
    ours, theirs = (
        page_of(client, ml_result + base + extra) for extra in ("", "&pay=150000&pay_per=year")
    )
    before, after = card(ours), card(theirs)
    for key in ("monthly", "whole", "runway", "wrong"):
        assert before[key] != after[key], key
    assert after["founder"] == "$150,000 a year"
    # $12,500 a month of pay, with the US contributions and benefits on top
    book = bank_store.get().cost_book
    terms = book.terms_for("us", "in-house")
    on_costs = costs.on_costs_of(terms, costs.Span(Decimal(12500), Decimal(12500)))
    assert after["monthly"] == f"{dollars(12500 + on_costs.low)} a month"
    pay = re.search(r"<tr><th scope=\"row\">Base pay.*?</tr>", theirs).group()
    assert (
        'data-source="founder">$75,000 <span class="src-mark src-mark-founder"' in pay
    )  # 6 months paid
    assert wrong_hire(ours) != wrong_hire(theirs)  # the empty seat is valued at this hire
    # the share link and the sources page keep the figure
    assert re.search(r'id="share-link"[^>]*value="[^"]*pay=150000&amp;pay_per=year', theirs)
    assert "Your own figure: $150,000 a year." in page_of(
        client, f"{ml_result}sources/{base}&pay=150000&pay_per=year"
    )


def test_a_vendors_hourly_quote_in_euros_prices_the_offshore_option(client, ml_result):
    query = "?option=latin-america/offshore&seniority=mid&hours=30&currency=EUR"
    page = page_of(client, f"{ml_result}{query}&pay=40&pay_per=hour")
    figures = card(page)
    assert figures["founder"] == "€40 an hour"
    assert figures["monthly"] == f"€{round(40 * 30 * 52 / 12):,} a month"  # no on-costs
    assert "your option" in row(page, "Latin America, dedicated offshore, through a vendor")
    assert "€5,200" in row(page, "Latin America, dedicated offshore, through a vendor")


def test_a_result_stored_before_sources_and_countries_were_kept_still_shows_its_figures(
    client, ml_result
):
    # A stored book as results kept it before: no sources, bases or countries.
    assessment = Assessment.objects.get(token=ml_result.split("/")[2])
    stored = assessment.snapshot["costs"]
    for item in stored["rates"]:
        for name in ("source_kind", "source_name", "source_url", "method", "base", "factor"):
            item.pop(name)
    for item in stored["terms"]:
        item.pop("countries")
        item["on_costs"] = "0.250"
    assessment.save(update_fields=["snapshot"])
    page = page_of(client, ml_result)
    book = costs.book_from_data(stored)
    cost = costs.hire_cost(
        book.rate("ml-engineer", "us", "in-house", "senior"), book.terms_for("us", "in-house")
    )
    monthly = costs.priced(cost, book.currency("USD")).monthly
    # its own figures, with the flat share of on-costs it was made with
    assert card(page)["monthly"] == f"${monthly.low:,}–${monthly.high:,} a month"
    assert all(source for _, source in Figures.of(costs_parts(page)).found)
