#!/usr/bin/env bash
# The README's two commands as root in a private folder (0700, like a checkout under /root): a fresh
# copy, npm ci, npm start with a small demo world, health with this boot's id, a sign-in, then
# Ctrl-C (SIGINT to the process group, as a terminal sends it) and "stopped cleanly".
set -euo pipefail
src="$(cd "$(dirname "$0")/.." && pwd)"
if [ "$(id -u)" != 0 ]; then echo "[readme-as-root] skipped: not root"; exit 0; fi
port=${CI_PORT:-3390}; pgport=${CI_PG_PORT:-54390}
home=$(mktemp -d /root/hs-ci-XXXX)   # mktemp makes it 0700, inside /root (0700)
app="$home/hindsight"
log="$home/start.log"
cleanup() {
  if [ -n "${pgid:-}" ] && kill -0 "$pgid" 2>/dev/null; then
    kill -INT -- "-$pgid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pgid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pgid" 2>/dev/null || true
  fi
  if [ -f "$app/.data/pg-location.json" ]; then rm -rf "$(dirname "$(node -p 'require(process.argv[1]).pgDir' "$app/.data/pg-location.json")")"; fi
  rm -rf "$home"
}
trap cleanup EXIT
mkdir "$app"
tar -C "$src" --exclude=./node_modules --exclude=./.next --exclude=./.data --exclude=./test-results --exclude=./bench-results -cf - . | tar -C "$app" -xf -
cd "$app"
npm ci --no-audit --no-fund >"$home/npm-ci.log" 2>&1 || { tail -20 "$home/npm-ci.log"; exit 1; }

PORT=$port HINDSIGHT_PG_PORT=$pgport HINDSIGHT_DEMO_EVENTS=2000 setsid npm start >"$log" 2>&1 &
pgid=$!
for _ in $(seq 1 1800); do
  grep -q "Hindsight is running at" "$log" && break
  kill -0 "$pgid" 2>/dev/null || { tail -30 "$log"; echo "[readme-as-root] npm start exited"; exit 1; }
  sleep 0.5
done
grep -q "Hindsight is running at" "$log" || { tail -30 "$log"; echo "[readme-as-root] not running within 15 min"; exit 1; }
boot=$(sed -n 's/.*ready in .* (boot \(.*\))$/\1/p' "$log" | tail -1)
health=$(curl -sf "http://127.0.0.1:$port/api/health" || true)
echo "$health" | grep -q "\"bootId\":\"$boot\"" || { echo "[readme-as-root] health did not carry boot $boot: $health"; exit 1; }
echo "[readme-as-root] healthy with boot $boot; data in $(node -p 'require(process.argv[1]).pgDir' "$app/.data/pg-location.json")"
password=$(node -p 'require(process.argv[1])["admin@hindsight.local"]' "$app/.data/demo-users.json")
jar="$home/cookies"
csrf=$(curl -sf -c "$jar" -b "$jar" "http://127.0.0.1:$port/api/auth/csrf" | node -p 'JSON.parse(require("fs").readFileSync(0, "utf8")).csrfToken')
curl -sf -o /dev/null -c "$jar" -b "$jar" "http://127.0.0.1:$port/api/auth/callback/credentials" \
  --data-urlencode "csrfToken=$csrf" --data-urlencode "email=admin@hindsight.local" --data-urlencode "password=$password" --data-urlencode "json=true"
curl -sf -b "$jar" "http://127.0.0.1:$port/api/auth/session" | grep -q '"admin@hindsight.local"' || { echo "[readme-as-root] sign-in failed"; exit 1; }
echo "[readme-as-root] signed in as admin@hindsight.local"

t0=$(date +%s.%N)
kill -INT -- "-$pgid"
# npm itself may leave at once: wait for every process of the group (the supervisor last).
for _ in $(seq 1 200); do pgrep -g "$pgid" >/dev/null || break; sleep 0.05; done
secs=$(awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN { printf "%.1f", a - b }')
if pgrep -g "$pgid" >/dev/null; then echo "[readme-as-root] still running 10 s after Ctrl-C"; exit 1; fi
grep -q "stopped cleanly" "$log" || { tail -20 "$log"; echo "[readme-as-root] no \"stopped cleanly\""; exit 1; }
echo "[readme-as-root] Ctrl-C: every process gone after ${secs} s; the app said: $(grep -o 'stopped cleanly.*' "$log" | tail -1)"
