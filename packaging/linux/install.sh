#!/usr/bin/env bash
# Install a built ROPA Desktop bundle for the current user, or remove it again.
#
#   bash packaging/linux/install.sh [DIST_DIR]      from the repository (default DIST_DIR: dist/ropa-desktop)
#   bash dist/ropa-desktop/linux/install.sh         from inside a bundle (the bundle installs itself)
#   bash packaging/linux/install.sh --uninstall
#
# Puts the bundle in ~/.local/opt/ropa-desktop, a command in ~/.local/bin, and the menu entry, icons, metainfo
# and the application/x-ropa-register MIME type (*.ropa, double-click opens the register) under
# $XDG_DATA_HOME (~/.local/share). Nothing outside the user's home is touched; no root needed.
set -euo pipefail

APP_ID=org.ropa_desktop.RopaDesktop
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DATA_HOME=${XDG_DATA_HOME:-$HOME/.local/share}
OPT_DIR=${ROPA_INSTALL_OPT:-$HOME/.local/opt}/ropa-desktop
BIN_DIR=${ROPA_INSTALL_BIN:-$HOME/.local/bin}
ICON_SIZES="16 32 48 64 128 256"

refresh_caches() {
  # Each tool is optional: without it the desktop picks the files up at the next login instead.
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$DATA_HOME/applications" || true
  fi
  if command -v update-mime-database >/dev/null 2>&1; then
    update-mime-database "$DATA_HOME/mime" >/dev/null 2>&1 || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$DATA_HOME/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t -f "$DATA_HOME/icons/hicolor" || true
  fi
}

uninstall() {
  rm -f "$BIN_DIR/ropa-desktop" \
    "$DATA_HOME/applications/$APP_ID.desktop" \
    "$DATA_HOME/metainfo/$APP_ID.metainfo.xml" \
    "$DATA_HOME/mime/packages/$APP_ID.xml" \
    "$DATA_HOME/icons/hicolor/scalable/apps/$APP_ID.svg"
  for size in $ICON_SIZES; do
    rm -f "$DATA_HOME/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
  done
  rm -rf "$OPT_DIR"
  refresh_caches
  echo "ROPA Desktop removed (registers in your data folder are kept)."
}

if [ "${1:-}" = "--uninstall" ]; then
  uninstall
  exit 0
fi

if [ $# -ge 1 ]; then
  DIST=$1
elif [ -x "$HERE/../ropa-desktop" ]; then
  DIST="$HERE/.."                       # running from inside a bundle
else
  DIST="$HERE/../../dist/ropa-desktop"  # running from the repository
fi
if [ ! -x "$DIST/ropa-desktop" ]; then
  echo "install.sh: no built bundle at $DIST (run: bash packaging/build.sh)" >&2
  exit 2
fi
DIST=$(cd "$DIST" && pwd)
ICONS="$DIST/_internal/ropa_desktop/resources/icons/app"

# The bundle: copy beside the old one, then swap, so a failed copy leaves the previous install working.
mkdir -p "$(dirname "$OPT_DIR")" "$BIN_DIR"
if [ "$DIST" != "$OPT_DIR" ]; then
  rm -rf "$OPT_DIR.new"
  cp -a "$DIST" "$OPT_DIR.new"
  rm -rf "$OPT_DIR.old"
  [ -e "$OPT_DIR" ] && mv "$OPT_DIR" "$OPT_DIR.old"
  mv "$OPT_DIR.new" "$OPT_DIR"
  rm -rf "$OPT_DIR.old"
fi
ln -sfn "$OPT_DIR/ropa-desktop" "$BIN_DIR/ropa-desktop"

# The menu entry names the command; point it at the installed one, since ~/.local/bin is not on every
# desktop session's PATH. Paths with characters the Exec quoting rules reserve keep the bare name.
EXE="$BIN_DIR/ropa-desktop"
mkdir -p "$DATA_HOME/applications"
if [[ "$EXE" =~ ^[A-Za-z0-9_./+-]+$ ]]; then
  sed -e "s#exec ropa-desktop #exec $EXE #" -e "s#^TryExec=ropa-desktop\$#TryExec=$EXE#" \
    "$HERE/$APP_ID.desktop" >"$DATA_HOME/applications/$APP_ID.desktop"
else
  cp "$HERE/$APP_ID.desktop" "$DATA_HOME/applications/$APP_ID.desktop"
fi
install -D -m 644 "$HERE/$APP_ID.metainfo.xml" "$DATA_HOME/metainfo/$APP_ID.metainfo.xml"
install -D -m 644 "$HERE/$APP_ID.mime.xml" "$DATA_HOME/mime/packages/$APP_ID.xml"
install -D -m 644 "$ICONS/ropa-desktop.svg" "$DATA_HOME/icons/hicolor/scalable/apps/$APP_ID.svg"
for size in $ICON_SIZES; do
  install -D -m 644 "$ICONS/ropa-desktop-$size.png" "$DATA_HOME/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done
refresh_caches

echo "ROPA Desktop installed in $OPT_DIR; command: $EXE"
case ":$PATH:" in
  *":$BIN_DIR:"*) ;;
  *) echo "note: $BIN_DIR is not on your PATH; the menu entry works anyway." ;;
esac
