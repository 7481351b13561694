#!/usr/bin/env bash
# Installs the Debian packages rcdesk needs when they are missing: the venv module, the system
# libraries Qt loads, and for the tests PostgreSQL, Xvfb and poppler-utils.
# Usage: tools/sysdeps.sh run|test|screenshots
set -euo pipefail
want="${1:-run}"

pkgs_run="python3-venv libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libglib2.0-0 libdbus-1-3 fonts-dejavu-core libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0"
pkgs_test="postgresql postgresql-contrib poppler-utils xvfb xauth"

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  echo "sysdeps: pas de Debian/Ubuntu (apt) ici : installez vous-même les bibliothèques de Qt 6." >&2
  exit 0
fi

list="$pkgs_run"
[ "$want" = "run" ] || list="$list $pkgs_test"

missing=""
for p in $list; do
  if [ "$p" = "python3-venv" ]; then
    # A Python that has ensurepip (pyenv, python.org builds) needs no Debian venv package.
    python3 -c "import ensurepip, venv" >/dev/null 2>&1 && continue
  fi
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  case "$status" in *"install ok installed"*) ;; *) missing="$missing $p" ;; esac
done

[ -z "$missing" ] && exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "sysdeps: il manque les paquets :$missing" >&2
    echo "Installez-les en administrateur : apt-get install$missing" >&2
    exit 1
  fi
fi
echo "sysdeps: installation de :$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
