#!/usr/bin/env bash
# Plasticity Lab against Brian2 (C++ standalone, the binary timed alone) on the same model,
# em-mixture at its defaults (counting learning rate), at the sizes of bench_scaling's table:
#   bench/brian2/compare.sh [SECONDS] [SEED]   (default 300 simulated seconds, seed 1;
#                                              needs python3-brian and a C++ compiler)
# Prints each side's wall time and learning figures, then the ratio of the wall times.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-300}
seed=${2:-1}
lab=build/bin/plasticity-lab
[[ -x $lab ]] || { echo "build first: ./setup.sh test" >&2; exit 1; }
/usr/bin/python3 -c "import brian2" 2>/dev/null || { echo "needs Debian's python3-brian (apt-get install python3-brian)" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
printf '%-34s %12s %12s %8s   %-24s %-24s\n' "size" "ours wall" "Brian2 wall" "ratio" "eq_error ours / Brian2" "nmi ours / Brian2"
while IFS='|' read -r name ours theirs; do
  # shellcheck disable=SC2086
  "$lab" run em-mixture $ours --seconds "$seconds" --seed "$seed" --quiet --out "$out/lab"
  read -r wall eq nmi < <(/usr/bin/python3 -c "import json; m=json.load(open('$out/lab/summary.json')); \
print(m['wall_seconds'], m['metrics']['equilibrium_error'], m['metrics']['nmi'])")
  # shellcheck disable=SC2086
  line=$(/usr/bin/python3 bench/brian2/em_mixture_brian2.py $theirs --seconds "$seconds" --seed "$seed" 2>"$out/brian2.log" | tail -1) || true
  [[ $line == "{"* ]] || { echo "Brian2 failed at $name:" >&2; tail -20 "$out/brian2.log" >&2; exit 1; }
  read -r bwall beq bnmi < <(/usr/bin/python3 -c "import json,sys; m=json.loads(sys.argv[1]); \
print(m['wall_seconds'], m['equilibrium_error'], m['nmi'])" "$line")
  /usr/bin/python3 -c "import sys; n,a,b,e1,e2,m1,m2=sys.argv[1:]; \
print('%-34s %10.3f s %10.2f s %7.0fx   %.4f / %.4f          %.3f / %.3f' % (n, float(a), float(b), float(b)/float(a), \
float(e1), float(e2), float(m1), float(m2)))" "$name" "$wall" "$bwall" "$eq" "$beq" "$nmi" "$bnmi"
done <<'EOF'
4 x 8x8, 4 neurons||--classes 4 --side 8 --neurons 4
16 x 16x16, 64 neurons|--set classes=16 --set image_side=16 --set neurons=64|--classes 16 --side 16 --neurons 64
16 x 16x16, 200 neurons|--set classes=16 --set image_side=16 --set neurons=200|--classes 16 --side 16 --neurons 200
16 x 16x16, 1000 neurons|--set classes=16 --set image_side=16 --set neurons=1000|--classes 16 --side 16 --neurons 1000
MNIST 28x28, digits 0-9, 100 neurons|--set data=mnist --set mnist_side=28 --set digits=0-9 --set neurons=100|--data mnist --mnist-side 28 --neurons 100
EOF
