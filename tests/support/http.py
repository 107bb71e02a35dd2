"""A base for the small local HTTP sites that tests write for one scenario (served with
``newscrawl.samples.server.in_thread``)."""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler


class HtmlHandler(BaseHTTPRequestHandler):
    """Answers with whole HTML bodies (``send_html``); no access log on stderr."""

    def send_html(self, body: bytes, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass
