"""HTML and JSON leave the server gzip-compressed for a browser that accepts it (GZipMiddleware,
docs/architecture.md: Compression); static files stay whitenoise's business."""

import gzip
import json
import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def html_of(response):
    assert response["Content-Encoding"] == "gzip"
    return gzip.decompress(response.content).decode()


def test_today_is_gzipped_for_a_browser_that_accepts_it(alice_today):
    response = alice_today.get(reverse("journal:today"), **GZIP)
    assert response.status_code == 200
    assert "Accept-Encoding" in response["Vary"]
    html = html_of(response)
    assert 'data-testid="plan-item"' in html
    # Smaller on the wire than the page itself.
    assert int(response["Content-Length"]) < len(html.encode()) / 3


def test_without_accept_encoding_the_page_is_plain_and_says_it_varies(alice_today):
    response = alice_today.get(reverse("journal:today"))
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    assert "Accept-Encoding" in response["Vary"]
    assert 'data-testid="plan-item"' in response.content.decode()


def test_the_csrf_token_differs_in_every_compressed_response(alice_today):
    """What BREACH needs is a secret that is the same in every response: the token Django prints
    is masked afresh for each response (docs/architecture.md, Compression)."""
    pages = [html_of(alice_today.get(reverse("settings"), **GZIP)) for _ in range(3)]
    tokens = [TOKEN.search(page).group(1) for page in pages]
    assert len(set(tokens)) == 3


def test_a_tick_sent_by_the_page_answers_gzipped_json(alice_today, screened_alice):
    day = screened_alice.local_today().isoformat()
    url = reverse("journal:tick", kwargs={"day": day, "exercise": "daily-walk"})
    response = alice_today.post(url, {}, HTTP_X_REQUESTED_WITH="fetch", **GZIP)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "Accept-Encoding" in response["Vary"]
    data = json.loads(html_of(response))
    assert data["ok"] and 'data-done="true"' in data["row"]


def test_a_short_answer_is_left_alone(client):
    response = client.get("/healthz", **GZIP)
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    assert response.content == b"ok"


def test_static_files_are_served_by_whitenoise_not_by_the_gzip_middleware(alice_today):
    """Whitenoise answers a static path before the gzip middleware sees it (it sits below
    whitenoise): here the file as it is, in production whitenoise's own precompressed copy
    (tests/hardening/test_headers.py checks that one)."""
    from django.templatetags.static import static

    response = alice_today.get(static("css/backcare.css"), **GZIP)
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    assert "Vary" not in response
    assert b"{" in b"".join(response.streaming_content)
