#!/usr/bin/env bash
# Installs what is missing, builds, and serves the page on http://127.0.0.1:8000/
# (PORT=... to change the port). The page needs http(s): browsers refuse module
# workers from file:// URLs. scripts/serve.py sends the types and caching headers the
# page wants. Works from any directory.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
port="${PORT:-8000}"
echo "matcalc will be served at http://127.0.0.1:${port}/ once it is built"
bash scripts/setup.sh
bash scripts/build.sh
echo "Serving matcalc at http://127.0.0.1:${port}/ (Ctrl-C to stop)"
exec python3 scripts/serve.py --port "$port" --bind 127.0.0.1 --directory dist
