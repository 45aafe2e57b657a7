#!/usr/bin/env bash
# make bench: times `ladder check` and `ladder build` against the cmark tool on the same
# synthetic Markdown (a first version; Hugo joins it with the performance work). Prints a table
# and writes it to bench-results.txt. Figures are medians of 5 runs after one warm-up.
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
} | tee bench-results.txt
