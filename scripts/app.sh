#!/usr/bin/env bash
# Sets up (if needed) and launches Country Privacy Explorer on the bundled index in data/.
# With no display, it starts a virtual one (Xvfb) so the command still works on a server.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "app: no display found; running under Xvfb (xvfb-run)" >&2
  exec xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/explorer "$@"
fi
exec .venv/bin/explorer "$@"
