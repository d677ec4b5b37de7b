#!/usr/bin/env bash
# schemathesis against the running app: no 5xx, every response conforms to the OpenAPI schema.
#
# Starts the app (python -m lms.server) on a free port with a throwaway SQLite database holding the
# demo data, takes tokens for a participant and a facilitator, runs schemathesis once per token, and
# stops the server. Bounded: ST_MAX_EXAMPLES examples per operation, ST_MAX_TIME seconds per role.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN="${BIN:-.venv/bin}"
PY="$BIN/python"
ST="$BIN/schemathesis"
MAX_EXAMPLES="${ST_MAX_EXAMPLES:-15}"
MAX_TIME="${ST_MAX_TIME:-90}"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/tertulia-st.XXXXXX")
PORT=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT/api/v1"
SERVER_PID=""

cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# The app's own environment: its own database, in-process cache and channel layer, DEBUG off, and
# budgets large enough that schemathesis exercises the endpoints rather than the throttles.
export DJANGO_SETTINGS_MODULE=lms.settings.test
export DATABASE_URL="sqlite:///$WORK/db.sqlite3"
export DEBUG=0
export API_RATE_USER=100000/min API_RATE_WRITE=100000/min API_RATE_ANON=100000/min API_RATE_AUTH=1000/min
export CHAT_RATE=1000/10
export MEDIA_ROOT="$WORK/media"
unset REDIS_URL

"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py seed_demo >"$WORK/seed.log" 2>&1 || { cat "$WORK/seed.log"; exit 1; }

"$PY" -m lms.server -b 127.0.0.1 -p "$PORT" lms.asgi:application >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 60); do
  if "$PY" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' \
    "$BASE/schema/?format=json" 2>/dev/null; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then cat "$WORK/server.log"; exit 1; fi
  sleep 0.5
done

token_for() {  # POST auth/token/ with the demo password
  "$PY" - "$BASE/auth/token/" "$1" <<'PY'
import json, sys, urllib.request
body = json.dumps({"username": sys.argv[2], "password": "tertulia-demo"}).encode()
request = urllib.request.Request(sys.argv[1], body, {"Content-Type": "application/json"})
print(json.load(urllib.request.urlopen(request, timeout=10))["token"])
PY
}

status=0
for user in participante1 facilitadora1; do
  printf '\n--- schemathesis as %s\n' "$user"
  token=$(token_for "$user")
  # Excluded: token revocation (the run's own token must stay valid).
  "$ST" run "$BASE/schema/?format=json" \
    --header "Authorization: Token $token" \
    --checks not_a_server_error,response_schema_conformance \
    --max-examples "$MAX_EXAMPLES" \
    --max-time "$MAX_TIME" \
    --exclude-path /api/v1/auth/token/revoke/ \
    --seed 20261124 \
    --no-color \
    --warnings off \
    || status=$?
done

if [ "$status" -ne 0 ]; then
  printf '\n--- server log (errors)\n'
  grep -E "ERROR|Traceback|Error:" -A 15 "$WORK/server.log" | tail -n 200 || true
fi
exit "$status"
