#!/usr/bin/env bash
# No-network check for the CLI (issue 10).
#
# Runs `node dist/cli.js scan examples/demo --format json` inside a network namespace with no interfaces but a
# down loopback (`unshare -n`), under `strace -f -e trace=connect,socket`, and counts connect() calls to addresses
# that are not loopback (AF_INET/AF_INET6; AF_UNIX sockets are local IPC and not network). Expected: zero.
#
# Exit 0: the scan ran (valid JSON with at least one site) and made no non-loopback connect(); also exit 0 with a
# line starting "SKIP:" when unshare/strace are missing or not permitted (not Linux, no user namespaces).
# Exit 1: a non-loopback connect() was attempted, or the scan failed.
#
# Usage: scripts/noNetworkCheck.sh [scan-folder]   (default examples/demo; run from anywhere)
#        scripts/noNetworkCheck.sh --self-test    (positive control: a node one-liner that does connect() to
#                                                  203.0.113.1:443 must be caught; exit 0 when it is)
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SELF_TEST=0
if [ "${1:-}" = "--self-test" ]; then SELF_TEST=1; shift; fi
TARGET="${1:-examples/demo}"
cd "$ROOT" || exit 1

skip() { echo "SKIP: $*"; exit 0; }
fail() { echo "FAIL: $*"; exit 1; }

[ "$(uname -s)" = "Linux" ] || skip "not Linux (unshare -n and strace are Linux tools)"
command -v unshare >/dev/null 2>&1 || skip "unshare not found (util-linux)"
command -v strace >/dev/null 2>&1 || skip "strace not found (apt-get install strace)"
command -v node >/dev/null 2>&1 || fail "node not found"
if [ "$SELF_TEST" -eq 0 ]; then
  [ -f dist/cli.js ] || fail "dist/cli.js is missing: build first with 'node esbuild.mjs'"
  [ -d "$TARGET" ] || fail "$TARGET is not a folder"
fi

# unshare -n needs root or unprivileged user namespaces (-r maps the current user to root inside).
UNSHARE=(unshare -n)
if ! unshare -n true 2>/dev/null; then
  if unshare -rn true 2>/dev/null; then UNSHARE=(unshare -rn); else skip "unshare -n is not permitted here (no root, no user namespaces)"; fi
fi
# strace needs ptrace; some containers forbid it.
strace -f -qq -e trace=none true 2>/dev/null || skip "strace cannot trace here (ptrace not permitted)"

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# Proof that the namespace has no way out: only the loopback interface exists.
# (/proc/net/dev is per network namespace; /sys/class/net would still show the host's until sysfs is remounted.)
IFACES="$("${UNSHARE[@]}" sh -c 'tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d " " | tr "\n" " "')"
echo "interfaces inside the namespace: ${IFACES:-none}"
case " $IFACES " in
  *" lo "*) [ "$(echo "$IFACES" | wc -w)" -eq 1 ] || fail "the namespace has interfaces other than lo: $IFACES" ;;
  "  ") ;;
  *) fail "unexpected interfaces in the namespace: $IFACES" ;;
esac

if [ "$SELF_TEST" -eq 1 ]; then
  # TEST-NET-3 (RFC 5737): never routed. In the namespace connect() fails at once, but the syscall is still made.
  CMD=(node -e 'const s=require("net").connect(443,"203.0.113.1");s.on("error",()=>{});setTimeout(()=>process.exit(0),300);')
else
  CMD=(node dist/cli.js scan "$TARGET" --format json)
fi
"${UNSHARE[@]}" strace -f -qq -e trace=connect,socket -o "$TMP/trace" "${CMD[@]}" >"$TMP/out.json" 2>"$TMP/err.txt"
CODE=$?

SITES="$(node -e '
  try { const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(Array.isArray(r.sites) ? r.sites.length : -1); }
  catch { console.log(-1); }' "$TMP/out.json")"

# connect() lines look like: 1234 connect(3, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("1.2.3.4")}, 16) = ...
#                        or: connect(3, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=..., inet_pton(AF_INET6, "::1", ...
CONNECTS="$(grep -c 'connect(' "$TMP/trace" || true)"
NONLOOP="$(grep 'connect(' "$TMP/trace" | grep -E 'AF_INET6?' | grep -vE 'inet_addr\("127\.|inet_pton\(AF_INET6, "::1"|inet_pton\(AF_INET6, "::ffff:127\.' || true)"
NONLOOP_COUNT="$(printf '%s' "$NONLOOP" | grep -c . || true)"
INET_SOCKETS="$(grep -E 'socket\((AF_INET|AF_INET6|PF_INET)' "$TMP/trace" | grep -c . || true)"

echo "connect() calls: $CONNECTS in total, $NONLOOP_COUNT to non-loopback addresses; AF_INET/AF_INET6 sockets opened: $INET_SOCKETS"
if [ "$SELF_TEST" -eq 1 ]; then
  [ "$NONLOOP_COUNT" -ge 1 ] || fail "self-test: the deliberate connect() to 203.0.113.1 was not caught"
  echo "OK: self-test caught the deliberate connect(): $NONLOOP"
  exit 0
fi
echo "scan exit code: $CODE; sites in the JSON report: $SITES"
if [ "$NONLOOP_COUNT" -gt 0 ]; then
  echo "$NONLOOP"
  fail "the CLI tried to reach the network"
fi
if [ "$CODE" -ne 0 ] || [ "$SITES" -lt 1 ]; then
  sed -n 1,20p "$TMP/err.txt"
  fail "the scan did not complete (exit $CODE, $SITES sites)"
fi
echo "OK: a full scan of $TARGET made no network connection"
exit 0
