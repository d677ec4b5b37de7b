#!/usr/bin/env bash
# How long a fresh clone takes: `make install`, then `make run` until it serves, then (with --test)
# `make test`; or (with --run-only) `make run` from nothing until it serves. Prints each figure with the
# load average before and after (docs/benchmarks.md, "Install and test suite").
#
#   bash bench/fresh_clone.sh [--test | --run-only] [COMMIT] [PORT]
#
# COMMIT defaults to HEAD of this repository, PORT to a free one. The clone goes to a temporary folder,
# removed at the end. Caches (pip's, uv's) are left as they are: say whether they were warm.
set -euo pipefail
mode=install-run
case "${1:-}" in --test) mode=test; shift ;; --run-only) mode=run-only; shift ;; esac
repo="$(cd "$(dirname "$0")/.." && pwd)"
commit="$(git -C "$repo" rev-parse "${1:-HEAD}")"
port="${2:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
dir="$(mktemp -d /tmp/tertulia-clone.XXXXXX)"
trap 'rm -rf "$dir"' EXIT

now() { date +%s.%N; }
since() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$(now)"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

git clone --quiet "$repo" "$dir"
git -C "$dir" checkout --quiet "$commit"
cd "$dir"
echo "commit $(git log --oneline -1 | cut -c1-72)"
echo "machine: $(nproc) CPUs, $(python3 --version)"

time_install() {
  local start; start=$(now)
  echo "make install: load before $(load)"
  make install >"$dir/install.log" 2>&1
  echo "make install: $(since "$start") s, load after $(load)"
}

time_run() {
  # `make run` in its own process group, polled with curl until / answers, then stopped.
  local start pid; start=$(now)
  echo "make run: load before $(load)"
  setsid make run PORT="$port" >"$dir/run.log" 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/"; do
    if ! kill -0 "$pid" 2>/dev/null; then tail "$dir/run.log"; echo "make run exited" >&2; exit 1; fi
    sleep 0.25
  done
  echo "make run: serving after $(since "$start") s, load after $(load)"
  kill -TERM -- "-$pid"
  wait "$pid" 2>/dev/null || true
}

time_test() {
  local start; start=$(now)
  echo "make test: load before $(load)"
  make test >"$dir/test.log" 2>&1 || { tail -n 30 "$dir/test.log"; exit 1; }
  echo "make test: $(since "$start") s, load after $(load): $(grep -E '^=+ .*(passed|failed)' "$dir/test.log" | tail -n 1)"
}

case "$mode" in
  run-only) time_run ;;
  install-run) time_install; time_run ;;
  test) time_install; time_run; time_test ;;
esac
