#!/usr/bin/env bash
# make bench: times `ladder check` and `ladder build` against the cmark tool on the same
# synthetic Markdown (a first version; Hugo joins it with the performance work). Prints a table
# and writes it to scripts/bench-results.txt. Figures are medians of 5 runs after one warm-up.
set -euo pipefail
cd "$(dirname "$0")/.."
LADDER=.build/release/ladder
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# time_runs NAME CMD…: prints "median_seconds peak_rss_kb" over 5 runs after a warm-up.
time_runs() {
  "$@" >/dev/null 2>&1 || true
  local times=() rss=0
  for _ in 1 2 3 4 5; do
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1 || true
    read -r t m < "$work/time"
    times+=("$t")
    (( m > rss )) && rss=$m
  done
  printf '%s %s\n' "$(printf '%s\n' "${times[@]}" | median)" "$rss"
}

{
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m); $(date -u +%Y-%m-%d)"
  printf '%-6s %9s %7s %14s %14s %14s %12s %12s\n' size roles behav "cmark s" "check s (RSS)" "build s (RSS)" "check/cmark" "build/cmark"
  for size in "S 2 5 8 6" "M 10 8 8 6" "L 40 10 8 7"; do
    set -- $size
    python3 scripts/generate-framework.py "$work/$1" "$2" "$3" "$4" "$5" >/dev/null
    find "$work/$1" -name '*.md' | sort > "$work/files"
    read -r cm _ < <(time_runs sh -c "xargs cmark < '$work/files'")
    read -r ck ckr < <(time_runs "$LADDER" check --content "$work/$1")
    read -r bd bdr < <(time_runs "$LADDER" build --content "$work/$1" --output "$work/site-$1")
    roles=$(( $2 * $3 )); behaviours=$(( roles * $4 * $5 ))
    printf '%-6s %9s %7s %14s %14s %14s %12s %12s\n' "$1" "$roles" "$behaviours" "$cm" "$ck ($((ckr / 1024)) MB)" "$bd ($((bdr / 1024)) MB)" \
      "$(awk "BEGIN {printf \"%.1f\", $ck / ($cm > 0 ? $cm : 0.01)}")" "$(awk "BEGIN {printf \"%.1f\", $bd / ($cm > 0 ? $cm : 0.01)}")"
  done

  # The preview server on size L: throughput under wrk, and edit-to-reload latency.
  port=4199
  "$LADDER" serve --content "$work/L" --port "$port" > "$work/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 1 300); do grep -q Serving "$work/serve.log" 2>/dev/null && break; sleep 0.1; done
  page="http://127.0.0.1:$port/track-00/track-0-role-1/"
  wrk -t2 -c50 -d10s "$page" > "$work/wrk.txt" 2>&1 || true
  echo "serve (size L): $(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt") requests/s with wrk, 50 connections, 10 s;" \
    "$(grep -cE 'Non-2xx|Socket errors' "$work/wrk.txt") error lines"
  python3 scripts/reload-latency.py "$port" "$work/L/track-00/05-role.md" 20 | sed 's/^/serve (size L): /'
  kill "$server"; wait "$server" 2>/dev/null || true
} | tee scripts/bench-results.txt
