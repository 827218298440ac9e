"""`make linkcheck`: the sample site has no broken link; a deliberately broken copy is reported page by page."""

from __future__ import annotations

import ipaddress
import shutil
import socket
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from tools import linkcheck, netguard

SITEURL = "https://www.sinn-sachsen.de"


@pytest.fixture
def run(capsys, caplog):
    """Run `make linkcheck`'s command in this process: exit code, report lines, log messages."""

    def _run(*args) -> tuple[int, list[str], str]:
        caplog.clear()
        code = linkcheck.main([str(a) for a in args])
        return code, capsys.readouterr().out.splitlines(), caplog.text

    return _run


def test_the_sample_site_has_no_broken_link(sample_site, published_site, run):
    for site in (sample_site, published_site):
        code, lines, _ = run(site.output)
        assert (code, lines) == (0, [])


@pytest.fixture
def broken_site(published_site, tmp_path):
    """A copy of the published site with one of every kind of breakage."""
    output = tmp_path / "output"
    shutil.copytree(published_site.output, output)
    actor = sorted((output / "akteure").glob("*/index.html"))[0]
    shutil.rmtree(actor.parent)  # every link to this actor breaks
    image = sorted((output / "images").rglob("*-480.avif"))[0]
    image.unlink()  # a srcset candidate
    about = output / "ueber" / "index.html"
    html = about.read_text(encoding="utf-8").replace(
        "</main>",
        '<a href="#gibt-es-nicht">Anker</a> <a href="../nirgends/">relativ</a>'
        f' <a href="{SITEURL}/geschichten/fehlt/">absolut</a> <img src="/images/fehlt.jpg" alt="x">'
        ' <a href="/suche/?q=pflege#suchbegriff">Suche</a> <a href="mailto:presse@example.org">Mail</a>'
        ' <a href="https://example.org/gibt-es-nicht">extern</a> <a href="#inhalt">Inhalt</a></main>',
    )
    about.write_text(html, encoding="utf-8")
    (output / "theme" / "css" / "main.css").write_text("body { background: url(../img/fehlt.svg); }", encoding="utf-8")
    return {"output": output, "actor": "/" + actor.parent.relative_to(output).as_posix() + "/",
            "image": "/" + image.relative_to(output).as_posix()}


def test_every_broken_link_is_reported_with_its_page(broken_site, run):
    code, lines, err = run(broken_site["output"])
    assert code == 1
    assert "kaputte Links" in err
    about = [line for line in lines if line.startswith("ueber/index.html: ")]
    assert any("#gibt-es-nicht" in line and "Anker" in line for line in about)
    assert any("../nirgends/" in line and "/nirgends/ gibt es nicht" in line for line in about)
    assert any(f"{SITEURL}/geschichten/fehlt/" in line for line in about), "SITEURL-absolute links are looked up in the folder"
    assert any("/images/fehlt.jpg" in line for line in about)
    # Mail, other sites (not requested without --external), existing anchors and queries are fine.
    assert not any(word in line for line in about for word in ("mailto:", "example.org", "#inhalt", "/suche/?q=")), about
    assert any(line.startswith("theme/css/main.css: url() ../img/fehlt.svg") for line in lines)
    assert any(line.startswith("sitemap.xml: ") and broken_site["actor"] in line for line in lines), "the sitemap too"
    assert any(broken_site["image"] in line and " srcset " in line for line in lines)
    assert all(": " in line for line in lines)


class _Recorder(BaseHTTPRequestHandler):
    """Answers from a table path → (status, Location) and records every request it gets."""

    routes: ClassVar[dict[str, tuple[int, str | None]]] = {}
    seen: ClassVar[list[str]] = []

    def do_GET(self):
        self.seen.append(self.path)
        status, location = self.routes.get(self.path, (404, None))
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self):
        self.do_GET()

    def log_message(self, format, *args):
        pass


@pytest.fixture
def local_server():
    """Start recording servers on 127.0.0.1 (random ports); each gets its own routes and list of requests."""
    servers = []

    def start(routes: dict | None = None):
        handler = type("Handler", (_Recorder,), {"routes": dict(routes or {}), "seen": []})
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server.server_address[1], handler

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


PUBLIC = "93.184.216.34"  # stands for a public web server; every connection to it goes to a local stand-in instead


@pytest.fixture
def no_network(monkeypatch):
    """Names resolve from a table (never through DNS); connections reach only the stand-in for PUBLIC, never the network.

    Returns the table of names and a function that makes PUBLIC answer from a local server's port.
    """
    names: dict[str, list[str]] = {}
    stand_in: dict[str, int] = {}
    dialled: list[tuple] = []
    real_dial = netguard.dial

    def getaddrinfo(host, port, family=0, type=0, proto=0, flags=0):
        try:
            addresses = [str(ipaddress.ip_address(host))]
        except ValueError:
            if host not in names:
                raise socket.gaierror(socket.EAI_NONAME, "Name or service not known") from None
            addresses = names[host]
        return [(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port, 0, 0) if ":" in a else (a, port))
                for a in addresses]

    def dial(family, sockaddr, timeout):
        dialled.append(sockaddr)
        assert sockaddr[0] == PUBLIC and "port" in stand_in, f"the check let a connection to {sockaddr} through"
        return real_dial(socket.AF_INET, ("127.0.0.1", stand_in["port"]), timeout)

    monkeypatch.setattr(netguard.socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(netguard, "dial", dial)
    return names, stand_in, dialled


def link(url: str) -> linkcheck.Link:
    return linkcheck.Link("index.html", url, "href")


def test_external_links_are_requested_on_request(no_network, local_server):
    """With --external a dead outgoing link is reported (a local server stands in for the other site)."""
    names, stand_in, _ = no_network
    names["andere-seite.example"] = [PUBLIC]
    stand_in["port"], handler = local_server({"/da.html": (200, None)})
    broken, unchecked = linkcheck.check_external([link("http://andere-seite.example/da.html"), link("http://andere-seite.example/weg.html")],
                                                 timeout=2)
    assert [b.link.url for b in broken] == ["http://andere-seite.example/weg.html"] and "404" in broken[0].reason
    assert unchecked == []
    assert sorted(set(handler.seen)) == ["/da.html", "/weg.html"]


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/", "http://127.1/", "http://2130706433/", "http://0x7f.1/", "http://0x7f000001/", "http://017700000001/",
    "http://127.0.0.1./", "http://[::1]/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/", "http://[::127.0.0.1]/", "http://0/",
    "http://0.0.0.0/", "http://[::]/", "http://10.0.0.8/", "http://172.16.4.1/", "http://192.168.178.1/", "http://100.64.0.1/",
    "http://169.254.169.254/latest/meta-data/", "http://[fe80::1%25eth0]/", "http://[fd00::1]/", "http://[64:ff9b::a9fe:a9fe]/",
    "http://[2002:a00:1::]/", "http://224.0.0.251/", "http://[ff02::1]/", "http://240.0.0.1/", "http://255.255.255.255/",
    "https://localhost:8443/", "http://intern.example/", "http://metadaten.example/", "http://gemischt.example/", "http://v6.example/",
])
def test_external_refuses_non_public_addresses_without_connecting(no_network, url):
    names, _stand_in, dialled = no_network
    names.update({"localhost": ["127.0.0.1"], "intern.example": ["10.1.2.3"], "metadaten.example": ["169.254.169.254"],
                  "gemischt.example": [PUBLIC, "192.168.0.10"], "v6.example": ["::ffff:10.0.0.1"]})
    broken, unchecked = linkcheck.check_external([link(url)], timeout=2)
    assert broken == [] and [u.link.url for u in unchecked] == [url]
    assert unchecked[0].reason.startswith("nicht geprüft: die Adresse ")
    assert dialled == [], "nothing was connected to"


def test_redirects_to_non_public_addresses_are_not_followed(no_network, local_server):
    """A public site that redirects inward: the redirect target is checked before it is requested, and never requested."""
    names, stand_in, _ = no_network
    names.update({"oeffentlich.example": [PUBLIC], "intern.example": ["10.0.0.7"]})
    inner_port, inner = local_server({"/geheim": (200, None)})
    routes = {
        "/zu-loopback": (302, f"http://127.0.0.1:{inner_port}/geheim"),
        "/zu-dezimal": (301, f"http://2130706433:{inner_port}/geheim"),
        "/zu-hex": (307, f"http://0x7f.1:{inner_port}/geheim"),
        "/zu-v6": (308, f"http://[::ffff:127.0.0.1]:{inner_port}/geheim"),
        "/zu-name": (302, f"http://intern.example:{inner_port}/geheim"),
        "/zu-datei": (302, "file:///etc/passwd"),
        "/kette": (302, "/zu-loopback"),
        "/weiter": (302, "http://oeffentlich.example/ziel"),
        "/ziel": (200, None),
    }
    stand_in["port"], public = local_server(routes)
    inward = [f"http://oeffentlich.example{path}" for path in ("/zu-loopback", "/zu-dezimal", "/zu-hex", "/zu-v6", "/zu-name", "/zu-datei", "/kette")]
    broken, unchecked = linkcheck.check_external([link(url) for url in [*inward, "http://oeffentlich.example/weiter"]], timeout=2)
    assert broken == []
    assert sorted(u.link.url for u in unchecked) == sorted(inward)
    assert all("leitet weiter auf" in u.reason for u in unchecked)
    assert inner.seen == [], "the inner server was never requested"
    assert "/ziel" in public.seen, "a redirect to a public address is followed (the stand-in answers it)"
    with urllib.request.urlopen(f"http://127.0.0.1:{stand_in['port']}/zu-loopback", timeout=2):
        pass  # the control: plain urllib would have followed the redirect inward
    assert inner.seen == ["/geheim"]


def test_make_linkcheck_external_lists_refused_links_as_not_checked(no_network, tmp_path, run):
    _names, _stand_in, dialled = no_network
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "index.html").write_text(
        '<!DOCTYPE html><title>x</title><a href="http://0x7f.1:8080/">a</a> <a href="http://[::1]/admin">b</a>', encoding="utf-8")
    code, lines, err = run(tmp_path / "output", "--external")
    assert code == 0, "refused links are reported, they are not broken links"
    assert sorted(lines) == ["index.html: href http://0x7f.1:8080/ – nicht geprüft: die Adresse zeigt auf diesen Rechner selbst (127.0.0.1)",
                             "index.html: href http://[::1]/admin – nicht geprüft: die Adresse zeigt auf diesen Rechner selbst (::1)"]
    assert "2 Links nicht geprüft" in err
    assert dialled == []


def test_without_a_built_site_it_says_what_to_do(tmp_path, run):
    code, _, err = run(tmp_path / "output")
    assert code == 2
    assert "make html" in err
