#!/usr/bin/env bash
# Builds the fuzz targets with clang (libFuzzer + ASan + UBSan) in build-fuzz and runs each
# for SECONDS (default 20), starting from a small corpus of real files. Prints the executions
# per parser; exits non-zero on any finding (the crashing input is left in build-fuzz/findings).
#   fuzz/run-fuzzers.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}

CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPLASTICITY_LAB_FUZZ=ON >/dev/null
cmake --build build-fuzz --parallel

corpus=build-fuzz/corpus
findings=build-fuzz/findings
rm -rf "$corpus" && mkdir -p "$corpus"/{bif,hugin,xmlbif,commands,run_file,state,dataset} "$findings"
cp tests/data/*.bif resources/networks/*.bif "$corpus/bif/"
cp tests/data/*.net "$corpus/hugin/"
cp tests/data/*.xml "$corpus/xmlbif/"
printf '# lesions\n100 set learning_rate 0.01\n3600 lesion zv-digit 2\n7200 lesion cut zv-za\n' >"$corpus/commands/a.txt"
printf '1 switch-task\n2 anneal 0.1 0.001 100 linear\n' >"$corpus/commands/b.txt"
cat >"$corpus/run_file/a.json" <<'JSON'
{"format": "plasticity-lab run", "version": 1, "experiment": "em-mixture", "seed": 3, "sim_seconds": 10,
 "parameters": {"learning_rate": 0.02, "data": "synthetic"}, "commands": ["5 set learning_rate 0", "6 lesion neuron 1"]}
JSON
# A small real state: fokker-planck with few particles, and em-mixture.
tools=build-fuzz/state-seeds
mkdir -p "$tools"
if [[ -x build/bin/plasticity-lab ]]; then
  build/bin/plasticity-lab run fokker-planck --seconds 0.05 --set particles=20 --quiet --out "$tools/fp" \
    --save-state "$corpus/state/fp.state" || true
  build/bin/plasticity-lab run em-mixture --seconds 0.2 --quiet --out "$tools/em" --save-state "$corpus/state/em.state" || true
fi
# The first 40 kB of each shipped data set (the reader must reject the truncation cleanly).
for f in resources/data/*.plimg; do head -c 40000 "$f" >"$corpus/dataset/$(basename "$f")"; done

status=0
printf '%-16s %12s %10s\n' parser executions "exec/s"
for target in bif hugin xmlbif commands run_file state dataset; do
  log=build-fuzz/fuzz_$target.log
  if ! build-fuzz/bin/fuzz_$target "$corpus/$target" -max_total_time="$seconds" -print_final_stats=1 \
      -artifact_prefix="$findings/$target-" -max_len=65536 -timeout=20 -rss_limit_mb=4096 >"$log" 2>&1; then
    echo "fuzz_$target: FINDING (see $log and $findings)" >&2
    tail -40 "$log" >&2
    status=1
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  printf '%-16s %12s %10s\n' "$target" "$runs" "$rate"
done
exit $status
