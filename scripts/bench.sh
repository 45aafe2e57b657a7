#!/usr/bin/env bash
# make bench: times `ladder check` and `ladder build` against Hugo and the cmark tool on the same
# synthetic role files. Prints a table and writes it to scripts/bench-results.txt. Times are
# medians of 5 runs after one warm-up; RSS is the largest of the 5. `ladder check` and cmark are
# timed in turns, 15 runs each, so that the machine's drift during a run falls on both alike.
set -euo pipefail
cd "$(dirname "$0")/.."
LADDER=.build/release/ladder
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# time_runs CMD…: prints "median_seconds peak_rss_kb" over 5 runs after a warm-up. Wall time
# comes from bash's microsecond clock (GNU time's is in hundredths, too coarse for cmark).
time_runs() {
  "$@" >/dev/null 2>&1 || true
  local times=() rss=0 start m
  for _ in 1 2 3 4 5; do
    start=$EPOCHREALTIME
    /usr/bin/time -f "%M" -o "$work/time" "$@" >/dev/null 2>&1 || true
    times+=("$(awk "BEGIN {printf \"%.3f\", $EPOCHREALTIME - $start}")")
    read -r m < "$work/time"
    (( m > rss )) && rss=$m
  done
  printf '%s %s\n' "$(printf '%s\n' "${times[@]}" | median)" "$rss"
}
# time_turns "A" CMD…: runs the shell command A and CMD in turns, 15 times each after a warm-up;
# prints "median_a median_cmd peak_rss_cmd_kb".
time_turns() {
  local first=$1; shift
  sh -c "$first" >/dev/null 2>&1 || true
  "$@" >/dev/null 2>&1 || true
  local a=() b=() rss=0 start m
  for _ in $(seq 15); do
    start=$EPOCHREALTIME
    sh -c "$first" >/dev/null 2>&1 || true
    a+=("$(awk "BEGIN {printf \"%.3f\", $EPOCHREALTIME - $start}")")
    start=$EPOCHREALTIME
    /usr/bin/time -f "%M" -o "$work/time" "$@" >/dev/null 2>&1 || true
    b+=("$(awk "BEGIN {printf \"%.3f\", $EPOCHREALTIME - $start}")")
    read -r m < "$work/time"
    (( m > rss )) && rss=$m
  done
  printf '%s %s %s\n' "$(printf '%s\n' "${a[@]}" | median)" "$(printf '%s\n' "${b[@]}" | median)" "$rss"
}
ratio() { awk "BEGIN {printf \"%.1f\", $1 / ($2 > 0 ? $2 : 0.01)}"; }

# hugo_site FRAMEWORK DIR: a Hugo site whose content is the framework's role files only, each
# rendered by a minimal one-page template, with every other kind of page turned off.
hugo_site() {
  mkdir -p "$2/content" "$2/layouts/_default"
  cp -r "$1/." "$2/content"
  rm -rf "$2/content/abilities" "$2/content/assignments" "$2/content/framework.yml"
  find "$2/content" -name '_track.md' -delete
  cat > "$2/hugo.toml" <<'TOML'
baseURL = "http://example.org/"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404", "home", "section"]
TOML
  cat > "$2/layouts/_default/single.html" <<'HTML'
<!doctype html><html><head><title>{{ .Title }}</title></head><body><main>{{ .Content }}</main></body></html>
HTML
}

row() { printf '%-5s %5s %6s %8s %21s %15s %22s %12s %12s %11s\n' "$@"; }

{
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m); $(hugo version | awk '{print "hugo", $2}'); $(date -u +%Y-%m-%d)"
  row size roles behav "cmark s" "hugo s (RSS, pages)" "check s (RSS)" "build s (RSS, pages)" check/cmark build/cmark build/hugo
  for size in "S 2 5 8 6" "M 10 8 8 6" "L 40 10 8 7"; do
    set -- $size
    python3 scripts/generate-framework.py "$work/$1" "$2" "$3" "$4" "$5" >/dev/null
    hugo_site "$work/$1" "$work/hugo-$1"
    find "$work/$1" -name '*.md' | sort > "$work/files"
    read -r cm ck ckr < <(time_turns "xargs cmark < '$work/files'" "$LADDER" check --content "$work/$1")
    read -r hg hgr < <(time_runs hugo --quiet --source "$work/hugo-$1" --destination "$work/hugo-out-$1")
    read -r bd bdr < <(time_runs "$LADDER" build --content "$work/$1" --output "$work/site-$1")
    hugo_pages=$(find "$work/hugo-out-$1" -name '*.html' | wc -l)
    pages=$(find "$work/site-$1" -name '*.html' | wc -l)
    roles=$(( $2 * $3 )); behaviours=$(( roles * $4 * $5 ))
    row "$1" "$roles" "$behaviours" "$cm" "$hg ($((hgr / 1024)) MB, $hugo_pages)" "$ck ($((ckr / 1024)) MB)" \
      "$bd ($((bdr / 1024)) MB, $pages)" "$(ratio "$ck" "$cm")" "$(ratio "$bd" "$cm")" "$(ratio "$bd" "$hg")"
  done

  # What compiling the built-in templates buys: size L with every page through swift-mustache.
  read -r bi bir < <(time_runs env LADDER_INTERPRET_TEMPLATES=1 "$LADDER" build --content "$work/L" --output "$work/site-L-interpreted")
  echo "build (size L): $bi s ($((bir / 1024)) MB) with every template through swift-mustache, against $bd s compiled"

  # Search on size L: the index against the pages it covers, and the time from opening
  # search/?q= to the first results (measured by the page itself) in headless Chromium.
  index=$(stat -c %s "$work/site-L/search/index.js")
  html=$(find "$work/site-L" -name '*.html' -exec cat {} + | wc -c)
  echo "search (size L): index $((index / 1024)) KB ($(gzip -c "$work/site-L/search/index.js" | wc -c | awk '{print int($1 / 1024)}') KB gzipped)," \
    "$(awk -v i="$index" -v h="$html" 'BEGIN { printf "%.1f", 100 * i / h }')% of the $((html / 1048576)) MB of pages it covers"
  chrome=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
  if [ -n "$chrome" ]; then
    times=$(for _ in 1 2 3 4 5; do
      "$chrome" --headless --no-sandbox --disable-gpu --dump-dom "file://$work/site-L/search/index.html?q=review" 2>/dev/null \
        | grep -o 'data-first-results-ms="[0-9]*"' | grep -o '[0-9]*'
    done | sort -n | tr '\n' ' ')
    echo "search (size L): first results $(echo "$times" | awk '{print $3}') ms after opening search/?q=review (median of 5: $times)"
  fi

  # Every PDF of size L (a booklet per track and a PDF per role) through one browser.
  if [ -n "$chrome" ]; then
    start=$(date +%s.%N)
    "$LADDER" pdf --site "$work/site-L" --output "$work/pdf-L" --chromium "$chrome" > /dev/null 2>&1
    end=$(date +%s.%N)
    documents=$(find "$work/pdf-L" -name '*.pdf' | wc -l)
    echo "pdf (size L): $documents documents in $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }') s," \
      "$(awk -v a="$start" -v b="$end" -v n="$documents" 'BEGIN { printf "%.2f", (b - a) / n }') s per document"
  fi

  # The preview server on size L: throughput under wrk, and edit-to-reload latency.
  port=4199
  "$LADDER" serve --content "$work/L" --port "$port" > "$work/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 1 300); do grep -q Serving "$work/serve.log" 2>/dev/null && break; sleep 0.1; done
  page="http://127.0.0.1:$port/track-00/track-0-role-1/"
  wrk -t2 -c50 -d10s "$page" > "$work/wrk.txt" 2>&1 || true
  echo "serve (size L): $(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt") requests/s with wrk, 50 connections, 10 s;" \
    "$(grep -cE 'Non-2xx|Socket errors' "$work/wrk.txt") error lines"
  python3 scripts/reload-latency.py "$port" "$work/L/track-00/05-role.md" 20 /track-00/track-0-role-5/ | sed 's/^/serve (size L): /'
  kill "$server"; wait "$server" 2>/dev/null || true
} | tee scripts/bench-results.txt
