#!/bin/sh
# The benchmark's day of history (one sample every 5 s, 66 chart series, bench_history) stored by
# a real Prometheus TSDB next to ours: writes the day as OpenMetrics text, imports it with
# `promtool tsdb create-blocks-from openmetrics` (Debian's prometheus package; no Prometheus
# server is started) and prints bytes per point for both. docs/performance.md has the figures.
#
#   tests/bench/history/compare-prometheus.sh [build directory, default build/ci]
set -eu
build=${1:-build/ci}
bench="$build/tests/bench/history/bench_history"
command -v promtool >/dev/null || { echo "promtool not found: apt-get install prometheus" >&2; exit 1; }
[ -x "$bench" ] || { echo "$bench not built: cmake --build $build --target bench_history" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

BS_OPENMETRICS_OUT="$work/day.om" "$bench" writeOpenMetrics diskAndMemoryForADay | grep QINFO
points=$(grep -c '^broker_studio_series' "$work/day.om")
series=$(grep '^broker_studio_series' "$work/day.om" | sed 's/"} .*$//' | sort -u | wc -l)
echo "OpenMetrics text: $(wc -c < "$work/day.om") bytes, $points points in $series series"

promtool tsdb create-blocks-from openmetrics -q "$work/day.om" "$work/tsdb"
blocks=$(find "$work/tsdb" -name meta.json | wc -l)
chunks=$(find "$work/tsdb" -path '*/chunks/*' -type f -exec cat {} + | wc -c)
index=$(find "$work/tsdb" -name index -type f -exec cat {} + | wc -c)
total=$(find "$work/tsdb" -type f -exec cat {} + | wc -c)
echo "Prometheus TSDB ($blocks blocks of 2 h): $total bytes in all, chunks $chunks, index $index"
awk -v c="$chunks" -v t="$total" -v p="$points" 'BEGIN {
    printf "Prometheus bytes per point: chunks %.2f, whole blocks %.2f\n", c / p, t / p }'
