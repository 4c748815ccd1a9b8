#!/usr/bin/env python3
"""Checks a `gapmap report` folder in a real headless browser (Debian's chromium).

Usage: check_report.py REPORT_DIR

Fails (exit 1, with the reason) unless:
  - html5lib's strict parser accepts index.html (no parse errors);
  - chromium loads it with no console message at all (a CSP violation or script error would
    be one);
  - the page script ran under the Content-Security-Policy (it marks <html class="js">);
  - a screenshot is not blank and shows the diagrams' fills (the SVGs are visible).
"""
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

import html5lib


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("check_report: chromium is not installed (apt-get install chromium)")


def run(args, timeout=90):
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout)


def png_pixels(path):
    """Decodes an 8-bit RGB/RGBA PNG into (width, height, channels, bytes)."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and color in (2, 6), f"unexpected PNG type {depth}/{color}"
            channels = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    out = bytearray(height * stride)
    prev = bytearray(stride)
    i = 0
    for y in range(height):
        f = raw[i]
        row = bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = row[x - channels] if x >= channels else 0
            b = prev[x]
            c = prev[x - channels] if x >= channels else 0
            if f == 1:
                row[x] = (row[x] + a) & 255
            elif f == 2:
                row[x] = (row[x] + b) & 255
            elif f == 3:
                row[x] = (row[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                row[x] = (row[x] + pred) & 255
        out[y * stride:(y + 1) * stride] = row
        prev = row
    return width, height, channels, bytes(out)


def main():
    report = os.path.abspath(sys.argv[1])
    index = os.path.join(report, "index.html")
    html = open(index, encoding="utf-8").read()

    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        parser.parse(html)
    except Exception as e:  # html5lib raises ParseError with the position
        sys.exit(f"check_report: html5lib rejects index.html: {e}")

    browser = chromium()
    url = "file://" + index
    base = [browser, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-extensions", "--disable-background-networking"]
    with tempfile.TemporaryDirectory() as tmp:
        profile = ["--user-data-dir=" + os.path.join(tmp, "profile")]
        dom = run(base + profile + ["--dump-dom", url])
        if '<html lang="en" class="js">' not in dom.stdout:
            sys.exit("check_report: the page script did not run under the CSP")
        if dom.stdout.count("<svg") < 2:
            sys.exit("check_report: the diagrams are missing from the DOM")
        shot = os.path.join(tmp, "shot.png")
        log = run(base + profile + ["--enable-logging=stderr", "--v=0", "--window-size=1280,2400",
                                    "--screenshot=" + shot, url])
        console = [l for l in log.stderr.splitlines() if ":CONSOLE" in l]
        if console:
            sys.exit("check_report: console messages:\n" + "\n".join(console))
        if not os.path.exists(shot):
            sys.exit("check_report: no screenshot:\n" + log.stderr[-2000:])
        w, h, ch, px = png_pixels(shot)
        total = w * h
        nonwhite = fills = 0
        for i in range(0, len(px), ch * 3):  # every third pixel is plenty
            r, g, b = px[i], px[i + 1], px[i + 2]
            if r < 245 or g < 245 or b < 245:
                nonwhite += 1
            # Okabe-Ito fills of the overview: company orange, facility vermilion, agency sky blue.
            if (abs(r - 230) < 12 and abs(g - 159) < 12 and b < 30) or \
               (abs(r - 213) < 12 and abs(g - 94) < 12 and b < 30) or \
               (abs(r - 86) < 12 and abs(g - 180) < 12 and abs(b - 233) < 12):
                fills += 1
        sampled = total // 3
        if nonwhite < sampled * 0.02:
            sys.exit(f"check_report: the screenshot is blank ({nonwhite} of {sampled} sampled pixels drawn)")
        if fills < 200:
            sys.exit(f"check_report: the diagrams are not visible ({fills} pixels of their fills)")
    print(f"check_report: ok ({w}x{h} screenshot, {nonwhite} drawn and {fills} fill pixels sampled)")


if __name__ == "__main__":
    main()
