#!/usr/bin/env bash
# Build the standalone one-folder application (dist/ropa-desktop/) with PyInstaller, then smoke-test it.
#
#   bash packaging/build.sh            build + smoke test
#   PYTHON=python3.11 bash packaging/build.sh
#   SKIP_SMOKE=1 bash packaging/build.sh
#
# Everything happens in a private venv under build/venv: the developer's own environment is never touched.
# The project is installed into it as a normal (non-editable) package, so the bundle holds exactly what a
# wheel holds; the smoke test then compares the bundle's data files with the source tree.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
PYTHON=${PYTHON:-python3}
VENV="$ROOT/build/venv"
DIST="$ROOT/dist"
START=$(date +%s)

# PyInstaller bundles libpython: an interpreter built without --enable-shared (some pyenv builds) cannot be frozen.
if ! "$PYTHON" -c 'import sys, sysconfig; sys.exit(0 if sys.platform != "linux" or sysconfig.get_config_var("Py_ENABLE_SHARED") else 1)'; then
  echo "build.sh: $PYTHON has no shared libpython; use a distribution Python or rebuild with --enable-shared" >&2
  exit 2
fi

if [ ! -x "$VENV/bin/python" ]; then
  echo "==> creating the build venv in build/venv"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip
fi

echo "==> building the wheel and installing it with PyInstaller into build/venv"
# setuptools builds in-tree under build/lib: a stale copy there would resurrect deleted files in the wheel.
rm -rf "$ROOT/build/lib" "$ROOT"/build/bdist.* "$ROOT/build/wheel"
"$VENV/bin/python" -m pip wheel -q --no-deps --wheel-dir "$ROOT/build/wheel" . 2>"$ROOT/build/wheel.log" ||
  { cat "$ROOT/build/wheel.log" >&2; exit 1; }
rm -rf "$ROOT/build/lib" "$ROOT"/build/bdist.*
WHEEL=$(ls "$ROOT"/build/wheel/ropa_desktop-*.whl)
"$VENV/bin/python" -m pip install -q "pyinstaller>=6.10,<7" "$WHEEL"
# Same version number as last time: force the fresh wheel in, or pip keeps the old files.
"$VENV/bin/python" -m pip install -q --no-deps --force-reinstall "$WHEEL"

echo "==> freezing with PyInstaller"
rm -rf "$DIST/ropa-desktop"
# Run from build/ so the source tree cannot shadow the installed package (python -m puts the cwd on sys.path).
(cd "$ROOT/build" && "$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath "$DIST" --workpath "$ROOT/build/pyinstaller" "$ROOT/packaging/ropa-desktop.spec")

if [ "$(uname -s)" = "Linux" ]; then
  # The desktop integration travels with the bundle, so a copied or unpacked bundle can install itself.
  rm -rf "$DIST/ropa-desktop/linux"
  cp -r "$ROOT/packaging/linux" "$DIST/ropa-desktop/linux"
fi

BUILD_SECONDS=$(( $(date +%s) - START ))
SIZE=$(du -sh "$DIST/ropa-desktop" | cut -f1)
echo "==> built dist/ropa-desktop in ${BUILD_SECONDS} s, ${SIZE}"

if [ "${SKIP_SMOKE:-0}" != "1" ]; then
  bash "$ROOT/packaging/smoke_test.sh" "$DIST/ropa-desktop"
fi
