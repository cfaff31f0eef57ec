#!/usr/bin/env bash
# The import's speed (docs/performance.md): a ticket file of N rows as Chinese Excel saves it — GB18030, CRLF,
# Chinese headers, dates 2026/3/5 9:30, amounts ￥1,200, booleans 是/否, no numbers (each gets the next running
# number) — imported by the release build into a database holding the sample communities and households.
# Usage: scripts/import-bench.sh [ROWS]   (default: 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/release/ruledesk
ROWS=${1:-100000}
WORK=$(mktemp -d /tmp/ruledesk-import-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

$BIN init --db "$WORK/bench.db" >/dev/null
for kind in communities households calendar; do $BIN import $kind samples/$kind.csv --db "$WORK/bench.db" >/dev/null; done
tail -n +2 samples/households.csv | cut -d, -f1,2 >"$WORK/households"
awk -F, -v rows="$ROWS" 'BEGIN { OFS = "," }
  { code[NR] = $1; community[NR] = $2 }
  END {
    printf "工单号,登记时间,渠道,小区,户号,原因,类型,部位,工种,是否复杂,预估费用,影响户数,安全隐患,媒体介入,勘察日期,完工时间,描述\r\n"
    for (i = 0; i < rows; i++) {
      h = i % NR + 1; day = i % 28 + 1; month = int(i / 28) % 12 + 1
      printf ",2026/%d/%d %d:%02d,hotline,%s,%s,warranty,repair,plumbing,plumbing|tiling,%s,\"￥%d,%03d.00\",1,否,N,,,卫生间漏水，楼下天花板受潮。\r\n",
        month, day, 8 + i % 10, i % 60, community[h], code[h], (i % 7 == 0 ? "是" : "否"), 1 + i % 9, i % 1000
    }
  }' "$WORK/households" | iconv -f UTF-8 -t GB18030 >"$WORK/tickets.csv"
ls -l "$WORK/tickets.csv" | awk -v rows="$ROWS" '{ printf "%d rows, %.1f MB\n", rows, $5 / 1048576 }'
/usr/bin/time -f "peak memory %M KB, %U s user, %e s wall" $BIN import tickets "$WORK/tickets.csv" --db "$WORK/bench.db"
