#!/usr/bin/env bash
# A real SLURM cluster in the tests: starts munge, slurmctld and slurmd on localhost (a one-node
# cluster in a temporary folder, stopped again at the end), submits a small sweep as a job array
# with `sweep --slurm`, waits for it, collects it, and checks that every result is byte-identical
# to the same sweep run locally with --jobs. Exit 77 (CTest: skipped) with the reason where
# SLURM cannot run here: not root, or the packages missing.
#   tests/slurm-sweep.sh PLASTICITY_LAB_EXECUTABLE
set -euo pipefail
exe=$(realpath "$1")
skip() { echo "SKIPPED: $*"; exit 77; }
[[ $(id -u) -eq 0 ]] || skip "starting slurmctld, slurmd and munged needs root"
for tool in slurmctld slurmd sbatch squeue sinfo munged; do
  command -v "$tool" >/dev/null || [[ -x /usr/sbin/$tool ]] || skip "$tool is missing (apt-get install slurm-wlm munge)"
done
export PATH=$PATH:/usr/sbin

D=$(mktemp -d /tmp/plab-slurm.XXXXXX)
H=$(hostname -s)
started_munge=0
cleanup() {
  for f in "$D"/d.pid "$D"/ctld.pid; do [[ -f $f ]] && kill "$(cat "$f")" 2>/dev/null || true; done
  if ((started_munge)); then pkill -x munged 2>/dev/null || true; fi
  sleep 1
  rm -rf "$D"
}
trap cleanup EXIT
mkdir -p "$D/spool" "$D/state"
mem=$(( $(free -m | awk '/^Mem:/ {print $2}') / 2 ))
cat > "$D/slurm.conf" <<C
ClusterName=plabtest
SlurmctldHost=$H
SlurmctldPort=$((20000 + RANDOM % 20000))
SlurmdPort=$((40000 + RANDOM % 20000))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$D/state
SlurmdSpoolDir=$D/spool
SlurmctldPidFile=$D/ctld.pid
SlurmdPidFile=$D/d.pid
SlurmctldLogFile=$D/ctld.log
SlurmdLogFile=$D/d.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
NodeName=$H CPUs=$(nproc) RealMemory=$mem State=UNKNOWN
PartitionName=local Nodes=$H Default=YES MaxTime=INFINITE State=UP
C
if ! pgrep -x munged >/dev/null; then
  [[ -f /etc/munge/munge.key ]] || /usr/sbin/mungekey -c
  mkdir -p /run/munge && chown munge:munge /run/munge /etc/munge/munge.key
  su -s /bin/sh munge -c /usr/sbin/munged
  started_munge=1
fi
export SLURM_CONF=$D/slurm.conf
slurmctld -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF"
for _ in $(seq 60); do
  sinfo -h -o %T 2>/dev/null | grep -q idle && break
  sleep 1
done
sinfo -h -o %T | grep -q idle || { cat "$D/ctld.log" "$D/d.log" >&2; echo "FAILED: the node never became idle"; exit 1; }
echo "slurm: one-node cluster up ($(sinfo -h -o '%P %D %T %c CPUs'))"

# The sweep: 2 learning rates x 3 seeds of em-mixture, 2 points per array task (3 tasks).
cat > "$D/spec.json" <<J
{"experiment": "em-mixture", "seconds": 20, "set": {"data": "synthetic"},
 "grid": {"learning_rate": [0.01, 0.02]}, "seeds": "1-3"}
J
job=$("$exe" sweep "$D/spec.json" --out "$D/slurm-sweep" --slurm --partition local --time 10 --mem 500 --points-per-task 2)
[[ $job =~ ^[0-9]+$ ]] || { echo "FAILED: sweep --slurm printed '$job', not a job id"; exit 1; }
echo "slurm: submitted job array $job"
for _ in $(seq 240); do
  [[ -z $(squeue -h -j "$job" 2>/dev/null) ]] && break
  sleep 1
done
[[ -z $(squeue -h -j "$job" 2>/dev/null) ]] || { squeue; echo "FAILED: job $job still queued after 4 minutes"; exit 1; }
tasks=$(ls "$D/slurm-sweep/slurm/job-1/" | wc -l)
echo "slurm: job $job done; $tasks task logs"
[[ $tasks -eq 3 ]] || { echo "FAILED: expected 3 array tasks, saw $tasks"; exit 1; }

"$exe" sweep "$D/spec.json" --out "$D/local-sweep" --jobs 2 --quiet
"$exe" collect "$D/slurm-sweep" --quiet
"$exe" collect "$D/local-sweep" --quiet

# Byte-identical: the collected tables and figures, and every run's files (the summary's wall
# time aside, which no two runs share).
fail=0
compare() { cmp -s "$1" "$2" || { echo "FAILED: $1 and $2 differ"; fail=1; }; }
n=0
while IFS= read -r -d '' f; do
  rel=${f#"$D/local-sweep/"}
  case $rel in
    slurm/*) continue ;;
    */summary.json) diff <(grep -v '"wall_seconds"' "$f") <(grep -v '"wall_seconds"' "$D/slurm-sweep/$rel") >/dev/null \
                      || { echo "FAILED: $rel differs"; fail=1; } ;;
    */log.txt|*/.lock) continue ;;
    *) compare "$f" "$D/slurm-sweep/$rel" ;;
  esac
  n=$((n + 1))
done < <(find "$D/local-sweep" -type f -print0)
runs=$(find "$D/slurm-sweep" -name summary.json | wc -l)
[[ $runs -eq 6 ]] || { echo "FAILED: $runs finished runs on SLURM, expected 6"; fail=1; }
((fail == 0)) || exit 1
echo "slurm: $n files of the SLURM sweep are byte-identical to the local one (6 runs, collected tables and figures)"
