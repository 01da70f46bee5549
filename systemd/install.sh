#!/usr/bin/env bash
# Installs (or upgrades) hostwatch from a clone of the repository, as root:
#
#   sudo systemd/install.sh
#
# Layout: code in /opt/hostwatch (dist/ + production node_modules), the `hostwatch` command in
# /usr/local/bin, config in /etc/hostwatch/hostwatch.yaml (created from the example once, never
# overwritten), the unit in /etc/systemd/system/hostwatch.service, data in /var/lib/hostwatch.
#
# Building needs the dev dependencies (TypeScript), so the clone gets a full `npm install` and build;
# /opt/hostwatch then receives a copy pruned to the production dependencies. The host needs Node
# >= 20.19 installed system-wide (not under /home or /root: the service user must be able to run it)
# and, for better-sqlite3, a C++ toolchain when no prebuilt binary matches (build-essential, python3).
#
# Safe to run again: an upgrade validates the existing config with the new code before anything is
# replaced, then restarts the service (new code) or reloads it (nothing changed but the config).
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: install.sh [options]

  --root DIR      install below DIR instead of / (also $HOSTWATCH_INSTALL_ROOT); implies --no-systemctl
  --no-systemctl  do not call systemctl (daemon-reload, enable, start/restart/reload)
  --skip-build    use the clone's existing dist/ and node_modules/ (no npm install, no build)
  --node PATH     the node binary the service runs (default: node on $PATH)
  -h, --help      this text
EOF
}

die() {
  printf 'install.sh: %s\n' "$1" >&2
  exit "${2:-1}"
}
say() { printf '==> %s\n' "$1"; }

ROOT="${HOSTWATCH_INSTALL_ROOT:-}"
USE_SYSTEMCTL=1
BUILD=1
NODE_BIN=""
while [ $# -gt 0 ]; do
  case "$1" in
    --root) [ $# -ge 2 ] || die "--root needs a directory" 64; ROOT="$2"; shift 2 ;;
    --root=*) ROOT="${1#--root=}"; shift ;;
    --no-systemctl) USE_SYSTEMCTL=0; shift ;;
    --skip-build) BUILD=0; shift ;;
    --node) [ $# -ge 2 ] || die "--node needs a path" 64; NODE_BIN="$2"; shift 2 ;;
    --node=*) NODE_BIN="${1#--node=}"; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" 64 ;;
  esac
done

ROOT="${ROOT%/}"
if [ -n "$ROOT" ]; then
  USE_SYSTEMCTL=0 # systemctl manages the running system, never a staging tree
  mkdir -p "$ROOT"
  ROOT="$(cd "$ROOT" && pwd)"
elif [ "$(id -u)" -ne 0 ]; then
  die "run as root (sudo $0), or pass --root DIR to install into a staging tree" 77
fi

# Runtime paths (what the unit and the wrapper refer to) and where they land during this install.
APP_DIR=/opt/hostwatch
CONF_DIR=/etc/hostwatch
UNIT_PATH=/etc/systemd/system/hostwatch.service
WRAPPER_PATH=/usr/local/bin/hostwatch
SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if [ ! -f "$SRC/package.json" ] || [ ! -f "$SRC/systemd/hostwatch.service" ]; then
  die "run this script from a hostwatch clone (systemd/install.sh); $SRC does not look like one"
fi

# --- Node ---------------------------------------------------------------------------------------
if [ -z "$NODE_BIN" ]; then
  NODE_BIN="$(command -v node || true)"
  [ -n "$NODE_BIN" ] || die "node not found: install Node.js >= 20.19 (distro package or NodeSource), or pass --node PATH"
fi
# Keep the path as found (e.g. /usr/bin/node, usually a symlink managed by the package): resolving it
# would pin the unit to one versioned directory that the next Node upgrade removes.
case "$NODE_BIN" in
  /*) ;;
  *) NODE_BIN="$(cd "$(dirname "$NODE_BIN")" && pwd)/$(basename "$NODE_BIN")" ;;
esac
[ -x "$NODE_BIN" ] || die "$NODE_BIN is not executable"
"$NODE_BIN" -e '
  const [major, minor] = process.versions.node.split(".").map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    console.error("Node " + process.versions.node + " is too old: hostwatch needs Node >= 20.19");
    process.exit(1);
  }' || exit 1
case "$NODE_BIN" in
  /home/* | /root/*)
    problem="$NODE_BIN lives in a home directory, which the service user cannot reach (ProtectHome=, modes); install Node system-wide or pass --node PATH"
    # A staging tree may be meant for another host: say so, but carry on.
    if [ -z "$ROOT" ]; then die "$problem"; else say "warning: $problem"; fi
    ;;
esac
say "Node $("$NODE_BIN" --version) at $NODE_BIN"
# The weekly report's chart is rendered with the system's fonts: without one it has no figures in it.
if [ -z "$(find /usr/share/fonts /usr/local/share/fonts -name '*.ttf' -print -quit 2>/dev/null)" ]; then
  say "warning: no TrueType font found: the weekly report's chart would have no text; install fonts-dejavu-core (Debian/Ubuntu) or dejavu-sans-fonts (Amazon Linux)"
fi

# --- Build in the clone ---------------------------------------------------------------------------
NPM_BIN="$(dirname "$NODE_BIN")/npm"
[ -x "$NPM_BIN" ] || NPM_BIN="$(command -v npm || true)"
if [ "$BUILD" -eq 1 ]; then
  [ -n "$NPM_BIN" ] || die "npm not found next to $NODE_BIN or on PATH"
  say "npm install (with dev dependencies: the TypeScript build needs them)"
  (cd "$SRC" && PATH="$(dirname "$NODE_BIN"):$PATH" "$NPM_BIN" install --no-audit --no-fund)
  say "npm run build"
  (cd "$SRC" && PATH="$(dirname "$NODE_BIN"):$PATH" "$NPM_BIN" run build)
fi
[ -f "$SRC/dist/agent/cli.js" ] || die "$SRC/dist/agent/cli.js is missing: build first (npm install && npm run build) or drop --skip-build"
[ -d "$SRC/node_modules" ] || die "$SRC/node_modules is missing: run npm install first or drop --skip-build"

# --- Stage the new code next to the old one -----------------------------------------------------
mkdir -p "$ROOT/opt"
STAGE="$(mktemp -d "$ROOT$APP_DIR.new.XXXXXX")"
OLD="$ROOT$APP_DIR.old.$$"
cleanup() { rm -rf "$STAGE" "$OLD"; }
trap cleanup EXIT

say "staging $APP_DIR"
cp -a "$SRC/dist" "$SRC/package.json" "$SRC/package-lock.json" "$SRC/node_modules" "$STAGE/"
rm -rf "$STAGE/node_modules/.cache"
mkdir -p "$STAGE/systemd"
cp -a "$SRC/systemd/hostwatch.service" "$SRC/systemd/hostwatch.example.yaml" "$SRC/systemd/hostwatch.schema.json" "$STAGE/systemd/"
[ -f "$SRC/README.md" ] && cp -a "$SRC/README.md" "$STAGE/"
if [ -n "$NPM_BIN" ]; then
  # Drops typescript, vitest, biome, ...: a production host runs the compiled JavaScript only.
  (cd "$STAGE" && PATH="$(dirname "$NODE_BIN"):$PATH" "$NPM_BIN" prune --omit=dev --no-audit --no-fund >/dev/null)
  find "$STAGE/node_modules" -mindepth 1 -maxdepth 1 -type d -empty -delete # emptied @scope/ dirs
else
  say "npm not found: keeping the clone's node_modules as they are (dev dependencies included)"
fi
chmod -R u=rwX,go=rX "$STAGE"

# --- Config: create once, then validate with the new code ---------------------------------------
install -d -m 0755 "$ROOT$CONF_DIR"
# The schema is generated, never edited: always the one that matches the installed code.
install -m 0644 "$SRC/systemd/hostwatch.schema.json" "$ROOT$CONF_DIR/hostwatch.schema.json"
if [ -e "$ROOT$CONF_DIR/hostwatch.yaml" ]; then
  say "keeping the existing $CONF_DIR/hostwatch.yaml"
else
  install -m 0644 "$SRC/systemd/hostwatch.example.yaml" "$ROOT$CONF_DIR/hostwatch.yaml"
  say "created $CONF_DIR/hostwatch.yaml from the example: edit it (services, timezone, SNS topic, Discord ids)"
fi

say "hostwatch check-config"
if ! env -u HOSTWATCH_CONFIG "$NODE_BIN" "$STAGE/dist/agent/cli.js" check-config --config "$ROOT$CONF_DIR/hostwatch.yaml"; then
  die "the config is not valid for this version: fix $CONF_DIR/hostwatch.yaml and run install.sh again (nothing was replaced)" 78
fi

# --- Swap the code in ----------------------------------------------------------------------------
CODE_CHANGED=1
if [ -d "$ROOT$APP_DIR" ]; then
  if diff -rq "$STAGE/dist" "$ROOT$APP_DIR/dist" >/dev/null 2>&1 &&
    cmp -s "$STAGE/package-lock.json" "$ROOT$APP_DIR/package-lock.json"; then
    CODE_CHANGED=0
  fi
  mv "$ROOT$APP_DIR" "$OLD"
fi
mv "$STAGE" "$ROOT$APP_DIR"
chmod 0755 "$ROOT$APP_DIR" "$ROOT$APP_DIR/dist/agent/cli.js"
say "installed $APP_DIR"

# The `hostwatch` command for operators, running the same node as the service.
install -d -m 0755 "$(dirname "$ROOT$WRAPPER_PATH")"
WRAPPER_TMP="$(mktemp "$ROOT$WRAPPER_PATH.XXXXXX")"
printf '#!/bin/sh\n# Installed by hostwatch install.sh\nexec %s %s "$@"\n' "$NODE_BIN" "$APP_DIR/dist/agent/cli.js" >"$WRAPPER_TMP"
chmod 0755 "$WRAPPER_TMP"
mv -f "$WRAPPER_TMP" "$ROOT$WRAPPER_PATH"

# The unit, with ExecStart pointing at the node found above.
install -d -m 0755 "$(dirname "$ROOT$UNIT_PATH")"
UNIT_TMP="$(mktemp "$ROOT$UNIT_PATH.XXXXXX")"
sed "s#^ExecStart=/usr/bin/node #ExecStart=$NODE_BIN #" "$SRC/systemd/hostwatch.service" >"$UNIT_TMP"
chmod 0644 "$UNIT_TMP"
UNIT_CHANGED=1
if cmp -s "$UNIT_TMP" "$ROOT$UNIT_PATH"; then UNIT_CHANGED=0; fi
mv -f "$UNIT_TMP" "$ROOT$UNIT_PATH"
say "installed $UNIT_PATH"

# --- systemd -------------------------------------------------------------------------------------
if [ "$USE_SYSTEMCTL" -eq 0 ]; then
  say "skipping systemctl; on the target host run: systemctl daemon-reload && systemctl enable --now hostwatch"
elif [ ! -d /run/systemd/system ]; then
  say "systemd is not running here; skipping systemctl"
else
  systemctl daemon-reload
  systemctl enable hostwatch.service >/dev/null
  if ! systemctl is-active --quiet hostwatch.service; then
    say "starting hostwatch"
    systemctl start hostwatch.service
  elif [ "$CODE_CHANGED" -eq 1 ] || [ "$UNIT_CHANGED" -eq 1 ]; then
    say "restarting hostwatch (new code or unit)"
    systemctl restart hostwatch.service
  else
    say "reloading hostwatch (same code; re-reads the config)"
    systemctl reload hostwatch.service
  fi
  systemctl --no-pager --lines=5 status hostwatch.service || true
fi

cat <<EOF

hostwatch is installed.
  config:        $CONF_DIR/hostwatch.yaml  (then: systemctl reload hostwatch)
  Discord token: install -d -m 0700 /etc/credstore && (umask 077; printf %s "\$TOKEN" > /etc/credstore/hostwatch.discord-token)
                 then: systemctl restart hostwatch
  logs:          journalctl -u hostwatch -f
  status:        hostwatch status
EOF
