"""A benchmark corpus in the real content contract, from a fixed seed, in a folder of its own.

`python -m tools.bench.corpus DIR --stories 2000 --actors 1000 --photos 50 --own-photos 100` writes
DIR/content/ (the repository's vocabularies and pages, generated stories and actors, 12-megapixel
photos): the first `own_photos` stories each have a photo of their own (images/eigene/<slug>.jpg), the
others share `photos` photos, so a run measures what a story with its own photo adds without encoding
thousands of photos. Photos are cached under .cache/bench/ by generator version, seed and size, since
drawing them (about 0.6 s each) is not what is measured.

The photos stand in for phone photos (4000 × 3000, JPEG quality 95, 3 to 4 MB): coloured shapes, a
texture of several scales of noise over part of the picture (foliage, fabric, gravel) and smooth areas
(walls, sky, blur) elsewhere, and a fine grain everywhere. How much texture was calibrated against 11
real photographs (tools/bench/image_quality.py --story): the files the site publishes for a drawn
photo weigh about what they weigh for the median real photo, within a few per cent.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import logging
import os
import random
import shutil
import sys
import zlib

import yaml

import tools.build  # noqa: F401 - puts plugins/ on sys.path, for sinn_core below
from sinn_core.files import atomic_path
from sinn_core.parallel import cores, fork_map

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PHOTO_CACHE = os.path.join(ROOT, ".cache", "bench")
logger = logging.getLogger(__name__)

WORDS = (  # noqa: SIM905 - a word list reads best as text
    "Beratung Nachbarschaft Pflege Familie Quartier Ehrenamt Landkreis Gemeinde Sprechstunde Begleitung "
    "Teilhabe Angebot Projekt Verein Menschen Kinder Jugendliche Seniorinnen Senioren Werkstatt Netzwerk "
    "Zusammenarbeit Erfahrung Unterstützung Mobilität Bus Dorf Stadt Hilfe Selbsthilfe Gesundheit Arbeit "
    "Ausbildung Sprache Begegnung Treffpunkt Café Garten Küche digital Video Telefon Termin Fahrdienst "
    "Nachbarinnen Nachbarn Alltag Wohnung Miete Schulden Zukunft Idee Pilot Erprobung Verbreitung "
    "gemeinsam schnell einfach wöchentlich regelmäßig kostenlos freiwillig verlässlich neu erfolgreich "
    "sächsisch entwickelt begleitet erreicht verbessert organisiert finanziert übernommen erprobt "
    "geplant gegründet "
).split()
# Real German text is mostly function words: in the sample stories "die", "und", "der" make up almost
# a tenth of all words and a content word like "Beratung" about one in a thousand. Ranking them first
# keeps content words at realistic frequencies, which is what a search index's size depends on.
FUNCTION_WORDS = (  # noqa: SIM905 - a word list reads best as text
    "die und der das eine in ein im ist mit für an sie sich den es hat oder zu wie dem aus einen nicht "
    "auf haben als einer einem nach sind über wer von werden viele zwei am bei auch wird ersten bis dass "
    "gibt zur kommen etwa drei mehr damit vor soll ohne alle des was"
).split()
STAGES = ("idee", "pilot", "umsetzung", "verbreitung")
OWN_FOLDER = "eigene"  # images/eigene/<slug>.jpg: the photos of stories that have one of their own


def story_slug(number: int) -> str:
    """The slug of the corpus's story `number`."""
    return f"geschichte-{number:05d}"


SYLLABLES = (  # noqa: SIM905 - syllables read best as text
    "be ra tung nach bar schaft pfle ge fa mi lie quar tier ehren amt land kreis ge mein de sprech stun "
    "werk netz hil fe dorf stadt zu kunft ar beit bil dung spra che treff gar ten kü che wohn raum mit tel"
).split()


def _lexicon(seed: int, size: int = 6000) -> list[str]:
    """Invented German-looking words: a text has thousands of different words, not a hundred."""
    rng = random.Random(seed)
    words = {"".join(rng.choice(SYLLABLES) for _ in range(rng.randrange(2, 5))) for _ in range(size * 2)}
    return sorted(words)[:size]


_LEXICON = _lexicon(7)
_VOCABULARY = FUNCTION_WORDS + WORDS + _LEXICON
# Word frequencies in real text fall off like Zipf's law: a few words everywhere, most words rare.
# The offset (Zipf-Mandelbrot) makes the commonest word about 4 % of all words, as in the sample stories.
_CUMULATIVE = list(itertools.accumulate(1 / (rank + 2.7) for rank in range(len(_VOCABULARY))))


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choices(_VOCABULARY, cum_weights=_CUMULATIVE, k=words))
    return text[0].upper() + text[1:] + "."


def _capped(text: str, limit: int) -> str:
    """Text cut at a word end so it fits the contract's length limit."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0]


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng, rng.randrange(8, 16)) for _ in range(rng.randrange(4, 7)))


def _vocabulary_ids(content: str) -> dict[str, list[str]]:
    ids = {}
    for name in ("themes", "regions", "actor_types", "target_groups"):
        with open(os.path.join(content, "data", f"{name}.yml"), encoding="utf-8") as handle:
            ids[name] = [entry["id"] for entry in yaml.safe_load(handle)]
    return ids


PHOTO_VERSION = 2  # bump when draw_photo draws differently: the cache folder changes with it
TEXTURED = 124  # mask threshold of 255: the lower, the more of the photo is textured (calibrated, see above)


def _texture(size: tuple[int, int]):
    """Grey noise at several scales (coarse to fine), drawn at a quarter of the size and scaled up: cheap."""
    from PIL import Image  # noqa: PLC0415

    quarter = (size[0] // 4, size[1] // 4)
    texture = Image.new("L", quarter, 128)
    for level, weight in enumerate((0.6, 0.5, 0.4, 0.35)):
        scale = 2 ** (4 - level)
        noise = Image.effect_noise((max(1, quarter[0] // scale), max(1, quarter[1] // scale)), 60)
        texture = Image.blend(texture, noise.resize(quarter, Image.Resampling.BICUBIC), weight)
    return Image.blend(texture, Image.effect_noise(quarter, 60), 0.3).resize(size, Image.Resampling.BICUBIC)


def _grain(size: tuple[int, int]):
    """Fine sensor-like grain over the whole size: one tile of noise repeated (a full-size noise costs 1 s)."""
    from PIL import Image  # noqa: PLC0415

    tile = Image.effect_noise((max(1, size[0] // 4), max(1, size[1] // 4)), 40)
    grain = Image.new("L", size)
    for x in range(0, size[0], tile.width):
        for y in range(0, size[1], tile.height):
            grain.paste(tile, (x, y))
    return grain


def draw_photo(job: tuple[int, str, tuple[int, int]]) -> str:
    """One photo-like JPEG of the given size: shapes, textured and smooth areas, grain; saved as a phone saves it."""
    from PIL import Image, ImageChops, ImageDraw, ImageFilter  # noqa: PLC0415

    seed, path, size = job
    if os.path.exists(path):
        return path
    rng = random.Random(seed)
    small = (max(1, size[0] // 8), max(1, size[1] // 8))
    base = Image.new("RGB", small, tuple(rng.randrange(60, 200) for _ in range(3)))
    draw = ImageDraw.Draw(base)
    for _ in range(40):
        x, y, r = rng.randrange(small[0]), rng.randrange(small[1]), rng.randrange(10, 120)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randrange(256) for _ in range(3)))
    base = base.filter(ImageFilter.GaussianBlur(2)).resize(size, Image.Resampling.BICUBIC)
    grain = _grain(size)
    textured = ImageChops.soft_light(base, Image.blend(_texture(size), grain, 0.25).convert("RGB"))
    mask = Image.effect_noise((max(1, size[0] // 64), max(1, size[1] // 64)), 80).filter(ImageFilter.GaussianBlur(3))
    mask = mask.point(lambda v: 255 if v > TEXTURED else 0).filter(ImageFilter.GaussianBlur(2)).resize(size, Image.Resampling.BICUBIC)
    photo = Image.composite(textured, Image.blend(base, Image.merge("RGB", [grain] * 3), 0.04), mask)
    with atomic_path(path) as temporary:
        photo.save(temporary, "JPEG", quality=95)
    return path


def photos(count: int, seed: int, size: tuple[int, int], name: str = "foto") -> list[str]:
    """Paths of `count` cached photos called name-000.jpg …, drawn (on all cores) where missing."""
    folder = os.path.join(PHOTO_CACHE, f"photos-v{PHOTO_VERSION}-{seed}-{size[0]}x{size[1]}")
    os.makedirs(folder, exist_ok=True)
    # Each name has seeds of its own, so the shared photos and the stories' own photos never coincide.
    offset = zlib.crc32(name.encode()) % 1000 * 10_000
    jobs = [(seed * 10_000_000 + offset + i, os.path.join(folder, f"{name}-{i:04d}.jpg"), size) for i in range(count)]
    missing = [job for job in jobs if not os.path.exists(job[1])]
    if missing:
        fork_map(draw_photo, missing, cores(None), 2, chunk=1)
    return [job[1] for job in jobs]


def generate(target: str, stories: int = 2000, actors: int = 1000, photo_count: int = 50,
             photo_size: tuple[int, int] = (4000, 3000), seed: int = 20261125, own_photos: int = 0) -> str:
    """Write the corpus into target/content and return that folder; the first `own_photos` stories get photos of their own."""
    rng = random.Random(seed)
    content = os.path.join(target, "content")
    shutil.rmtree(content, ignore_errors=True)
    shutil.copytree(os.path.join(ROOT, "content", "data"), os.path.join(content, "data"))
    shutil.copytree(os.path.join(ROOT, "content", "pages"), os.path.join(content, "pages"))
    ids = _vocabulary_ids(content)
    image_folder = os.path.join(content, "images", "fotos")
    os.makedirs(image_folder)
    sources = photos(photo_count, seed, photo_size)
    for source in sources:
        os.link(source, os.path.join(image_folder, os.path.basename(source)))
    own_folder = os.path.join(content, "images", OWN_FOLDER)
    os.makedirs(own_folder)
    own = photos(min(own_photos, stories), seed, photo_size, name="eigen")
    for number, source in enumerate(own):
        os.link(source, os.path.join(own_folder, f"{story_slug(number)}.jpg"))
    # The real actor profiles come along: the about page links to the partners.
    shutil.copytree(os.path.join(ROOT, "content", "actors"), os.path.join(content, "actors"))
    actor_ids = [f"akteur-{i:04d}" for i in range(actors)]
    for actor_id in actor_ids:
        fields = {
            "name": f"{rng.choice(WORDS).capitalize()}werk {actor_id[-4:]} e.V.",
            "type": rng.choice(ids["actor_types"]),
            "regions": rng.sample(ids["regions"], rng.randrange(1, 3)),
            "themes": rng.sample(ids["themes"], rng.randrange(1, 3)),
            "description": _paragraph(rng) + "\n\n" + _paragraph(rng),
            "website": f"https://example.org/{actor_id}",
            "email": f"{actor_id}@example.org",
        }
        with open(os.path.join(content, "actors", f"{actor_id}.yml"), "w", encoding="utf-8") as handle:
            yaml.safe_dump(fields, handle, allow_unicode=True, sort_keys=False)
    os.makedirs(os.path.join(content, "stories"))
    start = datetime.date(2024, 1, 1)
    for number in range(stories):
        slug = story_slug(number)
        body = "\n\n".join(
            f"## {_sentence(rng, 4)[:-1]}\n\n{_paragraph(rng)}\n\n{_paragraph(rng)}\n\n{_paragraph(rng)}" for _ in range(3)
        )
        fields = {
            "title": _capped(_sentence(rng, rng.randrange(5, 10))[:-1], 110),
            "date": (start + datetime.timedelta(days=rng.randrange(0, 680))).isoformat(),
            "summary": _capped(_sentence(rng, rng.randrange(14, 24)), 290),
            "themes": rng.sample(ids["themes"], rng.randrange(1, 3)),
            "regions": rng.sample(ids["regions"], rng.randrange(1, 3)),
            "stage": rng.choice(STAGES),
            "actors": rng.sample(actor_ids, rng.randrange(1, 4)),
            "target_groups": rng.sample(ids["target_groups"], rng.randrange(0, 3)),
            "image": {
                "src": f"images/{OWN_FOLDER}/{slug}.jpg" if number < len(own)
                else f"images/fotos/{os.path.basename(sources[number % len(sources)])}",
                "alt": f"Foto zum Projekt {number}: Menschen bei einem Treffen",
                "credit": "Foto: Benchmark-Korpus",
                "license": "CC0 1.0",
            },
            "facts": [{"label": "Teilnehmende", "value": str(rng.randrange(10, 900)), "source": "Angabe des Projekts"}],
            "illustrative": True,
        }
        with open(os.path.join(content, "stories", f"{slug}.md"), "w", encoding="utf-8") as handle:
            handle.write("---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False) + "---\n\n" + body + "\n")
    return content


def main(argv=None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description="Erzeugt einen Benchmark-Korpus.")
    parser.add_argument("target")
    parser.add_argument("--stories", type=int, default=2000)
    parser.add_argument("--actors", type=int, default=1000)
    parser.add_argument("--photos", type=int, default=50)
    parser.add_argument("--own-photos", type=int, default=100)
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(message)s", level=logging.INFO)
    content = generate(args.target, args.stories, args.actors, args.photos, own_photos=args.own_photos)
    logger.info("Korpus geschrieben: %s", content)
    return 0


if __name__ == "__main__":
    sys.exit(main())
