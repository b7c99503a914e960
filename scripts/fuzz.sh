#!/usr/bin/env bash
# Builds the libFuzzer targets (page parser, query parser) with address sanitizer and runs
# each for the given seconds on its corpus in Fuzz/corpus/ (new interesting inputs are added).
#   scripts/fuzz.sh [SECONDS]          build and fuzz both (default 60 s each, in parallel)
#   scripts/fuzz.sh build              only build
# The unit test FuzzCorpusReplayTests replays the committed corpus in every `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
out=.build-fuzz
mkdir -p "$out"
flags=(-sanitize=fuzzer,address -parse-as-library -g -Onone -swift-version 6)
# The Corpus module as a static library (instrumented too), then one fuzzer against it.
swiftc "${flags[@]}" -module-name Corpus -emit-library -static -emit-module -emit-module-path "$out/Corpus.swiftmodule" \
    Sources/Corpus/*.swift -o "$out/libCorpus.a"
swiftc "${flags[@]}" -module-name FuzzPage -I "$out" Fuzz/FuzzPageParser.swift "$out/libCorpus.a" -o "$out/fuzz-page"
swiftc "${flags[@]}" -module-name FuzzQuery -I "$out" Sources/SearchIndex/*.swift Fuzz/FuzzQueryParser.swift "$out/libCorpus.a" \
    -o "$out/fuzz-query"
[ "${1:-}" = build ] && exit 0
seconds=${1:-60}
# Swift runtime metadata and lazily built globals look like leaks to LeakSanitizer: off.
export ASAN_OPTIONS=detect_leaks=0:${ASAN_OPTIONS:-}
export SWIFT_BACKTRACE=enable=no
"$out/fuzz-page" -artifact_prefix="$out/" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096 Fuzz/corpus/page > "$out/fuzz-page.log" 2>&1 &
page=$!
"$out/fuzz-query" -artifact_prefix="$out/" -max_total_time="$seconds" -max_len=512 -timeout=10 -rss_limit_mb=4096 Fuzz/corpus/query > "$out/fuzz-query.log" 2>&1 &
query=$!
status=0
wait $page || status=$?
wait $query || status=$?
tail -n 3 "$out/fuzz-page.log" "$out/fuzz-query.log"
exit $status
