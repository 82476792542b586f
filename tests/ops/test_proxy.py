"""Behind the proxy: the client is the address nginx appended to X-Forwarded-For, and the
proxy configuration is the one compose.yaml and `make faults` both use."""

from __future__ import annotations

import re
from pathlib import Path

from django.test import Client
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
NGINX = ROOT / "deploy" / "nginx.conf"
COMPOSE = ROOT / "compose.yaml"
PROXY = {"REMOTE_ADDR": "172.18.0.5"}  # every request reaches the app from nginx


def start_draft(forwarded_for: str):
    client = Client(HTTP_X_FORWARDED_FOR=forwarded_for, **PROXY)
    return client.post(reverse("step", args=["use-case"]), {"use-case": "fraud"})


def test_behind_one_proxy_each_client_is_limited_by_its_own_address(bank, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.DRAFTS_PER_HOUR = 2
    for _ in range(2):
        assert start_draft("203.0.113.9").status_code == 303
    assert start_draft("203.0.113.9").status_code == 429
    # another founder behind the same proxy is not affected
    assert start_draft("198.51.100.7").status_code == 303


def test_a_client_cannot_escape_its_limit_by_sending_its_own_forwarded_for(bank, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.DRAFTS_PER_HOUR = 2
    # nginx appends the address it saw after whatever the client sent
    for spoofed in ("10.0.0.1, 203.0.113.9", "10.0.0.2, 203.0.113.9"):
        assert start_draft(spoofed).status_code == 303
    assert start_draft("10.0.0.3, 203.0.113.9").status_code == 429


def test_the_proxy_config_is_filled_in_from_what_compose_gives_it():
    config = NGINX.read_text()
    compose = COMPOSE.read_text()
    names = set(re.findall(r"\$\{(\w+)\}", config))
    assert names == {"ADVISOR_LISTEN", "ADVISOR_APP", "ADVISOR_APP_2"}
    for name in names:
        assert re.search(rf"^\s+{name}: \S", compose, re.MULTILINE), name
    assert "./deploy/nginx.conf:/etc/nginx/templates/default.conf.template:ro" in compose
    # nginx appends to X-Forwarded-For: the one hop TRUSTED_PROXY_COUNT counts by default
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in config
    assert "TRUSTED_PROXY_COUNT: ${TRUSTED_PROXY_COUNT:-1}" in compose


def test_only_the_proxy_publishes_a_port():
    services = re.split(
        r"^  (\w+):(?: &\w+)?\n", COMPOSE.read_text().split("\nnetworks:\n")[0], flags=re.M
    )
    blocks = dict(zip(services[1::2], services[2::2], strict=True))
    assert set(blocks) == {"db", "migrate", "app", "app2", "worker", "proxy"}
    published = {name for name, block in blocks.items() if "\n    ports:" in block}
    assert published == {"proxy"}
    assert "networks: [internal]" in blocks["app"]
    assert blocks["app2"].strip() == "<<: *app"  # the same server again, the same network
    assert "networks: [internal]" in blocks["worker"]
