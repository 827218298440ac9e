"""Erzeugt die Beispiel-Illustrationen für die Geschichten der SINN-Website.

Für jede Geschichte unter ``content/stories/`` gibt es eine eigene, flach gezeichnete
Szene (Himmel, Hügel, Häuser, Menschen als Silhouetten, Geräte usw.). Die Bilder
enthalten keinen Text und brauchen keine Schriftdateien. Alle Zufallswerte kommen
aus festen Seeds, das Ergebnis ist also bei jedem Lauf gleich.

Aufruf aus dem Wurzelverzeichnis des Repositoriums::

    python tools/make_sample_images.py

Ausgabe: ``content/images/stories/<slug>.jpg``, 1600 × 1000 Pixel, JPEG (progressiv,
Qualität 82). Die Alternativtexte in den Geschichten beschreiben genau diese Szenen;
wer eine Szene ändert, muss auch den ``alt``-Text der Geschichte anpassen.
"""

from __future__ import annotations

import logging
import math
import random
from pathlib import Path

from PIL import Image, ImageDraw

logger = logging.getLogger(__name__)

WIDTH, HEIGHT = 1600, 1000
SS = 2  # Supersampling-Faktor für weiche Kanten
OUT_DIR = Path(__file__).resolve().parent.parent / "content" / "images" / "stories"

# Weiche Palette
SKY_DAY = ((190, 222, 236), (236, 244, 240))
SKY_WARM = ((246, 214, 180), (250, 238, 214))
SKY_EVENING = ((38, 52, 94), (92, 98, 150))
GREEN_LIGHT = (170, 204, 150)
GREEN_MID = (128, 176, 122)
GREEN_DARK = (82, 130, 96)
FIR = (58, 104, 84)
EARTH = (196, 170, 132)
ROAD = (150, 150, 156)
WALL = (240, 228, 206)
WALL_2 = (226, 206, 186)
ROOF = (186, 96, 78)
ROOF_2 = (124, 92, 110)
WINDOW = (120, 150, 176)
WINDOW_LIT = (250, 220, 140)
WOOD = (160, 116, 82)
SKIN = (226, 180, 150)
INK = (58, 64, 82)
PEOPLE = [(70, 110, 160), (196, 104, 96), (112, 150, 104), (214, 160, 70), (124, 96, 150), (86, 140, 150)]


class Canvas:
    """Zeichenfläche in logischen Koordinaten (1600 × 1000), intern überabgetastet."""

    def __init__(self, seed: int):
        self.img = Image.new("RGB", (WIDTH * SS, HEIGHT * SS), (255, 255, 255))
        self.d = ImageDraw.Draw(self.img)
        self.rng = random.Random(seed)

    # -- Grundformen ---------------------------------------------------------
    @staticmethod
    def _p(points):
        return [(x * SS, y * SS) for x, y in points]

    def rect(self, x0, y0, x1, y1, fill, radius=0):
        box = (x0 * SS, y0 * SS, x1 * SS, y1 * SS)
        if radius:
            self.d.rounded_rectangle(box, radius=radius * SS, fill=fill)
        else:
            self.d.rectangle(box, fill=fill)

    def ellipse(self, x0, y0, x1, y1, fill=None, outline=None, width=1):
        self.d.ellipse((x0 * SS, y0 * SS, x1 * SS, y1 * SS), fill=fill, outline=outline, width=width * SS)

    def circle(self, cx, cy, r, fill=None, outline=None, width=1):
        self.ellipse(cx - r, cy - r, cx + r, cy + r, fill=fill, outline=outline, width=width)

    def poly(self, points, fill):
        self.d.polygon(self._p(points), fill=fill)

    def line(self, points, fill, width=4):
        self.d.line(self._p(points), fill=fill, width=width * SS, joint="curve")

    # -- Landschaft ----------------------------------------------------------
    def sky(self, top, bottom, y1=HEIGHT):
        for y in range(0, y1 * SS):
            t = y / (y1 * SS)
            c = tuple(int(top[i] + (bottom[i] - top[i]) * t) for i in range(3))
            self.d.line([(0, y), (WIDTH * SS, y)], fill=c)

    def hills(self, base, amp, color, waves=2.0):
        ph1, ph2 = self.rng.uniform(0, 6.28), self.rng.uniform(0, 6.28)
        pts = []
        for x in range(0, WIDTH + 20, 20):
            y = base - amp * (0.6 * math.sin(x / WIDTH * math.pi * waves + ph1) + 0.4 * math.sin(x / WIDTH * math.pi * waves * 2.3 + ph2))
            pts.append((x, y))
        pts += [(WIDTH, HEIGHT), (0, HEIGHT)]
        self.poly(pts, color)

    def ground(self, y, color):
        self.rect(0, y, WIDTH, HEIGHT, color)

    def sun(self, cx, cy, r, color=(252, 224, 150)):
        self.circle(cx, cy, r * 1.35, fill=tuple(min(255, c + 12) for c in color))
        self.circle(cx, cy, r, fill=color)

    def cloud(self, cx, cy, s=1.0, color=(250, 250, 250)):
        for dx, dy, r in ((-50, 8, 34), (-10, -10, 46), (40, 4, 36), (75, 14, 26)):
            self.circle(cx + dx * s, cy + dy * s, r * s, fill=color)
        self.rect(cx - 80 * s, cy + 8 * s, cx + 100 * s, cy + 40 * s, color, radius=int(16 * s))

    def tree(self, x, y, s=1.0, crown=GREEN_DARK):
        self.rect(x - 8 * s, y - 70 * s, x + 8 * s, y, WOOD)
        self.circle(x, y - 100 * s, 48 * s, fill=crown)
        self.circle(x - 30 * s, y - 80 * s, 32 * s, fill=crown)
        self.circle(x + 30 * s, y - 82 * s, 34 * s, fill=crown)

    def fir(self, x, y, s=1.0, color=FIR):
        self.rect(x - 6 * s, y - 24 * s, x + 6 * s, y, WOOD)
        for i, w in enumerate((60, 48, 34)):
            top = y - 24 * s - (i + 1) * 46 * s
            self.poly([(x - w * s, top + 66 * s), (x + w * s, top + 66 * s), (x, top)], color)

    def house(self, x, y, w, h, wall=WALL, roof=ROOF, windows=2, lit=False, door=True):
        self.rect(x, y - h, x + w, y, wall)
        self.poly([(x - 14, y - h), (x + w + 14, y - h), (x + w / 2, y - h - h * 0.62)], roof)
        win = WINDOW_LIT if lit else WINDOW
        ww = w / (windows * 2 + 1)
        for i in range(windows):
            wx = x + ww * (2 * i + 1)
            self.rect(wx, y - h * 0.78, wx + ww, y - h * 0.5, win)
        if door:
            self.rect(x + w / 2 - w * 0.09, y - h * 0.38, x + w / 2 + w * 0.09, y, WOOD)

    # -- Menschen und Dinge ----------------------------------------------------
    def person(self, x, y, s=1.0, color=PEOPLE[0], hair=INK, sitting=False):
        """Stehende oder sitzende Silhouette; (x, y) = Fußpunkt bzw. Sitzfläche."""
        if sitting:
            self.rect(x - 30 * s, y - 110 * s, x + 30 * s, y, color, radius=int(24 * s))
            self.rect(x - 4 * s, y - 18 * s, x + 60 * s, y + 8 * s, color, radius=int(8 * s))
            self.rect(x + 42 * s, y, x + 60 * s, y + 70 * s, INK, radius=int(6 * s))
            head_y = y - 140 * s
        else:
            self.rect(x - 24 * s, y - 80 * s, x - 4 * s, y, INK, radius=int(8 * s))
            self.rect(x + 4 * s, y - 80 * s, x + 24 * s, y, INK, radius=int(8 * s))
            self.rect(x - 34 * s, y - 190 * s, x + 34 * s, y - 70 * s, color, radius=int(26 * s))
            head_y = y - 222 * s
        self.circle(x, head_y, 30 * s, fill=SKIN)
        self.ellipse(x - 31 * s, head_y - 33 * s, x + 31 * s, head_y - 2 * s, fill=hair)

    def child(self, x, y, s=1.0, color=PEOPLE[3]):
        self.person(x, y, s * 0.62, color=color, hair=(120, 84, 60))

    def table(self, x0, x1, y, color=WOOD, legs=True):
        self.rect(x0, y, x1, y + 18, color, radius=4)
        if legs:
            self.rect(x0 + 20, y + 18, x0 + 36, y + 150, color)
            self.rect(x1 - 36, y + 18, x1 - 20, y + 150, color)

    def bubble(self, x, y, w, h, color=(255, 255, 255), tail_left=True, dots=None):
        self.rect(x, y, x + w, y + h, color, radius=int(h * 0.35))
        tx = x + w * 0.22 if tail_left else x + w * 0.78
        self.poly([(tx - 14, y + h - 4), (tx + 18, y + h - 4), (tx - 20, y + h + 30)], color)
        if dots:
            for i in range(3):
                self.circle(x + w / 2 + (i - 1) * 30, y + h / 2, 9, fill=dots)

    def wheel(self, cx, cy, r, color=INK, spokes=8):
        self.circle(cx, cy, r, outline=color, width=7)
        self.circle(cx, cy, 8, fill=color)
        for i in range(spokes):
            a = i * math.pi * 2 / spokes
            self.line([(cx, cy), (cx + math.cos(a) * (r - 4), cy + math.sin(a) * (r - 4))], color, width=2)

    def heart(self, cx, cy, s, color):
        self.circle(cx - 16 * s, cy - 8 * s, 18 * s, fill=color)
        self.circle(cx + 16 * s, cy - 8 * s, 18 * s, fill=color)
        self.poly([(cx - 33 * s, cy - 2 * s), (cx + 33 * s, cy - 2 * s), (cx, cy + 34 * s)], color)

    def save(self, path: Path):
        out = self.img.resize((WIDTH, HEIGHT), Image.LANCZOS)
        out.save(path, "JPEG", quality=82, progressive=True, optimize=True)


# -----------------------------------------------------------------------------
# Szenen: eine Funktion pro Geschichte. Der Docstring fasst das Motiv zusammen,
# der alt-Text in der jeweiligen Geschichte beschreibt es ausführlicher.
# -----------------------------------------------------------------------------

def schuldnerberatung_per_video_erzgebirge(c: Canvas):
    """Tablet mit Videoanruf auf einem Küchentisch, im Fenster bewaldete Hügel."""
    c.rect(0, 0, WIDTH, HEIGHT, (238, 226, 208))  # Küchenwand
    # Fenster mit Erzgebirgslandschaft
    c.rect(430, 90, 1170, 560, (250, 246, 238), radius=10)
    wx0, wy0, wx1, wy1 = 460, 120, 1140, 530
    sub = Canvas(11)
    sub.sky(*SKY_DAY)
    sub.hills(620, 90, GREEN_MID, 1.6)
    for _i in range(26):
        sub.fir(sub.rng.uniform(0, WIDTH), sub.rng.uniform(610, 760), sub.rng.uniform(1.2, 2.0))
    sub.hills(820, 60, GREEN_DARK, 2.2)
    crop = sub.img.resize(((wx1 - wx0) * SS, (wy1 - wy0) * SS), Image.LANCZOS)
    c.img.paste(crop, (wx0 * SS, wy0 * SS))
    c.rect(795, 120, 805, 530, (250, 246, 238))
    c.rect(460, 320, 1140, 330, (250, 246, 238))
    # Tisch
    c.rect(0, 700, WIDTH, HEIGHT, (196, 150, 110))
    c.rect(0, 700, WIDTH, 716, (176, 130, 92))
    # Tablet mit Videoanruf
    c.poly([(560, 880), (1040, 880), (1000, 620), (600, 620)], (52, 56, 66))
    c.rect(600, 560, 1000, 840, (52, 56, 66), radius=22)
    c.rect(622, 582, 978, 818, (214, 232, 238), radius=8)
    c.person(800, 818, 0.85, color=PEOPLE[0], hair=(96, 70, 56))
    c.rect(900, 600, 966, 650, (176, 206, 186), radius=6)  # eigenes Vorschaubild
    # Tasse und Papiere
    c.rect(1180, 740, 1260, 830, (212, 98, 86), radius=12)
    c.circle(1270, 785, 26, outline=(212, 98, 86), width=10)
    c.poly([(230, 760), (450, 744), (468, 880), (246, 896)], (250, 250, 246))
    c.poly([(250, 740), (430, 760), (420, 880), (236, 862)], (236, 240, 246))


def pflege_tandems_mittelsachsen(c: Canvas):
    """Zwei Personen auf einer Parkbank vor einem Haus mit Garten und Apfelbaum."""
    c.sky(*SKY_DAY, 700)
    c.sun(1360, 170, 70)
    c.cloud(420, 170, 1.1)
    c.hills(600, 40, GREEN_LIGHT, 1.2)
    c.house(700, 660, 420, 260, wall=WALL, roof=ROOF, windows=3)
    c.ground(660, GREEN_MID)
    # Gartenzaun
    for x in range(0, WIDTH, 46):
        c.rect(x, 600, x + 18, 700, (246, 240, 226), radius=4)
    c.rect(0, 630, WIDTH, 644, (246, 240, 226))
    c.tree(360, 700, 1.6, crown=GREEN_DARK)
    for fx, fy in ((300, 640), (332, 600), (402, 610), (428, 660), (356, 666)):
        c.circle(fx, fy, 11, fill=(214, 84, 70))
    c.rect(0, 820, WIDTH, HEIGHT, EARTH)  # Weg
    # Bank
    c.rect(560, 770, 1100, 796, WOOD, radius=6)
    c.rect(560, 700, 1100, 722, WOOD, radius=6)
    c.rect(590, 796, 610, 870, INK)
    c.rect(1050, 796, 1070, 870, INK)
    c.person(720, 770, 1.0, color=PEOPLE[1], hair=(200, 200, 204), sitting=True)
    c.person(920, 770, 1.0, color=PEOPLE[5], hair=(110, 80, 60), sitting=True)
    # Blumenbeet
    for i in range(14):
        x = 1180 + i * 28
        c.rect(x + 4, 740, x + 8, 780, GREEN_DARK)
        c.circle(x + 6, 736, 12, fill=PEOPLE[i % len(PEOPLE)])


def buergerlabor_leipziger_osten(c: Canvas):
    """Menschen um einen Tisch mit bunten Zetteln vor einer Häuserzeile."""
    c.sky(*SKY_WARM, 560)
    # Häuserzeile (Gründerzeit)
    colors = [(232, 200, 170), (214, 188, 196), (204, 214, 190), (236, 218, 160), (200, 206, 222), (226, 190, 160)]
    x = -20
    i = 0
    while x < WIDTH:
        w = 250 + (i % 3) * 20
        h = 430 + (i * 37) % 90
        c.rect(x, 620 - h, x + w, 620, colors[i % len(colors)])
        c.rect(x, 620 - h - 16, x + w, 620 - h, (170, 150, 140))
        for row in range(4):
            for col in range(3):
                wx = x + 30 + col * (w - 60) / 3 + 8
                wy = 620 - h + 40 + row * 96
                if wy + 60 < 600:
                    c.rect(wx, wy, wx + 46, wy + 62, WINDOW)
        x += w
        i += 1
    c.ground(620, (206, 200, 190))
    c.rect(0, 620, WIDTH, 640, (180, 174, 166))
    # Tisch mit Zetteln
    c.table(420, 1180, 720)
    note_cols = [(250, 226, 110), (250, 170, 160), (160, 214, 240), (176, 226, 160), (250, 196, 120)]
    for k in range(11):
        nx = 450 + k * 64
        c.poly([(nx, 724), (nx + 48, 720), (nx + 52, 706), (nx + 4, 710)], note_cols[k % 5])
    c.rect(560, 520, 1040, 700, (250, 250, 246), radius=6)  # Stellwand
    for k in range(9):
        nx = 590 + (k % 5) * 88
        ny = 545 + (k // 5) * 75
        c.rect(nx, ny, nx + 62, ny + 56, note_cols[(k + 2) % 5])
    c.rect(790, 700, 810, 720, INK)
    # Menschen
    for px, col, hair, s in ((300, PEOPLE[0], INK, 1.05), (470, PEOPLE[3], (150, 90, 60), 0.95),
                             (1150, PEOPLE[1], (90, 60, 50), 1.0), (1320, PEOPLE[4], (210, 210, 210), 1.05),
                             (1450, PEOPLE[2], INK, 0.7)):
        c.person(px, 900, s, color=col, hair=hair)


def dorfwerkstatt_oberlausitz(c: Canvas):
    """Dorfstraße mit Umgebindehäusern, einem Laden mit leerem Schaufenster und drei Menschen."""
    c.sky(*SKY_DAY, 700)
    c.cloud(1250, 140, 1.0)
    c.hills(520, 60, GREEN_LIGHT, 1.4)
    c.hills(600, 40, GREEN_MID, 2.0)
    # Umgebindehäuser: Holzständer unten, Fachwerk oben
    for hx, w in ((40, 360), (1180, 380)):
        c.rect(hx, 460, hx + w, 720, (236, 226, 206))
        for k in range(5):
            bx = hx + 10 + k * (w - 30) / 4
            c.rect(bx, 540, bx + 18, 720, (120, 86, 62))
        c.rect(hx, 530, hx + w, 548, (120, 86, 62))
        c.rect(hx, 460, hx + w, 474, (120, 86, 62))
        for k in range(4):
            bx = hx + 20 + k * (w - 40) / 3
            c.rect(bx, 474, bx + 12, 530, (120, 86, 62))
        c.poly([(hx - 20, 460), (hx + w + 20, 460), (hx + w / 2, 300)], ROOF_2)
        for k in range(3):
            wx = hx + 50 + k * (w - 100) / 3
            c.rect(wx + 10, 600, wx + 70, 670, WINDOW)
    # Laden mit großem leerem Schaufenster
    c.rect(470, 400, 1110, 720, (246, 222, 196))
    c.poly([(450, 400), (1130, 400), (1060, 310), (520, 310)], ROOF)
    c.rect(530, 520, 900, 700, (196, 214, 224))
    c.line([(560, 540), (640, 620)], (230, 240, 246), 6)
    c.rect(950, 540, 1050, 720, WOOD)
    c.rect(500, 440, 1080, 486, (210, 190, 170))  # leeres Ladenschild
    c.ground(720, ROAD)
    c.rect(0, 720, WIDTH, 760, (186, 186, 190))
    c.person(640, 930, 1.0, color=PEOPLE[2], hair=(130, 90, 60))
    c.person(800, 930, 1.05, color=PEOPLE[4], hair=(200, 200, 200))
    c.child(930, 930, color=PEOPLE[3])


def digitalpaten_nordsachsen(c: Canvas):
    """Eine ältere und eine jüngere Person am Tisch mit Smartphone, dahinter Felder."""
    c.sky(*SKY_WARM, 600)
    c.sun(260, 160, 80, (250, 206, 130))
    # Felder in Streifen
    c.poly([(0, 480), (WIDTH, 440), (WIDTH, 540), (0, 560)], (214, 196, 120))
    c.poly([(0, 560), (WIDTH, 540), (WIDTH, 620), (0, 650)], (170, 196, 120))
    c.poly([(0, 650), (WIDTH, 620), (WIDTH, 700), (0, 720)], (226, 210, 140))
    c.rect(1180, 400, 1260, 470, WALL_2)
    c.poly([(1170, 400), (1270, 400), (1220, 360)], ROOF)
    c.rect(1300, 350, 1324, 460, (200, 200, 196))  # Silo
    c.ground(700, GREEN_MID)
    # Tisch
    c.table(360, 1240, 760)
    c.person(560, 760, 1.1, color=PEOPLE[1], hair=(214, 214, 218), sitting=True)
    c.person(1030, 760, 1.1, color=PEOPLE[0], hair=(60, 46, 40), sitting=True)
    # Smartphone in der Mitte
    c.rect(760, 620, 840, 756, INK, radius=12)
    c.rect(768, 632, 832, 740, (190, 226, 236), radius=6)
    c.circle(800, 670, 14, fill=SKIN)
    c.rect(786, 688, 814, 730, PEOPLE[2], radius=8)
    # Tassen
    c.rect(430, 724, 480, 760, (250, 250, 246), radius=8)
    c.rect(1110, 724, 1160, 760, (250, 250, 246), radius=8)


def ankommenslotsen_bautzen(c: Canvas):
    """Zwei Menschen auf einem Weg zu einer Stadt mit Türmen auf einem Hügel."""
    c.sky(*SKY_DAY, 700)
    c.cloud(300, 140, 0.9)
    c.hills(560, 30, GREEN_LIGHT, 1.0)
    # Stadtsilhouette mit Türmen
    base = 520
    for x, w, h in ((520, 90, 120), (610, 120, 90), (730, 70, 140), (800, 140, 100), (940, 90, 130), (1030, 110, 95)):
        c.rect(x, base - h, x + w, base + 30, (226, 214, 196))
        c.poly([(x - 6, base - h), (x + w + 6, base - h), (x + w / 2, base - h - 50)], ROOF)
    c.rect(690, 250, 740, 520, (212, 196, 176))
    c.poly([(680, 250), (750, 250), (715, 170)], (112, 138, 126))
    c.rect(950, 280, 996, 520, (214, 200, 182))
    c.circle(973, 270, 30, fill=(112, 138, 126))
    c.rect(966, 210, 980, 244, (112, 138, 126))
    c.hills(640, 30, GREEN_MID, 1.6)
    # Weg
    c.poly([(640, 600), (820, 600), (1180, HEIGHT), (260, HEIGHT)], EARTH)
    c.ground(980, EARTH)
    for tx in (150, 1420):
        c.tree(tx, 760, 1.4)
    c.person(640, 920, 1.15, color=PEOPLE[5], hair=INK)
    c.person(800, 930, 1.2, color=PEOPLE[3], hair=(70, 50, 40))


def mietschulden_praevention_dresden(c: Canvas):
    """Wohnblock mit beleuchteten Fenstern, im Vordergrund ein offener Briefumschlag."""
    c.sky((150, 170, 206), (236, 214, 200), 720)
    c.rect(180, 180, 1420, 760, (222, 218, 208))
    for row in range(7):
        for col in range(14):
            x = 220 + col * 86
            y = 210 + row * 76
            lit = c.rng.random() < 0.45
            c.rect(x, y, x + 52, y + 46, WINDOW_LIT if lit else WINDOW)
        c.rect(180, 262 + row * 76, 1420, 268 + row * 76, (200, 196, 186))
    c.rect(760, 680, 840, 760, WOOD)
    c.ground(760, (176, 196, 160))
    c.tree(100, 800, 1.5)
    c.tree(1520, 800, 1.3)
    # Briefumschlag im Vordergrund
    c.rect(560, 760, 1040, 980, (250, 246, 236), radius=8)
    c.poly([(560, 770), (1040, 770), (800, 900)], (236, 228, 212))
    c.poly([(560, 770), (1040, 770), (800, 640)], (244, 238, 226))
    c.rect(620, 690, 980, 760, (255, 255, 255))
    c.rect(650, 712, 900, 722, (190, 196, 206))
    c.rect(650, 734, 840, 744, (190, 196, 206))
    c.heart(960, 880, 1.0, (214, 96, 86))


def inklusive_fahrradwerkstatt_chemnitz(c: Canvas):
    """Werkstatt mit Fahrrad im Montageständer, eine Person im Rollstuhl und eine stehende Person."""
    c.rect(0, 0, WIDTH, HEIGHT, (226, 222, 212))
    # Werkzeugwand
    c.rect(120, 120, 900, 440, (200, 176, 146), radius=8)
    for k in range(10):
        x = 160 + k * 72
        c.circle(x, 160, 6, fill=INK)
        c.rect(x - 6, 170, x + 6, 260 + (k % 3) * 40, (120, 126, 140), radius=4)
    c.rect(1000, 110, 1480, 400, (186, 214, 226), radius=8)  # Fenster
    c.ellipse(960, 300, 1300, 460, fill=GREEN_LIGHT)
    c.ellipse(1180, 320, 1560, 480, fill=GREEN_MID)
    c.rect(960, 400, WIDTH, 480, (226, 222, 212))
    c.rect(1480, 100, WIDTH, 480, (226, 222, 212))
    c.rect(1236, 110, 1246, 400, (236, 236, 232))
    c.rect(0, 440, WIDTH, 460, (200, 196, 186))
    c.ground(760, (172, 168, 162))
    # Werkbank
    c.table(1080, 1540, 600)
    # Montageständer mit Fahrrad
    c.rect(590, 460, 606, 860, INK)
    c.rect(520, 850, 680, 870, INK)
    c.wheel(420, 660, 110)
    c.wheel(800, 660, 110)
    c.line([(420, 660), (560, 560), (700, 560), (800, 660)], (214, 98, 86), 12)
    c.line([(560, 560), (610, 660), (700, 560)], (214, 98, 86), 12)
    c.line([(610, 660), (420, 660)], (214, 98, 86), 10)
    c.line([(700, 560), (690, 520), (740, 512)], INK, 8)
    c.rect(530, 532, 590, 548, INK, radius=6)
    # Person im Rollstuhl
    c.wheel(1040, 880, 90, color=(90, 96, 110), spokes=10)
    c.rect(980, 800, 1110, 820, (90, 96, 110))
    c.person(1040, 800, 1.0, color=PEOPLE[0], hair=(80, 60, 46), sitting=True)
    c.line([(1060, 700), (900, 640)], PEOPLE[0], 18)  # Arm zum Rad
    # stehende Person
    c.person(1300, 920, 1.1, color=PEOPLE[2], hair=INK)


def familienbus_vogtland(c: Canvas):
    """Bunter Kleinbus auf einer Landstraße zwischen grünen Hügeln, davor spielende Kinder mit Ball."""
    c.sky(*SKY_DAY, 620)
    c.sun(1380, 150, 70)
    c.cloud(500, 120, 1.0)
    c.hills(420, 70, GREEN_LIGHT, 1.3)
    c.hills(520, 60, GREEN_MID, 1.9)
    # Viadukt-artige Bögen in der Ferne
    c.rect(200, 400, 620, 420, (206, 160, 130))
    for k in range(6):
        c.rect(205 + k * 70, 420, 225 + k * 70, 500, (206, 160, 130))
    c.ground(600, GREEN_MID)
    c.poly([(0, 640), (WIDTH, 600), (WIDTH, 690), (0, 740)], ROAD)
    # Bus
    bx, by = 520, 640
    c.rect(bx, by - 230, bx + 560, by, (250, 196, 90), radius=36)
    c.rect(bx, by - 70, bx + 560, by - 40, (214, 98, 86))
    for k in range(4):
        c.rect(bx + 40 + k * 110, by - 200, bx + 130 + k * 110, by - 120, (200, 230, 240), radius=10)
    c.rect(bx + 480, by - 200, bx + 540, by - 110, (200, 230, 240), radius=10)
    c.circle(bx + 120, by, 46, fill=INK)
    c.circle(bx + 120, by, 20, fill=(200, 200, 200))
    c.circle(bx + 440, by, 46, fill=INK)
    c.circle(bx + 440, by, 20, fill=(200, 200, 200))
    c.heart(bx + 300, by - 30 - 130, 0.6, (214, 98, 86))
    # Kinder mit Ball
    c.child(420, 930, color=PEOPLE[1])
    c.child(760, 940, color=PEOPLE[5])
    c.child(1180, 930, color=PEOPLE[3])
    c.circle(960, 900, 34, fill=(250, 250, 250))
    c.ellipse(926, 890, 994, 910, fill=(70, 110, 160))


def werkstattjahr_zwickau(c: Canvas):
    """Drei junge Menschen an einer Werkbank vor einer Fabrikhalle mit Sheddach."""
    c.sky(*SKY_DAY, 640)
    c.cloud(1300, 120, 0.9)
    # Sheddach-Halle
    c.rect(100, 330, 1500, 640, (214, 176, 150))
    for k in range(7):
        x = 100 + k * 200
        c.poly([(x, 330), (x + 200, 330), (x + 200, 230)], (176, 132, 110))
        c.rect(x + 170, 240, x + 200, 330, (190, 214, 226))
    for k in range(6):
        x = 170 + k * 220
        c.rect(x, 420, x + 140, 560, (190, 214, 226), radius=4)
        c.rect(x + 66, 420, x + 74, 560, (214, 176, 150))
    c.rect(1380, 80, 1440, 330, (180, 130, 110))  # Schornstein
    c.ground(640, (200, 196, 186))
    c.rect(0, 910, WIDTH, HEIGHT, (186, 182, 172))
    # drei junge Menschen hinter der Werkbank
    for px, col, hair in ((520, PEOPLE[4], INK), (800, PEOPLE[3], (150, 100, 60)), (1090, PEOPLE[5], (60, 40, 30))):
        c.person(px, 900, 1.2, color=col, hair=hair)
        c.rect(px - 41, 900 - 150, px + 41, 900 - 130, (70, 80, 96))  # Schürzengurt
    # Werkbank mit Werkstücken davor
    c.table(280, 1320, 760)
    c.rect(610, 700, 720, 760, (150, 180, 200), radius=6)
    c.rect(900, 716, 1000, 760, WOOD, radius=4)
    c.rect(1170, 690, 1280, 760, (120, 126, 140), radius=4)
    c.circle(1225, 680, 18, fill=(214, 98, 86))
    c.rect(280, 778, 1320, 800, (130, 92, 64))


def gesundheitstreff_saechsische_schweiz(c: Canvas):
    """Dorfgemeinschaftshaus mit Herzsymbol über der Tür, dahinter Tafelberge."""
    c.sky(*SKY_DAY, 700)
    c.cloud(1200, 120, 1.0)
    # Tafelberge (Sandstein)
    for x0, w, h in ((80, 380, 230), (560, 300, 170), (1050, 460, 260)):
        c.poly([(x0, 620), (x0 + 40, 620 - h), (x0 + w - 40, 620 - h), (x0 + w, 620)], (206, 172, 140))
        c.rect(x0 + 40, 620 - h - 18, x0 + w - 40, 620 - h, GREEN_DARK, radius=8)
    c.hills(640, 30, GREEN_MID, 2.4)
    c.ground(720, GREEN_MID)
    # Haus
    c.rect(420, 440, 1180, 780, (244, 234, 214))
    c.poly([(380, 440), (1220, 440), (800, 240)], ROOF)
    for k in range(4):
        x = 470 + k * 190
        if k != 2:
            c.rect(x, 520, x + 110, 620, WINDOW)
    c.rect(840, 600, 960, 780, WOOD)
    c.heart(900, 540, 0.9, (214, 96, 86))
    c.rect(0, 780, WIDTH, HEIGHT, EARTH)
    # Bank und Menschen vor dem Haus
    c.rect(480, 800, 720, 818, WOOD)
    c.person(560, 800, 0.9, color=PEOPLE[4], hair=(210, 210, 214), sitting=True)
    c.person(1040, 960, 1.0, color=PEOPLE[5], hair=(100, 70, 50))
    c.fir(1340, 780, 1.5)
    c.fir(1450, 790, 1.2)
    c.fir(200, 790, 1.4)


def jugendchat_sachsenweit(c: Canvas):
    """Smartphone mit Sprechblasen vor einem dunkelblauen Abendhimmel mit Mond und Sternen."""
    c.sky(*SKY_EVENING)
    for _ in range(60):
        x, y = c.rng.uniform(0, WIDTH), c.rng.uniform(0, 640)
        c.circle(x, y, c.rng.uniform(1.5, 3.5), fill=(240, 236, 210))
    c.circle(1320, 170, 70, fill=(246, 236, 196))
    c.circle(1350, 150, 66, fill=SKY_EVENING[0])
    # Stadt- und Dorfsilhouetten am Horizont
    c.hills(800, 30, (30, 40, 72), 1.5)
    for x in range(60, WIDTH, 150):
        h = 60 + (x * 7) % 80
        c.rect(x, 780 - h, x + 90, 820, (34, 44, 78))
        c.rect(x + 30, 800 - h, x + 46, 816 - h, WINDOW_LIT)
    c.ground(860, (30, 40, 72))
    # Smartphone
    c.rect(620, 170, 980, 900, (28, 30, 38), radius=46)
    c.rect(644, 230, 956, 840, (236, 240, 246), radius=14)
    c.bubble(670, 270, 220, 90, (214, 226, 246), tail_left=True, dots=(120, 140, 180))
    c.bubble(730, 420, 200, 80, (196, 230, 200), tail_left=False)
    c.bubble(670, 560, 250, 100, (214, 226, 246), tail_left=True)
    c.bubble(760, 720, 170, 70, (196, 230, 200), tail_left=False, dots=(100, 150, 110))
    # schwebende Sprechblasen außerhalb
    c.bubble(230, 300, 240, 110, (250, 214, 150), dots=(190, 140, 80))
    c.bubble(1120, 420, 220, 100, (200, 220, 250), tail_left=False, dots=(120, 140, 190))


def sprachcafe_riesa(c: Canvas):
    """Menschen an einem runden Tisch mit Kaffeetassen und Sprechblasen, hinten Fluss und Brücke."""
    c.sky(*SKY_WARM, 560)
    c.hills(430, 30, GREEN_LIGHT, 1.0)
    c.rect(0, 440, WIDTH, 520, (150, 190, 210))  # Elbe
    c.rect(0, 436, WIDTH, 446, GREEN_MID)
    # Brücke
    c.rect(100, 380, 1500, 400, (170, 150, 140))
    for k in range(5):
        x = 180 + k * 300
        c.rect(x, 400, x + 30, 470, (170, 150, 140))
    for k in range(4):
        x = 210 + k * 300
        c.ellipse(x, 380, x + 270, 470, outline=(170, 150, 140), width=10)
    c.ground(520, (230, 214, 190))  # Café-Terrasse
    c.rect(0, 520, WIDTH, 540, (206, 190, 166))
    # Runder Tisch (Ellipse) mit Tassen
    c.person(520, 700, 1.0, color=PEOPLE[0], hair=INK, sitting=False)
    c.person(1080, 700, 1.0, color=PEOPLE[1], hair=(90, 60, 46), sitting=False)
    c.person(800, 640, 0.85, color=PEOPLE[5], hair=(40, 30, 26), sitting=False)
    c.ellipse(430, 660, 1170, 800, fill=(196, 150, 110))
    c.rect(780, 760, 820, 960, (150, 110, 80))
    c.rect(700, 950, 900, 970, (150, 110, 80), radius=8)
    for tx in (560, 720, 880, 1020):
        c.rect(tx, 690, tx + 46, 728, (250, 250, 246), radius=8)
        c.circle(tx + 54, 708, 10, outline=(250, 250, 246), width=5)
    c.person(300, 980, 1.1, color=PEOPLE[3], hair=(200, 160, 90))
    c.person(1300, 980, 1.1, color=PEOPLE[2], hair=INK)
    c.bubble(360, 80, 220, 100, (255, 255, 255), dots=(170, 170, 180))
    c.bubble(1040, 110, 240, 100, (255, 255, 255), tail_left=False, dots=(170, 170, 180))
    c.bubble(690, 170, 200, 90, (255, 255, 255), dots=(170, 170, 180))


def generationengarten_neuseenland(c: Canvas):
    """Gemüsegarten mit Hochbeeten, eine ältere Person und ein Kind gießen, am Horizont ein See."""
    c.sky(*SKY_DAY, 560)
    c.sun(240, 150, 70)
    c.cloud(1150, 130, 0.9)
    c.hills(400, 24, GREEN_LIGHT, 1.2)
    c.rect(0, 420, WIDTH, 520, (140, 190, 214))  # See
    c.poly([(1100, 470), (1112, 400), (1136, 470)], (250, 250, 250))  # Segel
    c.rect(1086, 470, 1150, 482, (250, 250, 250))
    c.ground(520, GREEN_MID)
    # Hochbeete
    for bx, by in ((120, 700), (560, 720), (1060, 700)):
        c.rect(bx, by, bx + 380, by + 120, WOOD, radius=6)
        c.rect(bx, by, bx + 380, by + 18, (130, 92, 64))
        for k in range(7):
            x = bx + 30 + k * 50
            c.ellipse(x - 20, by - 60, x + 20, by + 4, fill=GREEN_DARK)
            if k % 2 == 0:
                c.circle(x, by - 24, 12, fill=(214, 84, 70))
    c.rect(0, 860, WIDTH, HEIGHT, EARTH)
    # Ältere Person und Kind mit Gießkannen
    c.person(520, 960, 1.05, color=PEOPLE[4], hair=(214, 214, 218))
    c.rect(580, 760, 660, 820, (112, 150, 104), radius=10)
    c.line([(660, 780), (720, 740)], (112, 150, 104), 10)
    c.child(880, 960, color=PEOPLE[3])
    c.rect(920, 850, 970, 890, (70, 110, 160), radius=8)
    c.line([(970, 862), (1010, 836)], (70, 110, 160), 7)
    for k in range(5):
        c.circle(1016 + k * 6, 848 + k * 10, 4, fill=(140, 190, 214))
    c.tree(1450, 640, 1.3)


SCENES = {
    "schuldnerberatung-per-video-erzgebirge": (schuldnerberatung_per_video_erzgebirge, 101),
    "pflege-tandems-mittelsachsen": (pflege_tandems_mittelsachsen, 102),
    "buergerlabor-leipziger-osten": (buergerlabor_leipziger_osten, 103),
    "dorfwerkstatt-oberlausitz": (dorfwerkstatt_oberlausitz, 104),
    "digitalpaten-nordsachsen": (digitalpaten_nordsachsen, 105),
    "ankommenslotsen-bautzen": (ankommenslotsen_bautzen, 106),
    "mietschulden-praevention-dresden": (mietschulden_praevention_dresden, 107),
    "inklusive-fahrradwerkstatt-chemnitz": (inklusive_fahrradwerkstatt_chemnitz, 108),
    "familienbus-vogtland": (familienbus_vogtland, 109),
    "werkstattjahr-zwickau": (werkstattjahr_zwickau, 110),
    "gesundheitstreff-saechsische-schweiz": (gesundheitstreff_saechsische_schweiz, 111),
    "jugendchat-sachsenweit": (jugendchat_sachsenweit, 112),
    "sprachcafe-riesa": (sprachcafe_riesa, 113),
    "generationengarten-neuseenland": (generationengarten_neuseenland, 114),
}


def main() -> None:
    """Draw every scene and write it as JPEG."""
    logging.basicConfig(format="%(message)s", level=logging.INFO)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    total = 0
    for slug, (draw, seed) in SCENES.items():
        canvas = Canvas(seed)
        draw(canvas)
        path = OUT_DIR / f"{slug}.jpg"
        canvas.save(path)
        total += path.stat().st_size
    logger.info("%d Illustrationen nach %s geschrieben (%d KB).", len(SCENES), OUT_DIR, total // 1024)


if __name__ == "__main__":
    main()
