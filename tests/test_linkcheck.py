"""`make linkcheck`: the sample site has no broken link; a deliberately broken copy is reported page by page."""

from __future__ import annotations

import shutil

import pytest

from tools import linkcheck

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


def test_external_links_are_requested_on_request(tmp_path):
    """With --external a dead outgoing link is reported (here a local server stands in for another site)."""
    from browser import StaticServer

    other = tmp_path / "other"
    other.mkdir()
    (other / "da.html").write_text("ok", encoding="utf-8")
    server = StaticServer(str(other))
    try:
        links = [linkcheck.Link("index.html", server.url("/da.html"), "href"), linkcheck.Link("index.html", server.url("/weg.html"), "href")]
        broken = linkcheck.check_external(links, timeout=2)
    finally:
        server.stop()
    assert [b.link.url for b in broken] == [server.url("/weg.html")]
    assert "404" in broken[0].reason


def test_without_a_built_site_it_says_what_to_do(tmp_path, run):
    code, _, err = run(tmp_path / "output")
    assert code == 2
    assert "make html" in err
