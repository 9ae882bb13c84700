"""Fetch a web page for import, refusing anything but public web servers.

The host is resolved once and the connection goes to that address (no second DNS
lookup an attacker could answer differently); every redirect is checked the same way.
Private, loopback, link-local and other non-public addresses are refused unless the
host is listed in settings.IMPORT_ALLOWED_HOSTS (for tests against a local server).
"""

from __future__ import annotations

import codecs
import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import urllib3
from django.conf import settings

ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
USER_AGENT = "factcheck-importer/1.0 (+newsroom fact-check desk)"


class FetchRefused(Exception):
    """The URL cannot be imported; the message says why, for the editor."""


@dataclass
class FetchedPage:
    url: str  # after redirects
    content_type: str
    charset: str | None
    body: bytes


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


def open_pool(scheme: str, host: str, address: str, port: int, timeout: float):
    timeouts = urllib3.Timeout(connect=timeout, read=timeout)
    if scheme == "https":
        return urllib3.HTTPSConnectionPool(
            address,
            port,
            timeout=timeouts,
            retries=False,
            server_hostname=host,
            assert_hostname=host,
            cert_reqs="CERT_REQUIRED",
        )
    return urllib3.HTTPConnectionPool(address, port, timeout=timeouts, retries=False)


def fetch_page(url: str) -> FetchedPage:
    timeout = settings.IMPORT_TIMEOUT_SECONDS
    max_bytes = settings.IMPORT_MAX_BYTES
    deadline = time.monotonic() + 2 * timeout
    for _ in range(settings.IMPORT_MAX_REDIRECTS + 1):
        try:
            parts = urlsplit(url)
            host = parts.hostname
        except ValueError as error:  # "http://[::1" from a redirect, for one
            raise FetchRefused("The page sent us to a web address that is not valid.") from error
        if parts.scheme not in ("http", "https") or not host:
            raise FetchRefused("Only http:// and https:// web addresses can be imported.")
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError as error:
            raise FetchRefused("The web address has an invalid port.") from error
        address = public_address(parts.hostname, port)
        pool = open_pool(parts.scheme, parts.hostname, address, port, timeout)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        host_header = parts.hostname + (f":{parts.port}" if parts.port else "")
        try:
            response = pool.urlopen(
                "GET",
                path,
                headers={"Host": host_header, "User-Agent": USER_AGENT, "Accept": "text/html"},
                redirect=False,
                preload_content=False,
                retries=False,
            )
        except urllib3.exceptions.TimeoutError as error:
            raise FetchRefused(f"The site did not answer within {timeout:g} seconds.") from error
        except urllib3.exceptions.SSLError as error:
            raise FetchRefused("The site's HTTPS certificate could not be verified.") from error
        except urllib3.exceptions.HTTPError as error:
            raise FetchRefused(
                f"The site could not be reached ({type(error).__name__})."
            ) from error
        try:
            if response.status in (301, 302, 303, 307, 308) and response.headers.get("Location"):
                try:
                    url = urljoin(url, response.headers["Location"])
                except ValueError as error:  # "http://[::1"
                    raise FetchRefused(
                        "The page sent us to a web address that is not valid."
                    ) from error
                continue
            return read_page(url, response, max_bytes, deadline)
        finally:
            response.release_conn()
    raise FetchRefused(f"Too many redirects (more than {settings.IMPORT_MAX_REDIRECTS}).")


def read_page(url: str, response, max_bytes: int, deadline: float) -> FetchedPage:
    if response.status >= 400:
        raise FetchRefused(f"The site answered {response.status} {response.reason or ''}".strip())
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
        for chunk in response.stream(64 * 1024):
            size += len(chunk)
            if size > max_bytes:
                raise FetchRefused(f"The page is larger than {max_bytes // 1_000_000} MB.")
            if time.monotonic() > deadline:
                raise FetchRefused("The site sent the page too slowly; try again later.")
            chunks.append(chunk)
    except urllib3.exceptions.TimeoutError as error:
        raise FetchRefused("The site stopped sending the page.") from error
    except urllib3.exceptions.HTTPError as error:
        raise FetchRefused("The connection broke while reading the page.") from error
    charset = None
    if "charset=" in content_type:
        charset = content_type.split("charset=")[-1].split(";")[0].strip().strip('"') or None
    if charset:
        try:
            codecs.lookup(charset)
        except LookupError:
            charset = None  # an unknown name: decoded as UTF-8 with replacements
    return FetchedPage(url=url, content_type=media_type, charset=charset, body=b"".join(chunks))
