"""One address for the preview of every language.

An engine's live server serves one configuration, that is one language, so
`wil serve` starts one per language on a private port and this small proxy
puts them behind the address staff open: a path in a language's folder
(`/…/fr/`) goes to that language's server, any other to the default
language's, so the language switch works in the preview as on the published
site. A request outside every folder (a live-reload poll, `/livereload/…`)
goes to the server of the page that sent it (its Referer). It knows nothing
of the engine: paths and a header only.
"""

from __future__ import annotations

import http.client
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

Backend = tuple[str, int]
# Headers that describe one connection, not the message (RFC 9110, 7.6.1).
_HOP = frozenset({"connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer"})
WAIT = 120  # seconds: a live-reload poll is held open up to a minute


def free_port(host: str = "127.0.0.1") -> int:
    """A port nothing listens on now (the engine's server takes it a moment later)."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


class LanguagesProxy(ThreadingHTTPServer):
    """`folders`: each language's path on the host (`/site/fr/`) and its server;
    `default`: the server of every other path."""

    daemon_threads = True

    def __init__(self, address: Backend, folders: dict[str, Backend], default: Backend) -> None:
        super().__init__(address, _Forward)
        # longest first: `/site/fr/` before `/site/`
        self.folders = sorted(folders.items(), key=lambda item: len(item[0]), reverse=True)
        self.default = default

    def backend_for(self, path: str, referer: str | None) -> Backend:
        for target in (urlsplit(path).path, urlsplit(referer).path if referer else None):
            if target is None:
                continue
            for folder, backend in self.folders:
                if target.startswith(folder) or target + "/" == folder:
                    return backend
        return self.default

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self.serve_forever, args=(0.1,), name="languages-proxy", daemon=True)
        thread.start()
        return thread


class _Forward(BaseHTTPRequestHandler):
    server: LanguagesProxy

    def do_GET(self) -> None:
        self._forward("GET")

    def do_HEAD(self) -> None:
        self._forward("HEAD")

    def _forward(self, method: str) -> None:
        host, port = self.server.backend_for(self.path, self.headers.get("Referer"))
        connection = http.client.HTTPConnection(host, port, timeout=WAIT)
        try:
            headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP}
            connection.request(method, self.path, headers=headers)
            response = connection.getresponse()
            body = response.read()
        except OSError:
            self.send_error(502)  # the language's server is starting or has stopped
            return
        finally:
            connection.close()
        try:
            self.send_response(response.status, response.reason)
            for name, value in response.getheaders():
                if name.lower() not in _HOP | {"content-length", "server", "date"}:  # ours say those
                    self.send_header(name, value)
            # a HEAD answer has no body but says the length its GET would have
            length = response.getheader("Content-Length", "0") if method == "HEAD" else str(len(body))
            self.send_header("Content-Length", length)
            self.end_headers()
            if method != "HEAD":
                self.wfile.write(body)
        except OSError:
            pass  # the browser went away (a page reloading drops its live-reload poll)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the preview's terminal says what happens in the staff member's words."""
