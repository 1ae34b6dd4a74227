#!/usr/bin/python3
"""KaTeX's woff2 fonts without their hinting instructions, for dist/vendor/katex/fonts/.

    /usr/bin/python3 scripts/katex-fonts.py SRC_DIR DEST_DIR CACHE_DIR

KaTeX's fonts carry TrueType hinting (the fpgm, prep and cvt tables and each glyph's
instructions): a fifth of their bytes, used only by renderers that hint TrueType fonts
(not macOS, iOS, Android, nor Chromium on Linux at its default slight hinting). The
glyphs' outlines, metrics and every other table are kept, so KaTeX lays out exactly as
before. Measured (the four fonts a first derivation uses): Main-Regular 26.3 -> 23.0 KB,
Math-Italic 16.4 -> 13.9, Size1 5.5 -> 3.5, Size2 5.2 -> 3.3.

Uses Debian's python3-fonttools and python3-brotli (scripts/setup.sh installs them);
without them the fonts are copied as they are, with a warning. Results are kept in
CACHE_DIR by the source font's hash, so a rebuild does not redo them.
"""
import hashlib
import os
import shutil
import sys


def main(src, dest, cache):
    fonts = sorted(name for name in os.listdir(src) if name.endswith('.woff2'))
    try:
        from fontTools import subset
        import brotli  # noqa: F401  (woff2 output needs it)
    except ImportError as error:
        print(f'katex-fonts: {error}: KaTeX fonts copied with their hinting '
              '(apt-get install python3-fonttools python3-brotli)', file=sys.stderr)
        for name in fonts:
            shutil.copyfile(os.path.join(src, name), os.path.join(dest, name))
        return
    os.makedirs(cache, exist_ok=True)
    before = after = 0
    for name in fonts:
        source = os.path.join(src, name)
        with open(source, 'rb') as f:
            digest = hashlib.sha256(f.read()).hexdigest()[:16]
        cached = os.path.join(cache, f'{digest}-{name}')
        if not os.path.exists(cached):
            options = subset.Options()
            options.hinting = False
            options.flavor = 'woff2'
            options.glyph_names = False
            options.layout_features = ['*']
            options.name_IDs = ['*']
            options.name_languages = ['*']
            options.notdef_outline = True
            options.recalc_bounds = False
            options.recalc_timestamp = False
            font = subset.load_font(source, options)
            subsetter = subset.Subsetter(options)
            subsetter.populate(glyphs=font.getGlyphOrder())
            subsetter.subset(font)
            subset.save_font(font, cached + '.tmp', options)
            os.replace(cached + '.tmp', cached)
        shutil.copyfile(cached, os.path.join(dest, name))
        before += os.path.getsize(source)
        after += os.path.getsize(cached)
    print(f'katex-fonts: {len(fonts)} fonts without hinting, {before} -> {after} bytes')


if __name__ == '__main__':
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
