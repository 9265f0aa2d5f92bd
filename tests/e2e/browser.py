"""Browser-test helpers shared by the e2e modules (fixtures stay in ``conftest.py``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django.conf import settings
from django.test import Client

from tests.e2e.helpers import status_of
from tests.reports.factories import analyst_create

if TYPE_CHECKING:
    from playwright.sync_api import Page


@dataclass
class BrowserSession:
    """A page plus every URL it requested, so a test can prove nothing left this machine."""

    page: Page
    base_url: str
    requested: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        return [
            url
            for url in self.requested
            if urlsplit(url).scheme in ("http", "https", "ws", "wss")
            and urlsplit(url).hostname not in ("127.0.0.1", "localhost", "::1")
        ]


def login_as_staff(web: BrowserSession, django_user_model: Any) -> None:
    """A staff session cookie, made by Django's test client, handed to the browser."""
    user = analyst_create("mapper", export=False)
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    web.page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": web.base_url}]
    )


def wait_ready(page: Page, *, previous: str | None = None) -> int:
    """Wait until the map has drawn a hexagon set (different from ``previous`` if given)."""
    selector = "#hotspot-map[data-state=ready]"
    if previous is not None:
        selector += f":not([data-hexagons='{previous}'])"
    page.wait_for_selector(selector, state="attached", timeout=60_000)
    return int(page.get_attribute("#hotspot-map", "data-hexagons") or "")


# Eager enrichment runs inside the POST; the first one in a process loads the geo reference
# data (10-20 s on a busy machine).
SUBMIT_TIMEOUT_MS = 90_000


def open_form(web: BrowserSession) -> Page:
    """The report form, loaded, with its map drawn."""
    page = web.page
    assert status_of(page.goto("/report/")) == 200
    # The map is ready when the bundled country outlines are drawn into it.
    page.wait_for_selector("#map svg path", state="attached")
    return page


def fill_form(page: Page, *, observed: str, location: str = "", narrative: str = "") -> None:
    page.fill("#id_observed_at", observed)
    if location:
        page.fill("#id_location_text", location)
    if narrative:
        page.fill("#id_narrative", narrative)
