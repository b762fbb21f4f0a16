#!/usr/bin/env bash
# Smoke-test a built bundle: bash packaging/smoke_test.sh dist/ropa-desktop
#
# Every command runs under `env -i` (no venv on PATH, no PYTHONPATH, no Python variables at all) with HOME and
# ROPA_DESKTOP_HOME in a temporary folder, which proves the bundle runs on its own. Steps that need a part of
# the application that may not exist yet (PDF export, the GUI's --smoke-test flag) say "conditional" and what
# they fell back to.
set -uo pipefail

DIST=${1:?usage: smoke_test.sh DIST_DIR}
DIST=$(cd "$DIST" && pwd)
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
EXE="$DIST/ropa-desktop"
INTERNAL="$DIST/_internal"
VERSION=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$ROOT/ropa_desktop/__init__.py")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/home" "$WORK/runtime" "$WORK/out"
chmod 700 "$WORK/runtime"
DB="$WORK/tmp.ropa"

PASSED=0
FAILED=0
ok() { echo "  ok           $1"; PASSED=$((PASSED + 1)); }
conditional() { echo "  conditional  $1"; PASSED=$((PASSED + 1)); }
fail() { echo "  FAIL         $1"; FAILED=$((FAILED + 1)); }

# run NAME ARGS...: the bundle in a clean environment; stdout, stderr and the exit code land in $WORK/out/NAME.*
run() {
  local name=$1
  shift
  env -i HOME="$WORK/home" ROPA_DESKTOP_HOME="$WORK/home/data" PATH=/usr/bin:/bin LANG=C.UTF-8 \
    XDG_RUNTIME_DIR="$WORK/runtime" QT_QPA_PLATFORM=offscreen \
    "$@" >"$WORK/out/$name.out" 2>"$WORK/out/$name.err"
  local code=$?
  echo "$code" >"$WORK/out/$name.code"
  if grep -q "Traceback (most recent call last)" "$WORK/out/$name.err"; then
    echo "    $name printed a traceback:" && sed 's/^/    | /' "$WORK/out/$name.err" | tail -20
  fi
  return "$code"
}
show() { [ -f "$WORK/out/$1.err" ] && sed 's/^/    | /' "$WORK/out/$1.err" | tail -"${2:-10}"; }
header_hex() { od -An -tx1 -j "$2" -N "$3" "$1" | tr -d ' \n'; }

echo "smoke test of $DIST (ropa_desktop $VERSION)"
[ -x "$EXE" ] || { echo "  FAIL         no executable $EXE"; exit 1; }

# --- 1. the bundle holds every data file of the package, and the migrations as .py files -------------------
missing=0
while IFS= read -r -d '' file; do
  rel=${file#"$ROOT/"}
  case "$rel" in
    ropa_desktop/storage/migrations/*) ;;       # Alembic reads these from disk, .py included
    *.py | *.pyc | *.pyo | *.pyi | *.typed) continue ;;  # modules travel compiled inside the executable
  esac
  if [ ! -f "$INTERNAL/$rel" ]; then
    echo "    missing from the bundle: $rel"
    missing=$((missing + 1))
  fi
done < <(find "$ROOT/ropa_desktop" -type f ! -path '*/__pycache__/*' ! -name '*.pyc' -print0)
if [ "$missing" -eq 0 ]; then ok "every package data file and migration script is in the bundle"; else fail "$missing package files missing from the bundle"; fi
absent=0
for needed in pycountry/databases/iso3166-1.json pycountry/locales/fr/LC_MESSAGES/iso3166-1.mo \
  reportlab/fonts/Vera.ttf ropa_desktop/storage/migrations/script.py.mako ropa_desktop/data/register.schema.json; do
  [ -f "$INTERNAL/$needed" ] || { fail "missing $needed"; absent=1; }
done
[ "$absent" -eq 0 ] && ok "pycountry databases and locales, reportlab fonts, migrations template, JSON schema"
if compgen -G "$INTERNAL/PySide6/Qt/plugins/platforms/libqoffscreen.so" >/dev/null &&
  compgen -G "$INTERNAL/PySide6/Qt/plugins/platforms/libqxcb.so" >/dev/null; then
  ok "Qt platform plugins (xcb, offscreen)"
elif [ "$(uname -s)" = "Linux" ]; then
  fail "Qt platform plugins missing"
fi

# --- 2. --version (also proves the defusedxml runtime hook passed: it runs before main) --------------------
if run version "$EXE" --version && grep -qF "$VERSION" "$WORK/out/version.out"; then
  ok "--version prints $VERSION ($(tr -d '\n' <"$WORK/out/version.out"))"
else
  fail "--version did not print $VERSION (exit $(cat "$WORK/out/version.code")): $(head -c 200 "$WORK/out/version.out")"
  show version
fi

# --- 3. init: a real register file, marked as ours in its header ------------------------------------------
if run init "$EXE" init --db "$DB" && [ -s "$DB" ]; then
  magic=$(head -c 15 "$DB")
  app_id=$(header_hex "$DB" 68 4)
  if [ "$magic" = "SQLite format 3" ] && [ "$app_id" = "524f5041" ]; then
    ok "init --db tmp.ropa (SQLite header, application_id "ROPA" at offset 68: the MIME magic matches)"
  else
    fail "init wrote a file without the expected header (magic '$magic', application_id $app_id)"
  fi
else
  fail "init --db tmp.ropa (exit $(cat "$WORK/out/init.code"))"
  show init
fi

# --- team register: psycopg and its own libpq load from the bundle (no server here: a clear exit 2, no traceback)
run pg "$EXE" check --db "postgresql://nobody@/ropa?host=$WORK/no-server"
if [ "$(cat "$WORK/out/pg.code")" = 2 ] && grep -q "server" "$WORK/out/pg.err"; then
  ok "check --db postgresql://… without a server: exit 2, one line (psycopg and libpq are bundled)"
else
  fail "check --db postgresql://… (exit $(cat "$WORK/out/pg.code")): psycopg or libpq missing from the bundle?"
  show pg
fi

# --- 4. exports ---------------------------------------------------------------------------------------------
run export_help "$EXE" export --help
if run export_json "$EXE" export --db "$DB" --format json --output "$WORK/x.json" &&
  grep -qs '"ropa-desktop-register"' "$WORK/x.json"; then
  ok "export --format json ($(wc -c <"$WORK/x.json") bytes)"
else
  fail "export --format json (exit $(cat "$WORK/out/export_json.code"))"
  show export_json
fi
for format in pdf xlsx; do
  case $format in pdf) expect=255044462d ;; xlsx) expect=504b0304 ;; esac  # "%PDF-", "PK\3\4"
  if ! grep -qw "$format" "$WORK/out/export_help.out"; then
    conditional "export --format $format: not offered by 'export --help' in this build (not landed yet), skipped"
    continue
  fi
  # A register of several organisations gives one file per organisation (x-NAME.pdf): check each of them.
  written=0
  bad=0
  if run "export_$format" "$EXE" export --db "$DB" --format "$format" --output "$WORK/x.$format"; then
    for out in "$WORK/x.$format" "$WORK"/x-*."$format"; do
      [ -f "$out" ] || continue
      written=$((written + 1))
      [ "$(header_hex "$out" 0 $((${#expect} / 2)))" = "$expect" ] || bad=$((bad + 1))
    done
  fi
  if [ "$(cat "$WORK/out/export_$format.code")" = 0 ] && [ "$written" -gt 0 ] && [ "$bad" -eq 0 ]; then
    ok "export --format $format ($written file(s), $(cat "$WORK/x.$format" "$WORK"/x-*."$format" 2>/dev/null | wc -c) bytes, right magic bytes)"
  else
    fail "export --format $format (exit $(cat "$WORK/out/export_$format.code"))"
    show "export_$format"
  fi
done

if ls "$WORK"/x*.pdf >/dev/null 2>&1; then
  if grep -aq "DejaVuSans" "$(ls "$WORK"/x*.pdf | head -1)"; then
    ok "the PDF embeds the bundled DejaVu Sans fonts"
  else
    fail "the PDF does not embed the bundled fonts"
  fi
fi

# --- import back what was exported (dry run: parses JSON, and XLSX through openpyxl/defusedxml) ---------------
for format in json xlsx; do
  # One file for the whole register (JSON), or one per organisation (x-NAME.xlsx): the first will do.
  exported=$(ls "$WORK/x.$format" "$WORK"/x-*."$format" 2>/dev/null | head -1)
  [ -n "$exported" ] || continue
  if run "import_$format" "$EXE" import --db "$DB" "$exported" --dry-run; then
    ok "import --dry-run $(basename "$exported") ($(head -1 "$WORK/out/import_$format.out" | cut -c1-70))"
  else
    fail "import --dry-run $(basename "$exported") (exit $(cat "$WORK/out/import_$format.code"))"
    show "import_$format"
  fi
done

# --- 5. check: 0 (clean) or 1 (findings) are both answers; 2 or a crash is not ------------------------------
run check "$EXE" check --db "$DB"
code=$(cat "$WORK/out/check.code")
if { [ "$code" = 0 ] || [ "$code" = 1 ]; } && ! grep -q Traceback "$WORK/out/check.err" &&
  { [ -s "$WORK/out/check.out" ] || [ -s "$WORK/out/check.err" ]; }; then
  ok "check --db tmp.ropa (exit $code, $(wc -l <"$WORK/out/check.out") lines)"
else
  fail "check --db tmp.ropa (exit $code)"
  show check
fi

# --- 6. per-user install from inside the bundle, run through the ~/.local/bin symlink, uninstall ------------
if [ -x "$DIST/linux/install.sh" ]; then
  if run install bash "$DIST/linux/install.sh" &&
    run installed_version "$WORK/home/.local/bin/ropa-desktop" --version &&
    grep -qF "$VERSION" "$WORK/out/installed_version.out" &&
    [ -f "$WORK/home/.local/share/applications/org.ropa_desktop.RopaDesktop.desktop" ] &&
    run uninstall bash "$WORK/home/.local/opt/ropa-desktop/linux/install.sh" --uninstall &&
    [ ! -e "$WORK/home/.local/opt/ropa-desktop" ] && [ ! -e "$WORK/home/.local/bin/ropa-desktop" ]; then
    ok "linux/install.sh into a clean home, --version through ~/.local/bin, --uninstall"
  else
    fail "linux/install.sh round trip"
    show install
    show uninstall
  fi
fi

# --- 7. the GUI, offscreen ----------------------------------------------------------------------------------
if [ ! -f "$ROOT/ropa_desktop/gui/application.py" ]; then
  conditional "GUI: ropa_desktop/gui/application.py not in this tree yet (GUI not landed), skipped"
  echo "smoke test: $PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
  exit
fi
run gui "$EXE" --smoke-test --db "$DB"
code=$(cat "$WORK/out/gui.code")
if [ "$code" = 0 ]; then
  ok "GUI: --smoke-test opened the main window offscreen and exited 0"
elif [ "$code" = 2 ] && grep -q -- "--smoke-test" "$WORK/out/gui.err"; then
  # The hidden flag is not in this build yet: start the GUI for real and count "still running after 8 s" as up.
  run gui_timeout timeout 8 "$EXE" --db "$DB"
  code=$(cat "$WORK/out/gui_timeout.code")
  if [ "$code" = 124 ] && ! grep -q Traceback "$WORK/out/gui_timeout.err"; then
    conditional "GUI: no --smoke-test flag in this build; started with --db offscreen and still running after 8 s"
  else
    fail "GUI: no --smoke-test flag, and the GUI exited with $code within 8 s"
    show gui_timeout
  fi
else
  fail "GUI: --smoke-test exited $code"
  show gui 20
fi

echo "smoke test: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
