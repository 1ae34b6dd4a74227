#!/usr/bin/env python3
"""Serves a built site (dist/) on the loopback interface, as scripts/serve.sh, the browser
tests and bench/page do: python's static file server plus the right types and caching.

  python3 scripts/serve.py [--port 8000] [--bind 127.0.0.1] [--directory dist]

Types: .wasm as application/wasm (needed for streaming compilation), .webmanifest as
application/manifest+json, .js/.mjs as text/javascript. Caching: every file carries a
Last-Modified date and is revalidated (Cache-Control: no-cache; an unchanged file costs
a 304 and no body), except KaTeX's files and the icons, which only change with a new
KaTeX or a new design and may be kept for a day. The service worker (sw.js) is never
cached, so a new deployment is seen on the next visit; offline use is its job. Every
file may be read from other origins (CORS), for matcalc-derivation.js on course pages.
"""
import argparse
import functools
import http.server

LONG_LIVED = ('/vendor/katex/', '/icons/')


class Handler(http.server.SimpleHTTPRequestHandler):
    # Keep-alive, as any real host: a page's two dozen requests reuse the browser's six
    # connections instead of opening one each (HTTP/1.0, the base class's default).
    protocol_version = 'HTTP/1.1'
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        '.wasm': 'application/wasm',
        '.webmanifest': 'application/manifest+json',
        '.js': 'text/javascript',
        '.mjs': 'text/javascript',
        '.json': 'application/json',
        '.md': 'text/markdown; charset=utf-8',
        '.svg': 'image/svg+xml',
    }

    def end_headers(self):
        path = self.path.split('?', 1)[0]
        if path.startswith(LONG_LIVED):
            self.send_header('Cache-Control', 'public, max-age=86400')
        else:
            self.send_header('Cache-Control', 'no-cache')
        self.send_header('X-Content-Type-Options', 'nosniff')
        # A public static site: course pages on other hosts may load matcalc-derivation.js,
        # whose module imports, worker and fonts are fetched in CORS mode.
        self.send_header('Access-Control-Allow-Origin', '*')
        super().end_headers()

    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        if not self.server.quiet:
            super().log_message(format, *args)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--port', type=int, default=8000)
    parser.add_argument('--bind', default='127.0.0.1')
    parser.add_argument('--directory', default='dist')
    parser.add_argument('--quiet', action='store_true', help='no line per request')
    args = parser.parse_args()
    handler = functools.partial(Handler, directory=args.directory)
    server = http.server.ThreadingHTTPServer((args.bind, args.port), handler)
    server.quiet = args.quiet
    print(f'Serving {args.directory} at http://{args.bind}:{args.port}/', flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == '__main__':
    main()
