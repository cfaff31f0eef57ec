#!/usr/bin/env bash
# `make bench`: the batch's bars (issue 16) as ratios measured in one run, printed in one table.
# Usage: scripts/bench.sh [TICKETS]   (default 50000: about 2 minutes on 2 idle cores)
#        BEFORE=path/to/an/earlier/release/ruledesk scripts/bench.sh   adds the gain over that build
#        (BEFORE_RULES=DIR: the rules folder that build publishes, when it cannot read today's `rules`)
#        RULEDESK=path/to/ruledesk scripts/bench.sh                  measures another build than .build/release
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${RULEDESK:-$PWD/.build/release/ruledesk}
N=${1:-50000}
BEFORE=${BEFORE:-}
BEFORE_RULES=${BEFORE_RULES:-rules}
WORK=$(mktemp -d /tmp/ruledesk-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
rate() { awk -v n="$N" -v s="$1" 'BEGIN { printf "%.0f", n / s }'; }

# A batch on a fresh copy of DB; prints its wall seconds, leaves its peak memory (MB) in $WORK/peak.
batch() {
  local bin=$1 db=$2 jobs=$3
  cp "$db" "$WORK/run.db"
  local start; start=$(now)
  /usr/bin/time -f '%M' -o "$WORK/peak" "$bin" batch --db "$WORK/run.db" --jobs "$jobs" >"$WORK/out" 2>"$WORK/err"
  local wall; wall=$(since "$start")
  grep -q "evaluated $N, failed 0" "$WORK/out" || { cat "$WORK/out" "$WORK/err" >&2; exit 1; }
  echo "$wall"
}

# A world of N new tickets with RULES in force.
world() {
  local bin=$1 db=$2 rules=$3
  "$bin" gen --tickets "$N" --db "$db" >/dev/null
  "$bin" rules publish --db "$db" --rules "$rules" --by bench --note "the rules measured" --yes >/dev/null
}

# The floor: what SQLite takes to store one decision row per ticket (its stored results and trace as large as those
# of a decision of RULES after the first ones, which make the version's dictionary) from one INSERT … SELECT, with
# nothing else to do; with `status`, also the tickets' status updated by one UPDATE in the same transaction.
floor() {
  local db=$1 with_status=$2
  cp "$db" "$WORK/sample.db"
  "$BIN" batch --db "$WORK/sample.db" --limit 200 >/dev/null
  local texts results_bytes
  texts=$(sqlite3 "$WORK/sample.db" "SELECT hex(texts) FROM decisions ORDER BY id DESC LIMIT 1")
  results_bytes=$(sqlite3 "$WORK/sample.db" "SELECT results_bytes FROM decisions ORDER BY id DESC LIMIT 1")
  rm -f "$WORK/sample.db"*
  cp "$db" "$WORK/floor.db"
  local update=""
  [ "$with_status" = status ] && update="UPDATE tickets SET status = 'evaluated' WHERE status = 'new';"
  local start; start=$(now)
  sqlite3 "$WORK/floor.db" "PRAGMA journal_mode=WAL; BEGIN;
    INSERT INTO decision_versions (version, dictionary) VALUES ('floor', X'');
    INSERT INTO decisions (ticket_id, evaluated_at, version_id, results_bytes, texts)
    SELECT id, '2026-11-28T00:00:00Z', last_insert_rowid(), $results_bytes, X'$texts' FROM tickets; $update COMMIT;" >/dev/null
  since "$start"
  rm -f "$WORK/floor.db"*
}

echo "building the worlds: $N generated tickets, the default rules and samples/rules-minimal in force" >&2
"$BIN" gen --tickets "$N" --db "$WORK/base.db" >/dev/null
cp "$WORK/base.db" "$WORK/minimal.db"
"$BIN" rules publish --db "$WORK/base.db" --by bench --note "the rules measured" --yes >/dev/null
mv "$WORK/base.db" "$WORK/default.db"
"$BIN" rules publish --db "$WORK/minimal.db" --rules samples/rules-minimal --by bench --note "the host measured" --yes >/dev/null

echo "measuring: the floors, then the batch (default rules --jobs 1 and 2, minimal rules --jobs 2)" >&2
sized_floor=$(floor "$WORK/default.db" plain)
small_floor=$(floor "$WORK/minimal.db" status)
default1=$(batch "$BIN" "$WORK/default.db" 1)
default2=$(batch "$BIN" "$WORK/default.db" 2)
peak=$(awk '{ printf "%.0f", $1 / 1024 }' "$WORK/peak")
sqlite3 "$WORK/run.db" "PRAGMA wal_checkpoint(TRUNCATE); VACUUM;" >/dev/null
bytes=$(sqlite3 "$WORK/run.db" "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size")
mv "$WORK/run.db" "$WORK/decided.db"
minimal2=$(batch "$BIN" "$WORK/minimal.db" 2)

# diff: the default rules against a copy with one threshold changed (the approval's audit threshold), writing
# nothing; then the weekly report over the decided world.
cp -r rules "$WORK/proposed"
sed -i 's/^local SETTLEMENT_AUDIT_FROM = 20000/local SETTLEMENT_AUDIT_FROM = 15000/' "$WORK/proposed/approval.lua"
grep -q '^local SETTLEMENT_AUDIT_FROM = 15000' "$WORK/proposed/approval.lua" || {
  echo "bench: rules/approval.lua no longer has the line the diff changes (SETTLEMENT_AUDIT_FROM)" >&2; exit 1; }
start=$(now)
"$BIN" diff --db "$WORK/default.db" --rules "$WORK/proposed" --jobs 2 >"$WORK/out" 2>"$WORK/err" || {
  cat "$WORK/out" "$WORK/err" >&2; exit 1; }
diff2=$(since "$start")
start=$(now)
weekly_ok=pass
"$BIN" report weekly --week 2026-W18 --db "$WORK/decided.db" >"$WORK/out" 2>"$WORK/err" || weekly_ok=FAIL
weekly=$(since "$start")

before2=""
if [ -n "$BEFORE" ]; then
  echo "measuring the earlier build $BEFORE (default rules --jobs 2)" >&2
  world "$BEFORE" "$WORK/before.db" "$BEFORE_RULES"
  before2=$(batch "$BEFORE" "$WORK/before.db" 2)
fi

"$BIN" gen --tickets 1000 --db "$WORK/eval.db" >/dev/null
number=$(sqlite3 "$WORK/eval.db" "SELECT number FROM tickets LIMIT 1")
start=$(now)
for _ in $(seq 20); do "$BIN" eval "$number" --db "$WORK/eval.db" >/dev/null; done
eval_ms=$(awk -v s="$(since "$start")" 'BEGIN { printf "%.1f", s / 20 * 1000 }')

# One row per bar: what, measured, target, the figures it comes from.
row() { printf '| %s | %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4" "$5"; }
pass() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN { ok = op == ">=" ? v >= t : v <= t; print ok ? "pass" : "FAIL" }'; }
scaling=$(ratio "$default1" "$default2")
host=$(ratio "$small_floor" "$minimal2")
sized=$(ratio "$sized_floor" "$default2")
per_ticket=$(awk -v b="$bytes" -v n="$N" 'BEGIN { printf "%.0f", b / n }')

echo
echo "$N generated tickets; t/s = tickets per second, wall time of the whole process (release build)"
row "bar" "measured" "target" "" "from"
echo "|---|---|---|---|---|"
row "scaling: default rules, --jobs 2 ÷ --jobs 1" "$scaling" "≥ 1.70" "$(pass "$scaling" 1.7 '>=')" \
  "$(rate "$default2") / $(rate "$default1") t/s"
row "host: minimal rules --jobs 2 ÷ small-row floor" "$host" "≥ 0.30" "$(pass "$host" 0.3 '>=')" \
  "$(rate "$minimal2") / $(rate "$small_floor") t/s"
row "default rules --jobs 2 ÷ sized floor" "$sized" "≥ 0.60" "$(pass "$sized" 0.6 '>=')" \
  "$(rate "$default2") / $(rate "$sized_floor") t/s"
if [ -n "$before2" ]; then
  gain=$(ratio "$before2" "$default2")
  row "default rules --jobs 2 ÷ the earlier build" "$gain" "≥ 2.50" "$(pass "$gain" 2.5 '>=')" \
    "$(rate "$default2") / $(rate "$before2") t/s"
else
  row "default rules --jobs 2 ÷ the earlier build" "-" "≥ 2.50" "-" "run with BEFORE=an earlier release binary"
fi
diff_speed=$(ratio "$default2" "$diff2")
row "diff --jobs 2 (one threshold changed) ÷ batch --jobs 2, speed" "$diff_speed" "≥ 1.00" \
  "$(pass "$diff_speed" 1 '>=')" "$(rate "$diff2") / $(rate "$default2") t/s"
weekly_pass=$(pass "$weekly" 5 '<=')
[ "$weekly_ok" = pass ] || weekly_pass=FAIL
row "report weekly --week 2026-W18 over the decided world (s)" "$weekly" "≤ 5" "$weekly_pass" \
  "wall time of the whole process; the reports' time limit is 5 s"
row "bytes per decided ticket (whole database)" "$per_ticket" "≤ 1228 (1.2 KB)" "$(pass "$per_ticket" 1228 '<=')" \
  "$bytes bytes after VACUUM"
row "peak memory, default rules --jobs 2 (MB)" "$peak" "≤ 300" "$(pass "$peak" 300 '<=')" "GNU time, maximum RSS"
row "eval of one ticket, fresh process (ms)" "$eval_ms" "≤ 50" "$(pass "$eval_ms" 50 '<=')" "mean of 20"
