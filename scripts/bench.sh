#!/usr/bin/env bash
# `make bench`: the batch on a synthetic world beside the SQLite floor measured in the same run.
# Usage: scripts/bench.sh [TICKETS...]   (default: 100000 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/release/ruledesk
WORK=$(mktemp -d /tmp/ruledesk-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
SIZES=("${@:-100000 1000000}")
[ $# -eq 0 ] && SIZES=(100000 1000000)

now() { date +%s.%N; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / s }'; }

# Peak resident memory of a command, in MB (GNU time).
peak() { /usr/bin/time -f '%M' -o "$WORK/peak" "$@" >"$WORK/out" 2>"$WORK/err"; awk '{ printf "%.0f", $1 / 1024 }' "$WORK/peak"; }

printf '%-10s %12s %10s %12s %10s %12s %14s %8s %12s\n' tickets "batch t/s" "wall s" "floor t/s" "floor s" "empty t/s" "batch÷floor" "peak MB" "µs/ticket"
for n in "${SIZES[@]}"; do
  db="$WORK/bench-$n.db"
  $BIN gen --tickets "$n" --db "$db" >/dev/null
  $BIN rules publish --db "$db" --by bench --note "the rules measured" --yes >/dev/null
  cp "$db" "$WORK/floor.db"
  cp "$db" "$WORK/sample.db"

  # The floor: the same database, one decision row per ticket (as large as a real one) from a single SQL
  # statement, no rules.
  $BIN batch --db "$WORK/sample.db" --limit 1 >/dev/null
  results=$(sqlite3 "$WORK/sample.db" "SELECT results FROM decisions LIMIT 1")
  trace=$(sqlite3 "$WORK/sample.db" "SELECT trace FROM decisions LIMIT 1")
  rm -f "$WORK/sample.db"*
  start=$(now)
  sqlite3 "$WORK/floor.db" "PRAGMA journal_mode=WAL; INSERT INTO decisions (ticket_id, evaluated_at, rules_version, results, trace)
    SELECT id, '2026-11-28T00:00:00Z', 'floor', '$(printf %s "$results" | sed "s/'/''/g")', '$(printf %s "$trace" | sed "s/'/''/g")' FROM tickets;" >/dev/null
  floor_s=$(awk -v a="$start" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }')
  # The same with empty results and trace: what SQLite does with the smallest rows.
  sqlite3 "$WORK/floor.db" "DROP TRIGGER decisions_append_only_delete; DELETE FROM decisions; VACUUM;" >/dev/null
  start=$(now)
  sqlite3 "$WORK/floor.db" "PRAGMA journal_mode=WAL; INSERT INTO decisions (ticket_id, evaluated_at, rules_version, results, trace)
    SELECT id, '2026-11-28T00:00:00Z', 'floor', '{}', '{}' FROM tickets;" >/dev/null
  empty_s=$(awk -v a="$start" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }')

  start=$(now)
  mb=$(peak $BIN batch --db "$db" --jobs 2)
  wall=$(awk -v a="$start" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }')
  grep -q "evaluated $n, failed 0" "$WORK/out" || { cat "$WORK/out" "$WORK/err"; exit 1; }
  printf '%-10s %12s %10s %12s %10s %12s %14s %8s %12s\n' "$n" "$(rate "$n" "$wall")" "$wall" "$(rate "$n" "$floor_s")" "$floor_s" "$(rate "$n" "$empty_s")" \
    "$(awk -v a="$floor_s" -v b="$wall" 'BEGIN { printf "%.1f", b / a }')" "$mb" "$(awk -v n="$n" -v s="$wall" 'BEGIN { printf "%.1f", s / n * 1e6 }')"
  rm -f "$db"* "$WORK/floor.db"*
done

# One ticket, evaluated by a fresh process, as a clerk's console or a script would.
db="$WORK/eval.db"
$BIN gen --tickets 1000 --db "$db" >/dev/null
number=$(sqlite3 "$db" "SELECT number FROM tickets LIMIT 1")
start=$(now)
for _ in $(seq 20); do $BIN eval "$number" --db "$db" >/dev/null; done
printf 'eval as a fresh process: %.1f ms\n' "$(awk -v a="$start" -v b="$(now)" 'BEGIN { print (b - a) / 20 * 1000 }')"
