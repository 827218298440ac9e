"""Makes Pagefind's output byte-identical between builds: filters and sorts in order, file names from content.

Pagefind 1.5.2 writes the values of each filter, the list of filters and the list of sort orders
in hash-map order, which Rust seeds randomly per run: the same site gives other filter files, so
another meta file and another pagefind-entry.json, on every build. Words, fragments and the
scripts are already stable. This rewrites just those three kinds of files, sorted, and names
them by a hash of the sorted content the way Pagefind does. Every file is decoded and encoded
again first and left alone unless that gives back Pagefind's exact bytes, so a later Pagefind
with another format is never corrupted, only left unsorted (and a warning says so).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os

SIGNATURE = b"pagefind_dcd"


class UnknownFormatError(Exception):
    """The files are not in the Pagefind 1.x format this module knows."""


def _head(data: bytes, pos: int) -> tuple[int, int, int]:
    """Major type, argument and the position after a CBOR item head."""
    if pos >= len(data):
        raise UnknownFormatError("unexpected end of data")
    first = data[pos]
    major, info = first >> 5, first & 31
    if info < 24:
        return major, info, pos + 1
    size = {24: 1, 25: 2, 26: 4, 27: 8}.get(info)
    if size is None or pos + 1 + size > len(data):
        raise UnknownFormatError(f"unsupported CBOR head {first:#x}")
    return major, int.from_bytes(data[pos + 1: pos + 1 + size], "big"), pos + 1 + size


def decode(data: bytes, pos: int = 0):
    """One CBOR item (integers, text, bytes, arrays: all Pagefind uses) and the position after it."""
    major, argument, pos = _head(data, pos)
    if major == 0:
        return argument, pos
    if major == 1:
        return -1 - argument, pos
    if major in (2, 3):
        end = pos + argument
        if end > len(data):
            raise UnknownFormatError("string runs past the end")
        chunk = bytes(data[pos:end])
        try:
            return (chunk if major == 2 else chunk.decode("utf-8")), end
        except UnicodeDecodeError as error:
            raise UnknownFormatError("text is not UTF-8") from error
    if major == 4:
        items = []
        for _ in range(argument):
            item, pos = decode(data, pos)
            items.append(item)
        return items, pos
    raise UnknownFormatError(f"unsupported CBOR major type {major}")


def _encode_head(major: int, argument: int) -> bytes:
    if argument < 24:
        return bytes([major << 5 | argument])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if argument < 1 << (8 * size):
            return bytes([major << 5 | info]) + argument.to_bytes(size, "big")
    raise UnknownFormatError("integer too large")


def encode(value) -> bytes:
    """The shortest CBOR encoding of a value made of integers, text, bytes and lists (as Pagefind writes it)."""
    if isinstance(value, bool):
        raise UnknownFormatError("booleans are not used by Pagefind")
    if isinstance(value, int):
        return _encode_head(0, value) if value >= 0 else _encode_head(1, -1 - value)
    if isinstance(value, bytes):
        return _encode_head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _encode_head(3, len(raw)) + raw
    if isinstance(value, list):
        return _encode_head(4, len(value)) + b"".join(encode(item) for item in value)
    raise UnknownFormatError(f"cannot encode {type(value).__name__}")


def payload(path: str) -> bytes:
    """The bytes of a gzipped Pagefind file after its signature (CBOR, or JSON for fragments)."""
    with open(path, "rb") as handle:
        try:
            data = gzip.decompress(handle.read())
        except (OSError, EOFError) as error:
            raise UnknownFormatError(f"{os.path.basename(path)} is not gzip") from error
    if not data.startswith(SIGNATURE):
        raise UnknownFormatError(f"{os.path.basename(path)} lacks Pagefind's signature")
    return data[len(SIGNATURE):]


def read_file(path: str):
    """The decoded content of a gzipped Pagefind file, checked to encode back to the same bytes."""
    data = payload(path)
    value, end = decode(data, 0)
    if end != len(data) or encode(value) != data:
        raise UnknownFormatError(f"{os.path.basename(path)} does not round-trip")
    return value


def _write_file(path: str, payload: bytes) -> None:
    # mtime=0 and a fixed level: the gzip bytes depend on the content only.
    with open(path, "wb") as handle:
        handle.write(gzip.compress(SIGNATURE + payload, compresslevel=9, mtime=0))


def _content_name(language: str, payload: bytes, length: int) -> str:
    return f"{language}_{hashlib.sha256(payload).hexdigest()[:length]}"


def _sorted_filter(value):
    """A filter file's content ([name, [[value, [pages]], ...]]) with values and pages in order."""
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], str) and isinstance(value[1], list)):
        raise UnknownFormatError("unexpected filter file layout")
    entries = []
    for entry in value[1]:
        if not (isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], str) and isinstance(entry[1], list)):
            raise UnknownFormatError("unexpected filter value layout")
        entries.append([entry[0], sorted(entry[1])])
    return [value[0], sorted(entries, key=lambda item: item[0])]


def _plan_language(bundle: str, language: str, meta_hash: str) -> tuple[str, list[tuple[str, str, bytes]]]:
    """The new meta hash of one language and the files to replace: (old path, new path, payload)."""
    meta_path = os.path.join(bundle, f"pagefind.{meta_hash}.pf_meta")
    meta = read_file(meta_path)
    if not (isinstance(meta, list) and len(meta) >= 4 and isinstance(meta[3], list)):
        raise UnknownFormatError("unexpected meta file layout")
    changes, filters = [], []
    for item in meta[3]:
        if not (isinstance(item, list) and len(item) == 2 and all(isinstance(part, str) for part in item)):
            raise UnknownFormatError("unexpected filter list in the meta file")
        path = os.path.join(bundle, "filter", f"{item[1]}.pf_filter")
        payload = encode(_sorted_filter(read_file(path)))
        filters.append([item[0], _content_name(language, payload, 7)])
        changes.append((path, os.path.join(bundle, "filter", f"{filters[-1][1]}.pf_filter"), payload))
    meta[3] = sorted(filters, key=lambda item: item[0])
    if len(meta) > 4:
        # The pre-sorted page orders (data-pagefind-sort), also listed in hash-map order.
        if not (isinstance(meta[4], list) and all(isinstance(item, list) and item and isinstance(item[0], str) for item in meta[4])):
            raise UnknownFormatError("unexpected sort list in the meta file")
        meta[4] = sorted(meta[4], key=lambda item: item[0])
    payload = encode(meta)
    new_hash = _content_name(language, payload, 10)
    changes.append((meta_path, os.path.join(bundle, f"pagefind.{new_hash}.pf_meta"), payload))
    return new_hash, changes


def stabilise(bundle: str) -> None:
    """Sort the filter files of the Pagefind bundle in folder `bundle` and name every changed file by its content."""
    entry_path = os.path.join(bundle, "pagefind-entry.json")
    try:
        with open(entry_path, encoding="utf-8") as handle:
            text = handle.read()
        entry = json.loads(text)
    except (OSError, ValueError) as error:
        raise UnknownFormatError(f"pagefind-entry.json: {error}") from error
    if not isinstance(entry, dict) or not isinstance(entry.get("languages"), dict):
        raise UnknownFormatError("unexpected pagefind-entry.json layout")
    if json.dumps(entry, ensure_ascii=False, separators=(",", ":")) != text:
        raise UnknownFormatError("pagefind-entry.json does not round-trip")
    changes = []
    for details in entry["languages"].values():
        if not isinstance(details, dict) or not isinstance(details.get("hash"), str):
            raise UnknownFormatError("unexpected language entry")
    for language, details in entry["languages"].items():
        details["hash"], files = _plan_language(bundle, language, details["hash"])
        changes.extend(files)
    # Every file was read and checked before the first one changes.
    for old_path, _new_path, _payload in changes:
        os.remove(old_path)
    for _old_path, new_path, payload in changes:
        _write_file(new_path, payload)
    # With more than one language (the English page /en/ beside the German site) the languages come in hash-map order too.
    entry["languages"] = dict(sorted(entry["languages"].items()))
    with open(entry_path, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(entry, ensure_ascii=False, separators=(",", ":")))
