"""Pictures for the demo content, drawn with Pillow: gradients and geometric shapes, no text.

Pillow's bundled fonts have no Arabic glyphs, so the pictures carry no lettering at all. Every
drawing is deterministic (seeded), so the same post always gets the same picture.
"""

import io
import math
import random

from PIL import Image, ImageDraw

FEATURED_SIZE = (1600, 900)
AVATAR_SIZE = 512
SMALL_FEATURED_SIZE = (320, 180)
SMALL_AVATAR_SIZE = 96

# (sky or background top, background bottom, main shape colour, accent, light)
PALETTES = {
    "terracotta": ((232, 160, 112), (150, 62, 42), (96, 36, 28), (244, 208, 140), (253, 240, 220)),
    "sea": ((126, 196, 224), (22, 86, 138), (12, 52, 92), (250, 214, 120), (236, 246, 250)),
    "olive": ((214, 222, 168), (92, 112, 58), (50, 66, 34), (226, 150, 74), (246, 244, 226)),
    "indigo": ((98, 104, 188), (26, 28, 82), (14, 16, 52), (242, 186, 90), (226, 228, 250)),
    "sand": ((250, 226, 168), (214, 150, 82), (150, 88, 44), (66, 128, 142), (255, 248, 230)),
    "dusk": ((246, 150, 120), (88, 52, 118), (44, 26, 70), (255, 214, 150), (252, 232, 236)),
    "mint": ((196, 236, 214), (46, 140, 122), (20, 84, 76), (236, 104, 88), (240, 252, 246)),
    "slate": ((188, 198, 210), (60, 72, 92), (30, 38, 52), (214, 92, 64), (240, 242, 246)),
}


def _gradient(size, top, bottom):
    """A two-colour vertical gradient filling `size`."""
    ramp = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), ramp)


def _mix(first, second, amount):
    return tuple(round(a + (b - a) * amount) for a, b in zip(first, second, strict=True))


def _arches(draw, width, height, palette, rng):
    """A colonnade of horseshoe-ish arches along the bottom, as in a courtyard."""
    _top, _bottom, main, accent, light = palette
    count = rng.randint(4, 7)
    span = width / count
    base = height * 0.95
    top = height * rng.uniform(0.38, 0.5)
    for i in range(count):
        left = i * span + span * 0.14
        right = (i + 1) * span - span * 0.14
        radius = (right - left) / 2
        draw.rectangle([i * span, top - radius * 0.4, (i + 1) * span, base], fill=main)
        draw.rectangle([left, top + radius, right, base], fill=light)
        draw.ellipse([left, top, right, top + 2 * radius], fill=light)
        inset = radius * 0.35
        draw.ellipse(
            [left + inset, top + inset * 1.4, right - inset, top + 2 * radius - inset * 0.6],
            fill=_mix(light, accent, 0.45),
        )
    draw.rectangle([0, base, width, height], fill=main)


def _star(cx, cy, radius, points=8, inner=0.62, turn=0.0):
    corners = []
    for k in range(points * 2):
        r = radius if k % 2 == 0 else radius * inner
        angle = turn + math.pi * k / points
        corners.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    return corners


def _tiles(draw, width, height, palette, rng):
    """Eight-pointed stars on a grid, the family of patterns found on zellige walls."""
    _top, _bottom, main, accent, light = palette
    step = width / rng.choice([6, 7, 8])
    radius = step * 0.46
    colours = [main, accent, light]
    rows = int(height / step) + 2
    cols = int(width / step) + 2
    for row in range(rows):
        for col in range(cols):
            cx = col * step + (step / 2 if row % 2 else 0)
            cy = row * step
            colour = colours[(row + col) % 3]
            draw.polygon(_star(cx, cy, radius, turn=math.pi / 8), fill=colour)
            draw.polygon(_star(cx, cy, radius * 0.45), fill=_mix(colour, light, 0.5))


def _waves(draw, width, height, palette, rng):
    """A low sun over layered waves."""
    _top, _bottom, main, accent, light = palette
    sun_x = width * rng.uniform(0.2, 0.8)
    sun_r = height * rng.uniform(0.1, 0.16)
    horizon = height * rng.uniform(0.48, 0.58)
    draw.ellipse(
        [sun_x - sun_r, horizon - sun_r * 1.6, sun_x + sun_r, horizon + sun_r * 0.4], fill=accent
    )
    layers = 5
    for layer in range(layers):
        level = horizon + (height - horizon) * layer / layers
        amplitude = height * (0.012 + 0.01 * layer)
        wavelength = width / rng.uniform(2.5, 5.5)
        phase = rng.uniform(0, math.tau)
        points = [(0, height)]
        for x in range(0, width + 8, max(2, width // 160)):
            points.append((x, level + amplitude * math.sin(phase + math.tau * x / wavelength)))
        points.append((width, height))
        draw.polygon(points, fill=_mix(light, main, 0.35 + 0.65 * layer / (layers - 1)))


def _dunes(draw, width, height, palette, rng):
    """Rolling hills or dunes under a pale disc."""
    _top, _bottom, main, accent, light = palette
    disc = height * rng.uniform(0.08, 0.13)
    dx, dy = width * rng.uniform(0.15, 0.85), height * rng.uniform(0.16, 0.3)
    draw.ellipse([dx - disc, dy - disc, dx + disc, dy + disc], fill=light)
    for layer in range(4):
        base = height * (0.5 + 0.13 * layer)
        peaks = rng.randint(2, 4)
        points = [(0, height), (0, base)]
        for k in range(1, peaks * 2):
            x = width * k / (peaks * 2)
            lift = height * rng.uniform(0.04, 0.12) * (1 if k % 2 else -0.4)
            points.append((x, base - lift))
        points += [(width, base), (width, height)]
        draw.polygon(points, fill=_mix(accent, main, layer / 3))


def _circles(draw, width, height, palette, rng):
    """Overlapping translucent discs, like lamps in a souk at dusk."""
    _top, _bottom, main, accent, light = palette
    for _ in range(rng.randint(14, 22)):
        r = height * rng.uniform(0.05, 0.26)
        x, y = rng.uniform(0, width), rng.uniform(0, height)
        colour = rng.choice([main, accent, light])
        draw.ellipse([x - r, y - r, x + r, y + r], fill=(*colour, rng.randint(70, 170)))


def _grid(draw, width, height, palette, rng):
    """A city seen from above: blocks of different heights and a diagonal avenue."""
    _top, _bottom, main, accent, light = palette
    cell = width / rng.choice([10, 12, 14])
    gap = cell * 0.14
    for row in range(int(height / cell) + 1):
        for col in range(int(width / cell) + 1):
            shade = rng.random()
            colour = _mix(light, main, shade) if shade > 0.12 else accent
            x, y = col * cell, row * cell
            draw.rectangle([x + gap, y + gap, x + cell - gap, y + cell - gap], fill=colour)
    avenue = cell * 0.7
    draw.line([(0, height * 0.9), (width, height * 0.1)], fill=light, width=max(2, int(avenue)))


STYLES = {
    "arches": _arches,
    "tiles": _tiles,
    "waves": _waves,
    "dunes": _dunes,
    "circles": _circles,
    "grid": _grid,
}


def featured_image(style, palette_name, seed, size=FEATURED_SIZE):
    """A landscape JPEG (bytes) in one of the STYLES and PALETTES."""
    width, height = size
    palette = PALETTES[palette_name]
    rng = random.Random(f"{style}:{palette_name}:{seed}")
    canvas = _gradient(size, palette[0], palette[1]).convert("RGBA")
    overlay = Image.new("RGBA", size, (0, 0, 0, 0))
    STYLES[style](ImageDraw.Draw(overlay), width, height, palette, rng)
    canvas = Image.alpha_composite(canvas, overlay).convert("RGB")
    buffer = io.BytesIO()
    canvas.save(buffer, format="JPEG", quality=86, optimize=True, progressive=True)
    return buffer.getvalue()


def avatar_image(palette_name, seed, size=AVATAR_SIZE):
    """A square PNG (bytes): a diagonal gradient with a rosette of petals and rings."""
    palette = PALETTES[palette_name]
    rng = random.Random(f"avatar:{palette_name}:{seed}")
    # A diagonal gradient: draw it larger, turn it and keep the middle so no corner is empty.
    margin = size // 4
    canvas = _gradient((size + 2 * margin,) * 2, palette[0], palette[1])
    canvas = canvas.rotate(rng.choice([45, 135, 225, 315]), resample=Image.Resampling.BICUBIC)
    canvas = canvas.crop((margin, margin, margin + size, margin + size)).convert("RGBA")
    overlay = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    centre = size / 2
    petals = rng.choice([5, 6, 8, 12])
    reach = size * rng.uniform(0.26, 0.34)
    petal = size * rng.uniform(0.1, 0.15)
    turn = rng.uniform(0, math.tau)
    for k in range(petals):
        angle = turn + math.tau * k / petals
        x, y = centre + reach * math.cos(angle), centre + reach * math.sin(angle)
        draw.ellipse([x - petal, y - petal, x + petal, y + petal], fill=(*palette[3], 190))
    ring = size * 0.2
    draw.ellipse([centre - ring, centre - ring, centre + ring, centre + ring], fill=palette[2])
    draw.polygon(
        _star(centre, centre, ring * 0.8, points=petals, inner=0.5, turn=turn), fill=palette[4]
    )
    canvas = Image.alpha_composite(canvas, overlay).convert("RGB")
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
