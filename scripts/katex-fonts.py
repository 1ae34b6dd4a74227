#!/usr/bin/python3
"""KaTeX's woff2 fonts without their hinting instructions, for dist/vendor/katex/fonts/,
and its style sheet to match.

    /usr/bin/python3 scripts/katex-fonts.py SRC_DIR DEST_DIR CACHE_DIR [CSS]

KaTeX's fonts carry TrueType hinting (the fpgm, prep and cvt tables and each glyph's
instructions): a fifth of their bytes, read only by renderers that apply TrueType hinting
(Windows', FreeType at some settings; macOS, iOS and Android ignore it). The
glyphs' outlines, metrics and every other table are kept, so KaTeX lays out exactly as
before. Measured (the four fonts a first derivation uses): Main-Regular 26.3 -> 23.0 KB,
Math-Italic 16.4 -> 13.9, Size1 5.5 -> 3.5, Size2 5.2 -> 3.3.

Math-Italic (the letters of every formula) is also split in two: its Latin letters and
digits (8.9 KB) and the rest, its Greek (6.4 KB). CSS (KaTeX's katex.min.css, rewritten in
place) then gives KaTeX_Math italic as two faces with their unicode-range, so a formula
without a Greek letter downloads 5 KB less (and one with, 1 KB more); the whole file stays
for anyone who names it. The CSS also loses its woff and ttf fallbacks, which the site
does not ship (every browser that runs the page reads woff2).

Uses Debian's python3-fonttools and python3-brotli (scripts/setup.sh installs them).
Results are kept in CACHE_DIR by the source font's hash, so a rebuild does not redo them.
"""
import hashlib
import os
import re
import shutil
import sys

# Math-Italic's parts: (file suffix, unicode-range). The font has nothing else (its Greek
# and two private-use glyphs); a range wider than the part's glyphs would have a browser
# download it for any character of that range in KaTeX_Math italic (the page's ∂ logo).
MATH_ITALIC_PARTS = [('-latin', 'U+0000-00FF'), ('-greek', 'U+0370-03FF,U+E000-F8FF')]


def options_for(subset, hinting=False):
    options = subset.Options()
    options.hinting = hinting
    options.flavor = 'woff2'
    options.glyph_names = False
    options.layout_features = ['*']
    options.name_IDs = ['*']
    options.name_languages = ['*']
    options.notdef_outline = True
    options.recalc_bounds = False
    options.recalc_timestamp = False
    return options


def cached_subset(subset, source, cached, unicodes=None):
    """Writes `source` without hinting (only `unicodes`, if given) to `cached`, once."""
    if os.path.exists(cached):
        return
    options = options_for(subset)
    font = subset.load_font(source, options)
    subsetter = subset.Subsetter(options)
    if unicodes is None:
        subsetter.populate(glyphs=font.getGlyphOrder())
    else:
        subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    subset.save_font(font, cached + '.tmp', options)
    os.replace(cached + '.tmp', cached)


def unicode_range(spec):
    codes = []
    for part in spec.split(','):
        low, high = (int(bound, 16) for bound in part.strip()[2:].split('-'))
        codes.extend(range(low, high + 1))
    return codes


def rewrite_css(css_file):
    with open(css_file, encoding='utf-8') as f:
        css = f.read()
    css = re.sub(r',url\([^)]*\.woff\) format\("woff"\),url\([^)]*\.ttf\) format\("truetype"\)', '', css)
    face = re.search(r'@font-face\{[^}]*font-family:KaTeX_Math;font-style:italic;font-weight:400;[^}]*\}', css)
    if not face or 'KaTeX_Math-Italic.woff2' not in face.group(0):
        sys.exit('katex-fonts: no KaTeX_Math italic face in the CSS (has KaTeX changed?)')
    parts = ''.join(
        face.group(0).replace('KaTeX_Math-Italic.woff2', f'KaTeX_Math-Italic{suffix}.woff2')[:-1]
        + f';unicode-range:{spec}}}' for suffix, spec in MATH_ITALIC_PARTS)
    css = css.replace(face.group(0), parts)
    with open(css_file, 'w', encoding='utf-8') as f:
        f.write(css)


def main(src, dest, cache, css_file=None):
    fonts = sorted(name for name in os.listdir(src) if name.endswith('.woff2'))
    try:
        from fontTools import subset
        import brotli  # noqa: F401  (woff2 output needs it)
    except ImportError as error:
        sys.exit(f'katex-fonts: {error} (scripts/setup.sh installs python3-fonttools and python3-brotli)')
    os.makedirs(cache, exist_ok=True)
    before = after = 0
    for name in fonts:
        source = os.path.join(src, name)
        with open(source, 'rb') as f:
            digest = hashlib.sha256(f.read()).hexdigest()[:16]
        cached = os.path.join(cache, f'{digest}-{name}')
        cached_subset(subset, source, cached)
        shutil.copyfile(cached, os.path.join(dest, name))
        before += os.path.getsize(source)
        after += os.path.getsize(cached)
    print(f'katex-fonts: {len(fonts)} fonts without hinting, {before} -> {after} bytes')
    source = os.path.join(src, 'KaTeX_Math-Italic.woff2')
    with open(source, 'rb') as f:
        digest = hashlib.sha256(f.read() + repr(MATH_ITALIC_PARTS).encode()).hexdigest()[:16]
    for suffix, spec in MATH_ITALIC_PARTS:
        name = f'KaTeX_Math-Italic{suffix}.woff2'
        cached = os.path.join(cache, f'{digest}-{name}')
        cached_subset(subset, source, cached, unicodes=unicode_range(spec))
        shutil.copyfile(cached, os.path.join(dest, name))
        print(f'katex-fonts: {name} ({spec}), {os.path.getsize(cached)} bytes')
    if css_file:
        rewrite_css(css_file)


if __name__ == '__main__':
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    main(*sys.argv[1:])
