"""The cost panel in Spanish and German: its words translated, every amount in the
language's number format with the currency symbol where the language writes it, and the
founder's own figure read as they type it there; English unchanged."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.utils import translation

from advisor import costs
from advisor.costs.amounts import plain
from advisor.costs.presenter.sources import Sources
from advisor.costs.presenter.words import amount, months_words, percent, span_weeks_words
from tests.conftest import ML_ANSWERS, complete
from tests.costs.test_cost_page import card, row

NB = "\u00a0"  # between an amount and its symbol, and a share and its %


@pytest.fixture
def ml_result(client, bank) -> str:
    translation.activate("en")
    return complete(client, ML_ANSWERS)


def page_of(client, url: str) -> str:
    """The page, its runs of spaces and newlines as one space; no-break spaces kept."""
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return re.sub(r"[ \t\r\n]+", " ", response.content.decode())


def text_of(html: str) -> str:
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", "", html))


def article_block(page: str) -> str:
    return text_of(re.search(r'<div class="article-check.*?</p>', page).group()).replace(
        "&#x27;", "'"
    )


@pytest.mark.parametrize(
    "lang, fixed, yearly",
    [
        ("en", "$12,000–$14,000 a month", "$144,000–$168,000"),
        ("es", f"12.000–14.000{NB}$ al mes", f"144.000–168.000{NB}$"),
        ("de", f"12.000–14.000{NB}$ pro Monat", f"144.000–168.000{NB}$"),
    ],
)
def test_the_articles_figure_is_written_as_the_language_writes_money(
    client, ml_result, lang, fixed, yearly
):
    prefix = "" if lang == "en" else f"/{lang}"
    block = article_block(page_of(client, prefix + ml_result))
    assert fixed in block
    said = {
        "en": "They differ: the article's figure is " + yearly,
        "es": "No coinciden: la cifra del artículo es " + yearly,
        "de": "Sie weichen ab: Der Wert des Artikels liegt bei " + yearly,
    }[lang]
    assert said in block


@pytest.mark.parametrize(
    "lang, starting, cash, words",
    [
        ("en", "from $6,067", "from $71,400", "South Asia, dedicated offshore, through a vendor"),
        ("es", f"desde 6.067{NB}$", f"desde 71.400{NB}$", "Asia meridional, offshore dedicado"),
        ("de", f"ab 6.067{NB}$", f"ab 71.400{NB}$", "Südasien, dediziertes Offshore-Team"),
    ],
)
def test_the_table_rows_are_in_the_founders_language(
    client, ml_result, lang, starting, cash, words
):
    prefix = "" if lang == "en" else f"/{lang}"
    page = page_of(client, f"{prefix}{ml_result}?option=south-asia/offshore&seniority=mid")
    offshore = text_of(row(page, words[:1].upper() + words[1:]))
    assert starting in offshore and cash in offshore


@pytest.mark.parametrize(
    "lang, typed, founder, all_in",
    [
        ("en", "12000", "$12,000 a month", "All in, 12 months"),
        ("en", "12,000.50", "$12,000.50 a month", "All in, 12 months"),
        ("de", "12.000", f"12.000{NB}$ pro Monat", "Insgesamt, 12 Monate"),
        ("de", "12.000,50", f"12.000,50{NB}$ pro Monat", "Insgesamt, 12 Monate"),
        ("de", "12000", f"12.000{NB}$ pro Monat", "Insgesamt, 12 Monate"),
        ("es", "12.000", f"12.000{NB}$ al mes", "Todo incluido, 12 meses"),
    ],
)
def test_the_founders_own_figure_is_read_as_typed_in_their_language(
    client, ml_result, lang, typed, founder, all_in
):
    prefix = "" if lang == "en" else f"/{lang}"
    page = page_of(client, f"{prefix}{ml_result}?pay={typed}&pay_per=month")
    figures = card(page)
    assert figures["founder"] == founder
    whole = re.search(rf'<div data-cost="whole"><dt>{all_in}</dt>', page)
    assert whole, "the horizon's label is in the founder's language"


def test_a_horizon_of_one_month_is_singular(client, ml_result):
    page = page_of(client, f"/de{ml_result}?months=1")
    assert '<div data-cost="whole"><dt>Insgesamt, 1 Monat</dt>' in page
    page = page_of(client, f"/es{ml_result}?months=1")
    assert '<div data-cost="whole"><dt>Todo incluido, 1 mes</dt>' in page


def test_euros_and_shares_in_german(client, ml_result):
    page = page_of(client, f"/de{ml_result}?currency=EUR&pay=1234,56&burn=50000&cash=700000")
    figures = card(page)
    assert figures["founder"] == f"1.234,56{NB}€ pro Monat"
    assert re.search(rf"\d+(–\d+)?{NB}% <span class=\"src-mark", page)  # share of burn
    assert f"50.000{NB}€" in page and f"700.000{NB}€" in page  # the burn and the cash
    assert f"0,92{NB}€ pro Dollar" in page  # the exchange rate, in the legend
    runway = figures["runway"]
    assert re.fullmatch(r"\d+(,\d)? Monate ohne, \d+(,\d)? Monate mit dieser Einstellung", runway)


@pytest.mark.parametrize(
    "lang, query, message",
    [
        ("de", "pay=viel", "Geben Sie Ihren eigenen Betrag als Zahl ein, z. B. 9.500 oder 42,50."),
        ("de", "pay=1.2.3", "Geben Sie Ihren eigenen Betrag als Zahl ein, z. B. 9.500 oder 42,50."),
        ("de", "pay=0", "Geben Sie Ihren eigenen Betrag zwischen 1 und 10.000.000 ein."),
        ("es", "pay=mucho", "Introduce tu propia cifra como número, p. ej. 9.500 o 42,50."),
        ("es", "burn=5", "Introduce un gasto mensual entre 100 y 100.000.000."),
        ("de", "seniority=junior", "Wählen Sie Mid-Level oder Senior."),
    ],
)
def test_bad_values_get_a_422_in_the_founders_language(client, ml_result, lang, query, message):
    response = client.get(f"/{lang}{ml_result}?{query}")
    assert response.status_code == 422
    assert message in re.sub(r"\s+", " ", response.content.decode())


def test_the_form_and_the_marks_are_translated(client, ml_result):
    page = page_of(client, f"/de{ml_result}")
    for words in (
        "Die Einstellung, die Sie berechnen",
        "Ihr eigener Betrag (optional)",
        "Neu berechnen",
        "Weitere Einstellungen: Währung",
        '<option value="month" selected>pro Monat</option>',
        '<optgroup label="USA"><option value="us/in-house" selected>USA, festangestellt, Vollzeit',
        ">gesch.</span>",
    ):
        assert words in page, words
    assert 'type="text" name="pay"' in page  # a number input would refuse "12.000,50"
    page = page_of(client, f"/es{ml_result}")
    for words in ("La contratación que calculas", "Recalcular", ">est.</span>", "Sénior"):
        assert words in page, words


def test_numbers_words_and_shares_follow_the_language():
    with translation.override("de"):
        assert amount(1234, "€") == f"1.234{NB}€"
        assert percent(Decimal("0.097")) == f"9,7{NB}%"
        assert months_words(Decimal("1.5")) == "1,5 Monate"
        assert months_words(Decimal(1)) == "1 Monat"
        assert span_weeks_words(costs.Span(Decimal(3), Decimal(6))) == "3–6 Wochen"
    with translation.override("es"):
        assert amount(12000, "$", 14000) == f"12.000–14.000{NB}$"
        assert percent(Decimal("0.097")) == f"9,7{NB}%"
        assert months_words(Decimal(2)) == "2 meses"
    with translation.override("en"):
        assert amount(12000, "$", 14000) == "$12,000–$14,000"
        assert percent(Decimal("0.097")) == "9.7%"


@pytest.mark.parametrize(
    "typed, decimal, group, read",
    [
        ("12.000", ",", ".", "12000"),
        ("12.000,50", ",", ".", "12000.50"),
        ("1.234.567,8", ",", ".", "1234567.8"),
        ("12 000,5", ",", ".", "12000.5"),
        ("42.50", ",", ".", "42.50"),  # a point before two digits can only be decimal
        ("12000", ",", ".", "12000"),
        ("12,000.50", ".", ",", "12000.50"),
        ("1.2.3", ",", ".", None),
        ("12.0000", ",", ".", None),
        ("12,00,0", ".", ",", None),
        ("lots", ".", ",", None),
    ],
)
def test_an_amount_is_read_in_the_languages_format(typed, decimal, group, read):
    assert plain(typed, decimal, group) == read


def test_the_sources_page_is_in_the_founders_language(client, ml_result):
    page = page_of(client, f"/de{ml_result}sources/?currency=EUR&compare=south-asia")
    assert "Wechselkurs EUR" in page and f"0,92{NB}€ pro US-Dollar" in page
    assert re.search(r"Machine Learning Engineer, USA, festangestellt, Vollzeit, Senior", page)
    assert re.search(rf"\d+{NB}% des Gehalts", page)  # on-costs, a share of pay


def test_the_sources_are_counted_without_being_written_out(bank):
    book = bank.cost_book
    used = [
        costs.hire_cost(book.rate("ml-engineer", r, e, "senior"), book.terms_for(r, e))
        for r, e in (("us", "in-house"), ("south-asia", "offshore"), ("us", "in-house"))
    ]
    roles = {"ml-engineer": {"name": "Machine Learning Engineer"}}
    names = {r.slug: r.name for r in book.regions}
    for code in ("USD", "EUR"):
        with translation.override("de"):
            found = Sources(used, roles, names, book.currency(code))
        assert "items" not in found.__dict__  # nothing written out yet
        assert len(found) == len(list(found)) == 4 + (code == "EUR")
        assert "festangestellt" in found[0]["title"]  # in the language it was made in
