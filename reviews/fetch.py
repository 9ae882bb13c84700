"""Fetch a web page (an import, a cited page), refusing anything but public web servers.

The host is resolved once and the connection goes to that address (no second DNS
lookup an attacker could answer differently); every redirect is checked the same way.
Private, loopback, link-local and other non-public addresses are refused unless the
host and port are listed in settings.IMPORT_ALLOWED_HOSTS (for tests against a local server).

The whole fetch, every redirect hop included, has one wall-clock budget
(settings.IMPORT_TIMEOUT_SECONDS): each connect gets the time that is left as its timeout,
and a watchdog shuts the connection's socket when the budget runs out, so a server that
sends its headers or its page a byte at a time cannot hold a worker past it.
"""

from __future__ import annotations

import codecs
import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import urllib3
from django.conf import settings
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.util.ssl_match_hostname import CertificateError

ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
USER_AGENT = "factcheck-importer/1.0 (+newsroom fact-check desk)"
READ_SIZE = 16 * 1024  # small reads: the budget is looked at between them


class FetchRefused(Exception):
    """The URL cannot be fetched; the message says why, for the editor. `status` is the
    HTTP status when the site answered with an error (404, 500), else None."""

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status


@dataclass
class FetchedPage:
    url: str  # after redirects
    content_type: str
    charset: str | None
    body: bytes
    status: int = 200


# IPv6 forms that carry an IPv4 address inside: a loopback or private IPv4 address must
# not get through in one of them ([::127.0.0.1], [64:ff9b::7f00:1], [2002:7f00:1::1]).
NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
IPV4_COMPATIBLE = ipaddress.ip_network("::/96")


def embedded_ipv4(address) -> list:
    """The IPv4 addresses an IPv6 address carries (mapped, compatible, NAT64, 6to4, Teredo)."""
    if address.version != 6:
        return []
    found = [address.ipv4_mapped, address.sixtofour, *(address.teredo or ())]
    if address in IPV4_COMPATIBLE or any(address in net for net in NAT64):
        found.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return [ipv4 for ipv4 in found if ipv4 is not None]


def is_public(address) -> bool:
    candidates = [address, *embedded_ipv4(address)]
    return all(a.is_global and not a.is_multicast for a in candidates)


def allowed_host(host: str, port: int) -> bool:
    """IMPORT_ALLOWED_HOSTS entries are "host:port", or "host" for ports 80 and 443 only."""
    wanted = {entry.lower() for entry in settings.IMPORT_ALLOWED_HOSTS}
    host = host.lower()
    return f"{host}:{port}" in wanted or (host in wanted and port in (80, 443))


def public_address(host: str, port: int) -> str:
    """Resolve host and return an address to connect to, refusing non-public ones."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, ValueError) as error:
        raise FetchRefused(f"The host “{host}” could not be found.") from error
    addresses = [ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in infos]
    if not allowed_host(host, port):
        for address in addresses:
            if not is_public(address):
                raise FetchRefused(
                    f"The address of “{host}” ({address}) is private or local; "
                    "only public web pages can be imported."
                )
    return str(addresses[0])


class Budget:
    """One wall-clock budget for a fetch, and the watchdog that enforces it.

    Sockets are watched once connected; when the time is up the watchdog shuts them, which
    ends any read blocked on them. Closing goes through close() so a socket is never shut
    and closed at the same moment.
    """

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.expired = False
        self.stopped = False
        self.sockets: dict = {}  # connection -> its socket, kept when http.client drops it
        self.lock = threading.Lock()
        self.timer = threading.Timer(seconds, self.expire)
        self.timer.daemon = True

    def __enter__(self) -> Budget:
        self.timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self.timer.cancel()
        with self.lock:
            self.stopped = True

    def over(self) -> bool:
        return self.expired or time.monotonic() >= self.end

    def left(self) -> float:
        """The seconds left, or FetchRefused when there are none."""
        remaining = self.end - time.monotonic()
        if self.expired or remaining <= 0:
            raise self.refusal()
        return remaining

    def refusal(self, answered: bool = False) -> FetchRefused:
        seconds = f"{self.seconds:g} second{'' if self.seconds == 1 else 's'}"
        if answered:
            return FetchRefused(f"The site did not send the whole page within {seconds}.")
        return FetchRefused(f"The site did not answer within {seconds}.")

    def watch(self, connection) -> None:
        with self.lock:
            self.sockets[connection] = connection.sock
            if self.expired:
                shut(connection.sock)

    def expire(self) -> None:
        with self.lock:
            if self.stopped:
                return
            self.expired = True
            for sock in self.sockets.values():
                shut(sock)

    def close(self, connection, response=None) -> None:
        with self.lock:
            self.sockets.pop(connection, None)
            if response is not None:
                response.close()
            connection.close()


def shut(sock) -> None:
    """Shut a socket from the watchdog: a read blocked on it returns at once."""
    with contextlib.suppress(OSError):  # already closed
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


class BudgetedConnection(HTTPConnection):
    budget: Budget

    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        # The TLS handshake that follows gets only what the connect left of the budget.
        sock.settimeout(max(self.budget.end - time.monotonic(), 0.001))
        return sock


class BudgetedTLSConnection(BudgetedConnection, HTTPSConnection):
    pass


def open_connection(scheme: str, host: str, address: str, port: int, budget: Budget):
    timeout = budget.left()
    if scheme == "https":
        connection = BudgetedTLSConnection(
            address,
            port,
            timeout=timeout,
            server_hostname=host,
            assert_hostname=host,
            cert_reqs="CERT_REQUIRED",
        )
    else:
        connection = BudgetedConnection(address, port, timeout=timeout)
    connection.budget = budget
    return connection


def fetch_page(url: str) -> FetchedPage:
    with Budget(settings.IMPORT_TIMEOUT_SECONDS) as budget:
        for _ in range(settings.IMPORT_MAX_REDIRECTS + 1):
            try:
                parts = urlsplit(url)
                host = parts.hostname
            except ValueError as error:  # "http://[::1" from a redirect, for one
                raise FetchRefused(
                    "The page sent us to a web address that is not valid."
                ) from error
            if parts.scheme not in ("http", "https") or not host:
                raise FetchRefused("Only http:// and https:// web addresses can be imported.")
            try:
                port = parts.port or (443 if parts.scheme == "https" else 80)
            except ValueError as error:
                raise FetchRefused("The web address has an invalid port.") from error
            address = public_address(host, port)
            connection, response = open_connection(parts.scheme, host, address, port, budget), None
            try:
                response = request(connection, parts, budget)
                location = response.headers.get("Location")
                if response.status in (301, 302, 303, 307, 308) and location:
                    try:
                        url = urljoin(url, location)
                    except ValueError as error:  # "http://[::1"
                        raise FetchRefused(
                            "The page sent us to a web address that is not valid."
                        ) from error
                    continue
                return read_page(url, response, settings.IMPORT_MAX_BYTES, budget)
            finally:
                budget.close(connection, response)
        raise FetchRefused(f"Too many redirects (more than {settings.IMPORT_MAX_REDIRECTS}).")


def request(connection, parts, budget: Budget):
    """Connect, send the GET and read the status and headers, all within the budget."""
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    host_header = parts.hostname + (f":{parts.port}" if parts.port else "")
    headers = {"Host": host_header, "User-Agent": USER_AGENT, "Accept": "text/html"}
    try:
        connection.connect()
        budget.watch(connection)
        connection.timeout = budget.left()
        connection.request("GET", path, headers=headers, preload_content=False)
        connection.timeout = budget.left()
        return connection.getresponse()
    except FetchRefused:
        raise
    except (TimeoutError, urllib3.exceptions.TimeoutError) as error:
        raise budget.refusal() from error
    except (ssl.SSLError, urllib3.exceptions.SSLError, CertificateError) as error:
        if budget.over():
            raise budget.refusal() from error
        raise FetchRefused("The site's HTTPS certificate could not be verified.") from error
    except (OSError, http.client.HTTPException, urllib3.exceptions.HTTPError) as error:
        if budget.over():  # the watchdog shut the connection
            raise budget.refusal() from error
        raise FetchRefused(f"The site could not be reached ({type(error).__name__}).") from error


def read_page(url: str, response, max_bytes: int, budget: Budget) -> FetchedPage:
    if response.status >= 400:
        raise FetchRefused(
            f"The site answered {response.status} {response.reason or ''}".strip(),
            status=response.status,
        )
    content_type = response.headers.get("Content-Type", "")
    media_type = content_type.split(";")[0].strip().lower()
    if media_type not in ACCEPTED_TYPES:
        raise FetchRefused(
            f"That address is not a web page or text (it is “{media_type or 'unknown'}”)."
        )
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchRefused(f"The page is larger than {max_bytes // 1_000_000} MB.")
    chunks, size = [], 0
    try:
        while chunk := response.read1(READ_SIZE):
            size += len(chunk)
            if size > max_bytes:
                raise FetchRefused(f"The page is larger than {max_bytes // 1_000_000} MB.")
            if budget.over():
                raise budget.refusal(answered=True)
            chunks.append(chunk)
    except (OSError, http.client.HTTPException, urllib3.exceptions.HTTPError) as error:
        if budget.over():  # the watchdog shut the connection mid-page
            raise budget.refusal(answered=True) from error
        if isinstance(error, TimeoutError | urllib3.exceptions.TimeoutError):
            raise FetchRefused("The site stopped sending the page.") from error
        raise FetchRefused("The connection broke while reading the page.") from error
    if budget.over():  # the watchdog's shut can look like the end of the page
        raise budget.refusal(answered=True)
    charset = None
    if "charset=" in content_type:
        charset = content_type.split("charset=")[-1].split(";")[0].strip().strip('"') or None
    if charset:
        try:
            codecs.lookup(charset)
        except LookupError:
            charset = None  # an unknown name: decoded as UTF-8 with replacements
    return FetchedPage(
        url=url,
        content_type=media_type,
        charset=charset,
        body=b"".join(chunks),
        status=response.status,
    )
