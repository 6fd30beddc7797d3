#!/usr/bin/env bash
# Sets up everything the app and the tests need on a fresh Debian machine (run as root):
# Debian packages for Qt (offscreen and Xvfb), a venv in .venv, and the pip packages.
# Re-running is cheap: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

DEB_PACKAGES=(
  # Qt offscreen (tests)
  libglib2.0-0 libgl1 libegl1 libx11-6 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core
  # PDF text and page images (tests of the country brief)
  poppler-utils
  # real window under X / Xvfb
  xvfb xauth libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0
  libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1
)
PYTHON=${PYTHON:-python3}

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${DEB_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  command -v "$PYTHON" >/dev/null 2>&1 || missing+=(python3)
  if command -v "$PYTHON" >/dev/null 2>&1 && ! "$PYTHON" -c 'import venv, ensurepip' 2>/dev/null; then
    missing+=(python3-venv)
  fi
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: missing Debian packages: ${missing[*]}; run this as root or install them." >&2
    exit 1
  fi
  echo "setup: installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Build the font caches now, so the first start does not (and does not print about it).
  command -v fc-cache >/dev/null 2>&1 && fc-cache -s >/dev/null 2>&1 || true
fi

stamp=.venv/.installed
want=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ ! -x .venv/bin/python ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "setup: creating .venv and installing Python packages"
  [ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[test]'
  echo "$want" > "$stamp"
fi

# The app's own bytecode, written now: Python writes it on the first import unless
# PYTHONDONTWRITEBYTECODE is set (as on some build machines and CI images), and then every start
# compiled all of it again, ~60-70 ms of a ~600 ms start. Up-to-date files are skipped.
.venv/bin/python -m compileall -q -j 0 explorer >/dev/null
