"""The plots of `actdiff plot`, rendered by a real SVG renderer (rsvg-convert,
from Debian's librsvg2-bin) and checked against formulas written here
independently, in Python's math module.

For each activation: the tool writes the SVG; rsvg-convert renders it to PNG;
the axes are read off the SVG's grid lines and tick labels; then at points
along x (away from kinks and the legend) the rendered image must show f's
colour where f(x) lies. f is drawn last, as a solid line, so every point is
checked. A wrong value, a wrong axis or a broken image fails.

Every committed plot (docs/activations/*.svg) must also render, at the size
the SVG states.

usage: render_plots.py TOOL RSVG_CONVERT SCRATCH_DIR DOCS_DIR
"""
import math
import re
import struct
import subprocess
import sys
import zlib
from pathlib import Path


def sigmoid(x):
    return 1 / (1 + math.exp(-x)) if x >= 0 else math.exp(x) / (1 + math.exp(x))


def softplus(x):
    return max(x, 0) + math.log1p(math.exp(-abs(x)))


REFERENCES = {
    "sigmoid": sigmoid,
    "tanh": math.tanh,
    "relu": lambda x: max(x, 0.0),
    "relu6": lambda x: min(max(x, 0.0), 6.0),
    "leaky_relu": lambda x: x if x > 0 else 0.01 * x,
    "elu": lambda x: x if x > 0 else math.expm1(x),
    "selu": lambda x: 1.0507009873554805 * (x if x > 0 else 1.6732632423543772 * math.expm1(x)),
    "gelu": lambda x: 0.5 * x * (1 + math.erf(x / math.sqrt(2))),
    "silu": lambda x: x * sigmoid(x),
    "mish": lambda x: x * math.tanh(softplus(x)),
    "softplus": softplus,
    "softsign": lambda x: x / (1 + abs(x)),
    "hardtanh": lambda x: min(max(x, -1.0), 1.0),
    "hardsigmoid": lambda x: min(max(x / 6 + 0.5, 0.0), 1.0),
    "hardswish": lambda x: x * min(max(x + 3, 0.0), 6.0) / 6,
    "log_sigmoid": lambda x: -softplus(-x),
    "snake": lambda x: x + math.sin(x) ** 2,
}
F_COLOUR = (0x1F, 0x77, 0xB4)


def read_png(path):
    """Width, height, bytes per pixel and rows of an 8-bit RGB or RGBA PNG."""
    data = Path(path).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path}: not a PNG"
    at, chunks, header = 8, [], None
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        at += 12 + length
    width, height, depth, colour_type, _, _, interlace = header
    assert depth == 8 and colour_type in (2, 6) and interlace == 0, f"{path}: expected 8-bit RGB or RGBA"
    bpp = 3 if colour_type == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride, rows, previous = width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up = previous[i]
            up_left = previous[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else up_left)) & 255
        rows.append(line)
        previous = line
    return width, height, bpp, rows


def axes(svg):
    """Linear maps value → pixel for x and y, from the grid lines and tick
    labels, and the first and last x tick."""
    vertical = [float(m) for m in re.findall(r'<line x1="([0-9.]+)" y1="[0-9.]+" x2="\1" y2="[0-9.]+"/>', svg)]
    horizontal = [float(m) for m in re.findall(r'<line x1="[0-9.]+" y1="([0-9.]+)" x2="[0-9.]+" y2="\1"/>', svg)]
    def labels(anchor):
        return [float(t.replace("−", "-")) for t in re.findall(f'<text x="[0-9.]+" y="[0-9.]+" text-anchor="{anchor}">([^<]+)</text>', svg)]
    x_labels, y_labels = labels("middle"), labels("end")
    assert len(x_labels) >= 2 and len(y_labels) >= 2, "cannot read the axes"

    def fit(values, pixels):
        scale = (pixels[-1] - pixels[0]) / (values[-1] - values[0])
        return lambda v: pixels[0] + (v - values[0]) * scale
    return fit(x_labels, vertical[:len(x_labels)]), fit(y_labels, horizontal[:len(y_labels)]), x_labels[0], x_labels[-1]


def shows_colour(image, px, py, colour, reach=2):
    bpp, rows = image
    for y in range(int(py) - reach, int(py) + reach + 2):
        for x in range(int(px) - reach, int(px) + reach + 2):
            if 0 <= y < len(rows) and 0 <= x * bpp < len(rows[0]):
                pixel = rows[y][x * bpp:x * bpp + 3]
                if sum(abs(a - b) for a, b in zip(pixel, colour)) < 90:
                    return True
    return False


def render(rsvg, svg_path, png_path):
    subprocess.run([rsvg, str(svg_path), "-o", str(png_path)], check=True)
    width, height, bpp, rows = read_png(png_path)
    stated = re.search(r'<svg [^>]*width="(\d+)" height="(\d+)"', Path(svg_path).read_text(encoding="utf-8"))
    assert (width, height) == (int(stated[1]), int(stated[2])), f"{svg_path}: rendered {width}x{height}"
    return bpp, rows


def main():
    tool, rsvg, scratch, docs = sys.argv[1], sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4])
    scratch.mkdir(parents=True, exist_ok=True)
    failures, checked = [], 0
    for name, f in REFERENCES.items():
        svg_path, png_path = scratch / f"{name}.svg", scratch / f"{name}.png"
        subprocess.run([tool, "plot", name, "--svg", str(svg_path)], check=True)
        svg = svg_path.read_text(encoding="utf-8")
        image = render(rsvg, svg_path, png_path)
        to_px, to_py, low, high = axes(svg)
        kinks = [float(m) for m in re.findall(r'<line x1="([0-9.]+)" [^>]*stroke-dasharray="3,3"/>', svg)]
        legend = re.search(r'<rect x="([0-9.]+)" y="([0-9.]+)" width="([0-9.]+)" height="([0-9.]+)" fill="white" fill-opacity', svg)
        lx, ly, lw, lh = (float(v) for v in legend.groups())
        for i in range(1, 40):
            x = low + (high - low) * i / 40
            px, py = to_px(x), to_py(f(x))
            if any(abs(px - k) < 4 for k in kinks) or (lx - 4 <= px <= lx + lw + 4 and ly - 4 <= py <= ly + lh + 4):
                continue
            if not 0 <= py < len(image[1]):
                continue
            checked += 1
            if not shows_colour(image, px, py, F_COLOUR):
                failures.append(f"{name}: f({x:.3f}) = {f(x):.4f} is not drawn at pixel ({px:.1f}, {py:.1f})")
    committed = sorted(docs.glob("*.svg"))
    for svg_path in committed:
        render(rsvg, svg_path, scratch / (svg_path.stem + ".committed.png"))
    for failure in failures:
        print(failure)
    print(f"rendered {len(REFERENCES)} plots and checked {checked} points of f, {len(failures)} wrong; "
          f"rendered {len(committed)} committed plots")
    return 1 if failures or not committed or checked < 20 * len(REFERENCES) else 0


if __name__ == "__main__":
    sys.exit(main())
