"""Requests to other sites that can never reach this machine or its network (for `linkcheck --external`).

Every address a link or a redirect names is refused unless it is a public unicast address:
loopback, private, link-local (cloud metadata at 169.254.169.254), shared, unspecified, multicast
and reserved ranges are refused for IPv4 and IPv6, also inside IPv6 (IPv4-mapped, -compatible,
NAT64, 6to4, Teredo) and in the numeric forms browsers and libc accept (http://2130706433/,
http://0x7f.1/, http://017700000001/). A name is resolved once, all its addresses are checked,
and the connection goes to a checked address, so a second DNS answer cannot differ. Every redirect
target is checked the same way before it is requested, and no proxy is used.

Own code on the standard library (ipaddress, socket, urllib): the libraries that do this wrap
`requests`, which this project does not use, and the checks are a few dozen lines.
"""

from __future__ import annotations

import http.client
import ipaddress
import re
import socket
import urllib.error
import urllib.request
from urllib.parse import unquote, urljoin, urlsplit

_NUMBER = re.compile(r"^(?:0x[0-9a-f]*|[0-9]+)$", re.IGNORECASE)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class RefusedAddress(Exception):  # noqa: N818 - it is a verdict, not an error of the program
    """A link whose address must not be requested; the message says why, in German."""


def numeric_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """The IPv4 address of a host written as numbers the way inet_aton reads them (127.1, 0x7f.1, 2130706433), else None."""
    parts = host.split(".")
    if not 1 <= len(parts) <= 4 or not all(_NUMBER.match(part) for part in parts):
        return None
    try:
        values = [int(part, 16) if part.lower().startswith("0x") else int(part, 8) if len(part) > 1 and part.startswith("0")
                  else int(part) for part in (p if p.lower() != "0x" else "0" for p in parts)]
    except ValueError:  # 08, 0x…g: not a number inet_aton reads; refused rather than guessed
        raise RefusedAddress(f"„{host}“ ist keine gültige IP-Adresse") from None
    *leading, last = values
    if any(value > 255 for value in leading) or last >= 256 ** (5 - len(values)):
        raise RefusedAddress(f"„{host}“ ist keine gültige IP-Adresse")
    number = 0
    for value in leading:
        number = number * 256 + value
    return ipaddress.IPv4Address(number * 256 ** (5 - len(values)) + last)


def address_refusal(address) -> str | None:
    """Why an IP address must not be requested (German), or None for a public unicast address."""
    if address.version == 6:
        embedded = [address.ipv4_mapped, address.sixtofour, address.teredo[1] if address.teredo else None]
        if address in _NAT64 or (int(address) >> 32 == 0 and int(address) > 1):
            embedded.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
        for inner in filter(None, embedded):
            reason = address_refusal(inner)
            if reason:
                return reason
    checks = (
        ("is_loopback", "zeigt auf diesen Rechner selbst ({})"), ("is_unspecified", "zeigt auf die unbestimmte Adresse {}"),
        ("is_link_local", "zeigt auf eine link-lokale Adresse ({}; dort antworten z. B. Cloud-Metadaten)"),
        ("is_multicast", "zeigt auf eine Multicast-Adresse ({})"), ("is_reserved", "zeigt auf eine reservierte Adresse ({})"),
        ("is_private", "zeigt in ein privates Netz ({})"), ("is_site_local", "zeigt in ein privates Netz ({})"),
    )
    for attribute, reason in checks:
        if getattr(address, attribute, False):
            return reason.format(address)
    return None if address.is_global else f"zeigt auf eine nicht öffentliche Adresse ({address})"


def host_addresses(host: str, port: int) -> list[tuple]:
    """Every (family, sockaddr) a host stands for; RefusedAddress if any of them is not public."""
    host = host[:-1] if host.endswith(".") else host  # "127.0.0.1." resolves like "127.0.0.1"
    literal = numeric_ipv4(host)
    if literal is None:
        try:
            literal = ipaddress.ip_address(unquote(host))
        except ValueError:
            if ":" in host:
                raise RefusedAddress(f"„{host}“ ist keine gültige IP-Adresse") from None
    if literal is not None:
        reason = address_refusal(literal)
        if reason:
            raise RefusedAddress(reason)
        host = str(literal)
    found = []
    for family, _type, _proto, _name, sockaddr in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
        address = ipaddress.ip_address(sockaddr[0].split("%", 1)[0])
        reason = address_refusal(address)
        if reason:
            raise RefusedAddress(f"{host} {reason}")
        found.append((family, sockaddr))
    return found


def url_refusal(url: str) -> str | None:
    """Why an address must not be requested (German), or None. Names are resolved (DNS) to judge them."""
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return "die Adresse ist ungültig"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "nur http- und https-Adressen mit einem Namen werden abgerufen"
    try:
        host_addresses(parts.hostname, port)
    except RefusedAddress as refused:
        return str(refused)
    except (OSError, UnicodeError):
        return None  # unknown names fail as "nicht erreichbar" when requested
    return None


def dial(family: int, sockaddr: tuple, timeout) -> socket.socket:
    """A TCP connection to one checked address (tests replace this to reach a local stand-in server)."""
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.settimeout(timeout)
        sock.connect(sockaddr)
    except OSError:
        sock.close()
        raise
    return sock


def _create_connection(address, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, source_address=None):
    host, port = address
    error = None
    for family, sockaddr in host_addresses(host, port):
        try:
            return dial(family, sockaddr, None if timeout is socket._GLOBAL_DEFAULT_TIMEOUT else timeout)
        except OSError as failed:
            error = failed
    raise error or OSError(f"{host}: keine Adresse")


class _HTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _create_connection


class _HTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _create_connection


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_HTTPConnection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_HTTPSConnection, req, context=self._context)


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to a public http(s) address; checked before urllib's own checks and before any request."""

    def http_error_302(self, req, fp, code, msg, headers):
        location = headers.get("location") or headers.get("uri")
        if location:
            target = urljoin(req.full_url, location)
            reason = url_refusal(target)
            if reason:
                fp.close()
                raise RefusedAddress(f"leitet weiter auf {target}, und diese Adresse {reason}")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def opener() -> urllib.request.OpenerDirector:
    """An opener for http and https only, without proxies, that checks every address it connects to or is redirected to."""
    director = urllib.request.OpenerDirector()
    for handler in (_HTTPHandler(), _HTTPSHandler(), _RedirectHandler(), urllib.request.HTTPDefaultErrorHandler(),
                    urllib.request.HTTPErrorProcessor(), urllib.request.UnknownHandler()):
        director.add_handler(handler)
    return director


def refused_reason(error: BaseException) -> str | None:
    """The German reason when a request failed because an address was refused (also when urllib wrapped it)."""
    for candidate in (error, getattr(error, "reason", None), error.__context__):
        if isinstance(candidate, RefusedAddress):
            return str(candidate)
    return None
