#!/usr/bin/env bash
# Plasticity Lab against Brian2 on the same model (em-mixture), on this machine, A B A B:
#   bench/brian2/compare.sh [SECONDS]      (default 300 simulated seconds; needs python3-brian)
# Prints each run's wall time and fixed-point error, then the ratio of the mean wall times.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-300}
lab=build/bin/plasticity-lab
[[ -x $lab ]] || { echo "build first: ./setup.sh test" >&2; exit 1; }
/usr/bin/python3 -c "import brian2" 2>/dev/null || { echo "needs Debian's python3-brian (apt-get install python3-brian)" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for data in synthetic mnist; do
  echo "== em-mixture, data=$data, $seconds s simulated"
  ours=() theirs=()
  for round in 1 2; do
    "$lab" run em-mixture --set data=$data --set learning_rate_mode=decaying --seconds "$seconds" --seed $round --quiet --out "$out/lab"
    read -r wall eq nmi < <(/usr/bin/python3 -c "import json; m=json.load(open('$out/lab/summary.json')); \
print(m['wall_seconds'], m['metrics']['equilibrium_error'], m['metrics']['nmi'])")
    printf '  plasticity-lab  %9.3f s wall   equilibrium_error %.4f   nmi %.3f\n' "$wall" "$eq" "$nmi"
    ours+=("$wall")
    line=$(/usr/bin/python3 bench/brian2/em_mixture_brian2.py --data $data --seconds "$seconds" --seed $round 2>/dev/null | tail -1)
    read -r wall eq nmi < <(/usr/bin/python3 -c "import json,sys; m=json.loads(sys.argv[1]); \
print(m['wall_seconds'], m['equilibrium_error'], m['nmi'])" "$line")
    printf '  brian2          %9.3f s wall   equilibrium_error %.4f   nmi %.3f\n' "$wall" "$eq" "$nmi"
    theirs+=("$wall")
  done
  /usr/bin/python3 -c "import sys; a=[float(x) for x in sys.argv[1:3]]; b=[float(x) for x in sys.argv[3:5]]; \
print('  ratio (brian2 / plasticity-lab, mean wall time): %.0fx' % ((sum(b)/2)/(sum(a)/2)))" "${ours[@]}" "${theirs[@]}"
done
