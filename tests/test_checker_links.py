"""`make check` on links and HTML: unsafe addresses anywhere, malformed addresses, scripts, links that lead nowhere."""

from __future__ import annotations

from sitefiles import BODY, STORY_YAML, actor_fields, check_in_process

STORY = "content/stories/beratung-per-video.md"
UNSAFE = 'Adressen, die mit "{}:" beginnen, sind nicht erlaubt: sie können Schadcode enthalten.'


def story(site, front_matter: str = STORY_YAML, body: str = BODY, slug: str = "beratung-per-video"):
    site.image()
    return site.write(f"stories/{slug}.md", f"---\n{front_matter}---\n\n{body}")


def with_body(*lines: str) -> str:
    """The valid body, then the given lines (the first on line first_added_line())."""
    return BODY + "\n" + "\n".join(lines) + "\n"


def first_added_line(front_matter: str = STORY_YAML) -> int:
    """The file line of the first line added by with_body(): after '---', the fields, '---', a blank line and BODY."""
    return front_matter.count("\n") + BODY.count("\n") + 5


FIRST = first_added_line()


def check(site):
    return check_in_process(site.content)


def test_malformed_web_addresses(site_files):
    site_files.minimal()
    story(site_files, STORY_YAML + "links:\n  website: beispiel.de\n  video: www.beispiel.de/video\n  crowdfunding: https://spenden\n")
    code, output = check(site_files)
    assert code == 1
    assert f'{STORY}:15: links.website: "beispiel.de" ist keine vollständige Web-Adresse. Beispiel: https://www.beispiel.de/seite' in output
    assert (f'{STORY}:16: links.video: "www.beispiel.de/video": vor der Adresse fehlt https://. '
            'Schreiben Sie "https://www.beispiel.de/video".') in output
    assert f'{STORY}:17: links.crowdfunding: "https://spenden" ist keine vollständige Web-Adresse.' in output


def test_http_address_is_a_warning(site_files):
    site_files.minimal()
    story(site_files, STORY_YAML + "links:\n  website: http://www.beispiel.de\n")
    code, output = check(site_files)
    assert code == 0
    assert (f'{STORY}:15: Warnung: links.website: "http://www.beispiel.de" beginnt mit http://. '
            "Bitte https:// verwenden, wenn die Seite das anbietet (sicherer für Besucher).") in output


def test_javascript_and_data_addresses_in_fields(site_files):
    site_files.minimal()
    story(site_files, STORY_YAML.replace("src: images/beratung.jpg", "src: data:image/png;base64,AAAA")
          + "links:\n  website: JavaScript:alert(1)\nfacts:\n  - label: Mehr\n    value: '1'\n    source: ' javascript:alert(2)'\n")
    code, output = check(site_files)
    assert code == 1
    assert f"{STORY}:10: image.src: " + UNSAFE.format("data") in output
    assert f"{STORY}:15: links.website: " + UNSAFE.format("javascript") in output
    assert f"{STORY}:19: facts[1].source: " + UNSAFE.format("javascript") in output


def test_javascript_and_data_addresses_in_the_text(site_files):
    site_files.minimal()
    story(site_files, body=with_body(
        "[Klick](javascript:alert(1)) und ![Bild](data:image/png;base64,AAAA)",
        '<a href=" &#106;avascript:alert(1)">Link</a>',
        "[verweis]: vbscript:msgbox",
        "<javascript:alert(1)>",
        "Mehr dazu [hier][verweis].",  # a reference definition counts where it is used: unused, Markdown publishes nothing
    ))
    code, output = check(site_files)
    assert code == 1
    assert f"{STORY}:{FIRST}: Text: " + UNSAFE.format("javascript") in output
    assert f"{STORY}:{FIRST}: Text: " + UNSAFE.format("data") in output
    assert f"{STORY}:{FIRST + 1}: Text: " + UNSAFE.format("javascript") in output
    assert f"{STORY}:{FIRST + 2}: Text: " + UNSAFE.format("vbscript") in output
    assert f"{STORY}:{FIRST + 3}: Text: " + UNSAFE.format("javascript") in output


def test_unsafe_link_in_an_actor_description(site_files):
    site_files.minimal()
    site_files.actor("beratungsverein", raw=(
        "name: Verein\ntype: initiative\nregions: [dresden]\ndescription: |\n  Wir beraten.\n\n  [Mehr](javascript:alert(1))\n"
    ))
    code, output = check(site_files)
    assert code == 1
    assert "content/actors/beratungsverein.yml:7: description: " + UNSAFE.format("javascript") in output


def test_email_addresses_that_are_not_addresses(site_files):
    site_files.minimal()
    front_matter = STORY_YAML + "contact:\n  email: kontakt(at)beispiel.de\n"
    story(site_files, front_matter, body=with_body("[Schreiben Sie uns](mailto:info@beispiel)"))
    site_files.actor("beratungsverein", actor_fields(email="mailto:info@beispiel.de"))
    code, output = check(site_files)
    assert code == 1
    assert (f'{STORY}:15: contact.email: "kontakt(at)beispiel.de" ist keine E-Mail-Adresse. '
            "Eine Adresse hat die Form name@beispiel.de, ohne Leerzeichen.") in output
    assert f'{STORY}:{first_added_line(front_matter)}: Text: Der Link "mailto:info@beispiel" enthält keine gültige E-Mail-Adresse.' in output
    assert 'content/actors/beratungsverein.yml:6: email: Schreiben Sie nur die Adresse, ohne "mailto:": info@beispiel.de' in output


def test_malformed_and_http_links_in_the_text(site_files):
    site_files.minimal()
    story(site_files, body=with_body("[Website](www.beispiel.de) und [alt](http://www.beispiel.de) und [kaputt](htps//beispiel.de)"))
    code, output = check(site_files)
    assert code == 1
    assert f'{STORY}:{FIRST}: Text: Vor dem Link "www.beispiel.de" fehlt https://, sonst führt er ins Leere.' in output
    assert f'{STORY}:{FIRST}: Warnung: Text: Link: "http://www.beispiel.de" beginnt mit http://.' in output
    assert f'{STORY}:{FIRST}: Text: Link: "htps//beispiel.de" ist keine vollständige Web-Adresse.' in output


def test_script_iframe_and_style_are_errors(site_files):
    site_files.minimal()
    story(site_files, body=with_body("<script>alert(1)</script>", '<IFRAME src="https://video.example"></IFRAME>', "<style>p {color: red}</style>"))
    code, output = check(site_files)
    assert code == 1
    assert f"{STORY}:{FIRST}: Text: Das HTML-Element <script> ist im Text nicht erlaubt. Skripte sind aus Sicherheitsgründen gesperrt." in output
    assert (f"{STORY}:{FIRST + 1}: Text: Das HTML-Element <iframe> ist im Text nicht erlaubt. "
            "Videos, Karten und andere eingebettete Inhalte bitte als normalen Link angeben") in output
    assert f"{STORY}:{FIRST + 2}: Text: Das HTML-Element <style> ist im Text nicht erlaubt." in output


def test_event_handler_attributes_are_errors(site_files):
    site_files.minimal()
    story(site_files, body=with_body('<img src="/images/beratung.jpg" onerror="alert(1)">', "<div", '  onclick="x()">Text</div>',
                                     "## Überschrift {: onmouseover=alert(1) }"))
    code, output = check(site_files)
    assert code == 1
    message = "ist nicht erlaubt, weil es Programmcode ausführt. Bitte entfernen."
    assert f"{STORY}:{FIRST}: Text: Das HTML-Attribut onerror= {message}" in output
    assert f"{STORY}:{FIRST + 2}: Text: Das HTML-Attribut onclick= {message}" in output
    assert f"{STORY}:{FIRST + 3}: Text: Das HTML-Attribut onmouseover= {message}" in output


def test_code_is_shown_as_text_and_not_flagged(site_files):
    site_files.minimal()
    story(site_files, body=with_body("So sieht ein Skript aus: `<script>`.", "", "```html", '<a href="javascript:x" onclick="y">', "```"))
    code, output = check(site_files)
    assert (code, output) == (0, "Keine Fehler: 7 Dateien geprüft.\n")


def test_internal_links_that_lead_somewhere(site_files):
    site_files.minimal()
    story(site_files, slug="zweite")
    story(site_files, body=with_body(
        "[Zweite](/geschichten/zweite/) [Verein](/akteure/beratungsverein/) [Thema](/themen/beratung/)",
        "[Region](/regionen/erzgebirgskreis/) [Über](/ueber/#kontakt) [Bild](/images/beratung.jpg) [Feed](/feeds/geschichten.atom.xml)",
        "[Datei]({filename}zweite.md) [ohne Schrägstrich](/geschichten/zweite)",
    ))
    code, output = check(site_files)
    assert (code, output) == (0, "Keine Fehler: 8 Dateien geprüft.\n")


def test_internal_links_that_point_nowhere(site_files):
    site_files.minimal()
    story(site_files, body=with_body(
        "[Tippfehler](/geschichten/beratung-per-vide/) und [Datei]({filename}andere.md)",
        "[Bild](/images/fehlt.jpg)",
        '<a href="/akteure/unbekannt/">Akteur</a>',
        "[ref]: /themen/pflege/",
        "Siehe [Pflege][ref].",
    ))
    code, output = check(site_files)
    assert code == 1
    assert (f"{STORY}:{FIRST}: Text: Der Link /geschichten/beratung-per-vide/ führt ins Leere: diese Seite gibt es nicht. "
            "Meinten Sie /geschichten/beratung-per-video/?") in output
    assert f"{STORY}:{FIRST}: Text: Der Link {{filename}}andere.md führt ins Leere: es gibt keine veröffentlichte Datei andere.md." in output
    assert f"{STORY}:{FIRST + 1}: Text: Der Link /images/fehlt.jpg führt ins Leere: die Datei content/images/fehlt.jpg gibt es nicht." in output
    assert f"{STORY}:{FIRST + 2}: Text: Der Link /akteure/unbekannt/ führt ins Leere" in output
    assert f"{STORY}:{FIRST + 3}: Text: Der Link /themen/pflege/ führt ins Leere" in output


def test_broken_link_in_an_actor_description(site_files):
    site_files.minimal()
    site_files.actor("beratungsverein", raw=(
        "name: Verein\ntype: initiative\nregions: [dresden]\ndescription: |\n  Siehe [hier](/geschichten/gibt-es-nicht/).\n"
    ))
    code, output = check(site_files)
    assert code == 1
    assert "content/actors/beratungsverein.yml:5: description: Der Link /geschichten/gibt-es-nicht/ führt ins Leere" in output


def test_link_to_a_draft_is_broken_only_when_drafts_are_not_published(site_files):
    from sinn_content_contract import check_site

    site_files.minimal()
    story(site_files, STORY_YAML + "status: draft\n", slug="entwurf")
    story(site_files, body=with_body("[Entwurf](/geschichten/entwurf/)"))
    assert not check_site(site_files.content, {"STORIES_SHOW_DRAFTS": True}).report.problems
    problems = check_site(site_files.content, {"STORIES_SHOW_DRAFTS": False}).report.problems
    assert [p.format().split(": ", 1)[1] for p in problems] == [
        "Text: Der Link /geschichten/entwurf/ führt zu einer Geschichte, die noch ein Entwurf ist (status: draft) und nicht veröffentlicht wird."
    ]


def test_aliases_that_collide(site_files):
    site_files.minimal()
    story(site_files, slug="zwei")
    story(site_files, STORY_YAML + "aliases:\n  - /geschichten/zwei/\n  - /suche/\n  - /geschichten/alt/\n")
    story(site_files, STORY_YAML + "aliases: [/geschichten/alt/]\n", slug="drei")
    code, output = check(site_files)
    assert code == 1
    assert (f"{STORY}:15: aliases: Die frühere Adresse /geschichten/zwei/ gehört schon zu content/stories/zwei.md "
            "und kann nicht hierher umgeleitet werden. Bitte den Eintrag löschen oder korrigieren.") in output
    assert f"{STORY}:16: aliases: Die frühere Adresse /suche/ gehört schon zu einer festen Seite der Website" in output
    assert ("content/stories/drei.md:14: aliases: Die frühere Adresse /geschichten/alt/ gehört schon zu "
            f"{STORY} und kann nicht hierher umgeleitet werden.") in output
    assert "3 Fehler, 0 Warnungen in 2 Dateien" in output
