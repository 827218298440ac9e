"""Pagefind's filter files, sorted and named by content so two builds give the same bundle; unknown formats stay untouched."""

from __future__ import annotations

import gzip
import json

import pytest


def stable():
    from sinn_search_index import stable as module

    return module


def write_pagefind(path, value):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(b"pagefind_dcd" + stable().encode(value), mtime=0))


def bundle(tmp_path, region_values, filters_order, sorts_order):
    """A Pagefind bundle as 1.5.2 writes it, with values and lists in the given (hash-map) order."""
    folder = tmp_path / "pagefind"
    names = {"Region": "de_region0", "Typ": "de_typ0000"}
    write_pagefind(folder / "filter" / f"{names['Region']}.pf_filter", ["Region", region_values])
    write_pagefind(folder / "filter" / f"{names['Typ']}.pf_filter", ["Typ", [["Geschichte", [2, 3]], ["Akteur", [0, 1]]]])
    sorts = {"date": ["date", [3, 2]], "title": ["title", [0, 2, 1, 3]]}
    meta = ["1.5.2", [["de_p0", 10], ["de_p1", 12]], [["a", "z", "de_index00"]], [[f, names[f]] for f in filters_order],
            [sorts[s] for s in sorts_order], ["title"]]
    write_pagefind(folder / "pagefind.de_meta000000.pf_meta", meta)
    entry = {"version": "1.5.2", "languages": {"de": {"hash": "de_meta000000", "wasm": "de", "page_count": 4}}, "include_characters": ["_"]}
    (folder / "pagefind-entry.json").write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return folder


def files(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_hash_map_orders_give_the_same_bundle(tmp_path):
    first = bundle(tmp_path / "a", [["Leipzig", [1, 3]], ["Dresden", [0]], ["Chemnitz", [2]]], ["Typ", "Region"], ["title", "date"])
    second = bundle(tmp_path / "b", [["Chemnitz", [2]], ["Leipzig", [1, 3]], ["Dresden", [0]]], ["Region", "Typ"], ["date", "title"])
    assert files(first) != files(second)
    stable().stabilise(str(first))
    stable().stabilise(str(second))
    assert files(first) == files(second)
    entry = json.loads((first / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta = stable().read_file(str(first / f"pagefind.{entry['languages']['de']['hash']}.pf_meta"))
    assert [name for name, _ in meta[3]] == ["Region", "Typ"] and [name for name, _ in meta[4]] == ["date", "title"]
    region = stable().read_file(str(first / "filter" / f"{dict(meta[3])['Region']}.pf_filter"))
    assert region == ["Region", [["Chemnitz", [2]], ["Dresden", [0]], ["Leipzig", [1, 3]]]]
    assert len(list((first / "filter").iterdir())) == 2, "the old, randomly ordered files are gone"


def test_cbor_round_trip_of_everything_pagefind_writes():
    value = ["text ä„", 0, 23, 24, 255, 256, 65536, 2**32, -1, -25, -300, b"\x00\x01", [[], ["x"]]]
    assert stable().decode(stable().encode(value))[0] == value


@pytest.mark.parametrize("damage", ["not gzip", "other signature", "a map", "trailing bytes"])
def test_an_unknown_format_is_left_untouched(tmp_path, damage):
    folder = bundle(tmp_path, [["Dresden", [0]]], ["Region", "Typ"], ["date", "title"])
    target = folder / "filter" / "de_typ0000.pf_filter"
    payload = {"not gzip": b"plain", "other signature": gzip.compress(b"pagefind_xyz\x80"),
               "a map": gzip.compress(b"pagefind_dcd\xa1\x61a\x01"), "trailing bytes": gzip.compress(b"pagefind_dcd\x80\x80")}[damage]
    target.write_bytes(payload)
    before = files(folder)
    with pytest.raises(stable().UnknownFormatError):
        stable().stabilise(str(folder))
    assert files(folder) == before


def pages_site(folder, pages: dict[str, str]):
    """A folder of pages Pagefind indexes, one per slug, with the given text."""
    for slug, text in pages.items():
        page = folder / slug / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f'<!DOCTYPE html><html lang="de"><head><title>{slug}</title></head><body>'
                        f"<main data-pagefind-body><h1>{slug}</h1><p>{text}</p></main></body></html>", encoding="utf-8")
    return folder


def test_kept_search_files_give_the_bundle_a_fresh_index_gives_and_unchanged_pages_are_not_written_again(tmp_path):
    from sinn_search_index.indexer import build_index

    cache = tmp_path / "cache"
    pages = {"beratung": "Beratung im Landkreis Görlitz", "pflege": "Pflege zu Hause", "labor": "Ein Bürgerlabor im Kiez"}
    first = pages_site(tmp_path / "first", pages)
    build_index(str(first), "pagefind", 6000, str(cache))
    pages["pflege"] = "Pflege und Beratung zu Hause"
    del pages["labor"]
    pages["werkstatt"] = "Eine Dorfwerkstatt"
    second = pages_site(tmp_path / "second", pages)
    build_index(str(second), "pagefind", 6000, str(cache))
    fresh = pages_site(tmp_path / "fresh", pages)
    build_index(str(fresh), "pagefind", 6000)

    assert files(second / "pagefind") == files(fresh / "pagefind"), "no page of the first build is left, none is missing"
    fragments = sorted(p.name for p in (fresh / "pagefind" / "fragment").iterdir())
    assert len(fragments) == 3 and sorted(p.name for p in (cache / "fragment").iterdir()) == fragments
    kept = [name for name in fragments if (first / "pagefind" / "fragment" / name).exists()]
    assert len(kept) == 1, "only the unchanged page has the same fragment"
    assert (second / "pagefind" / "fragment" / kept[0]).stat().st_ino == (first / "pagefind" / "fragment" / kept[0]).stat().st_ino


def test_when_the_kept_files_cannot_be_checked_the_index_is_built_afresh_without_them(tmp_path, monkeypatch):
    from sinn_search_index import reuse
    from sinn_search_index.indexer import build_index

    def unknown_format(_bundle):
        raise reuse.UnknownFormatError("a later Pagefind")

    monkeypatch.setattr(reuse, "listed", unknown_format)
    pages = {"beratung": "Beratung im Landkreis Görlitz", "pflege": "Pflege zu Hause"}
    cache = tmp_path / "cache"
    (cache / "fragment").mkdir(parents=True)
    (cache / "fragment" / "de_0000000.pf_fragment").write_bytes(b"from an older build")
    site = pages_site(tmp_path / "site", pages)
    build_index(str(site), "pagefind", 6000, str(cache))
    fresh = pages_site(tmp_path / "fresh", pages)
    build_index(str(fresh), "pagefind", 6000)
    assert files(site / "pagefind") == files(fresh / "pagefind")
    assert not (cache / "fragment" / "de_0000000.pf_fragment").exists()
