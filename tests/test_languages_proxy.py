"""The preview's one address for every language (publish/languages_proxy.py),
with real HTTP servers behind it: each answers with its own name, so every
route the proxy takes shows in the body."""

from __future__ import annotations

import http.client
import http.server
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from generator.publish.languages_proxy import LanguagesProxy, free_port


class _Named(http.server.BaseHTTPRequestHandler):
    name = ""

    def do_HEAD(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "7")
        self.end_headers()

    def do_GET(self) -> None:
        if self.path.endswith("/missing/"):
            self.send_error(404)
            return
        body = f"{self.name} {self.path} {self.headers.get('X-Probe', '')}".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Set-Cookie", "kept=1")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def _server(name: str) -> http.server.ThreadingHTTPServer:
    handler = type(f"Named{name}", (_Named,), {"name": name})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    return server


@pytest.fixture
def proxy() -> Iterator[str]:
    en, fr = _server("en"), _server("fr")
    port = free_port()
    front = LanguagesProxy(
        ("127.0.0.1", port), {"/site/fr/": ("127.0.0.1", fr.server_port)}, ("127.0.0.1", en.server_port)
    )
    front.start()
    yield f"http://127.0.0.1:{port}"
    front.shutdown()
    en.shutdown()
    fr.shutdown()


def _get(url: str, **headers: str) -> tuple[int, str, dict[str, str]]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, "", dict(error.headers)


def test_each_language_folder_goes_to_its_own_server(proxy: str) -> None:
    assert _get(proxy + "/site/fr/search/?q=x")[1] == "fr /site/fr/search/?q=x "
    assert _get(proxy + "/site/fr")[1] == "fr /site/fr "  # the folder itself, without its slash
    assert _get(proxy + "/site/search/")[1] == "en /site/search/ "
    assert _get(proxy + "/site/free/")[1] == "en /site/free/ "  # "fr" only as a whole folder name
    assert _get(proxy + "/")[1] == "en / "


def test_a_request_outside_every_folder_goes_where_its_page_came_from(proxy: str) -> None:
    poll = proxy + "/livereload/1/2"
    assert _get(poll, Referer=proxy + "/site/fr/opportunities/x/")[1].startswith("fr ")
    assert _get(poll, Referer=proxy + "/site/opportunities/x/")[1].startswith("en ")
    assert _get(poll)[1].startswith("en ")


def test_the_answer_passes_through_whole(proxy: str) -> None:
    status, body, headers = _get(proxy + "/site/fr/page/", **{"X-Probe": "sent"})
    assert status == 200 and body.endswith(" sent")  # the request's headers reach the server
    assert headers["Set-Cookie"] == "kept=1" and headers["Content-Length"] == str(len(body))
    assert _get(proxy + "/site/fr/missing/")[0] == 404


def test_the_longest_folder_wins_whatever_the_order_given() -> None:
    site, fr, other = _server("site"), _server("fr"), _server("other")
    port = free_port()
    folders = {"/site/": ("127.0.0.1", site.server_port), "/site/fr/": ("127.0.0.1", fr.server_port)}
    front = LanguagesProxy(("127.0.0.1", port), folders, ("127.0.0.1", other.server_port))
    front.start()
    try:
        assert _get(f"http://127.0.0.1:{port}/site/fr/x/")[1].startswith("fr ")
        assert _get(f"http://127.0.0.1:{port}/site/x/")[1].startswith("site ")
        assert _get(f"http://127.0.0.1:{port}/elsewhere/")[1].startswith("other ")
    finally:
        front.shutdown()
        for server in (site, fr, other):
            server.shutdown()


def test_one_of_each_header_and_no_body_for_head(proxy: str) -> None:
    connection = http.client.HTTPConnection(proxy.removeprefix("http://"), timeout=10)
    connection.request("GET", "/site/fr/")
    response = connection.getresponse()
    names = [name.lower() for name, _ in response.getheaders()]
    assert response.read() == b"fr /site/fr/ "
    assert all(names.count(name) == 1 for name in ("server", "date", "content-length")), names
    assert response.reason == "OK"
    connection.close()
    connection = http.client.HTTPConnection(proxy.removeprefix("http://"), timeout=10)
    connection.request("HEAD", "/site/fr/")
    response = connection.getresponse()
    assert response.status == 200 and response.read() == b"" and response.getheader("Content-Length") == "7"
    connection.close()


def test_a_stopped_server_is_a_bad_gateway_not_a_hang() -> None:
    port, gone = free_port(), free_port()
    front = LanguagesProxy(("127.0.0.1", port), {}, ("127.0.0.1", gone))
    front.start()
    try:
        assert _get(f"http://127.0.0.1:{port}/site/")[0] == 502
    finally:
        front.shutdown()
