#!/usr/bin/env bash
# Sets up Plasticity Lab on Debian 12 and then starts it or tests it.
#   ./setup.sh run    install what is missing, build (Release), start the application
#   ./setup.sh test   install what is missing, build (Release), run the whole test suite; then
#                     the suite again under ASan + UBSan, the threaded suites under TSan, and
#                     every parser under libFuzzer (about 40 minutes on 2 cores)
# Packages are installed with apt (as root, or through sudo). The builds go to ./build,
# ./build-asan, ./build-tsan and ./build-fuzz.
set -euo pipefail
cd "$(dirname "$0")"

mode=${1:-}
case "$mode" in
  run|test) ;;
  *) echo "usage: $0 run|test" >&2; exit 2 ;;
esac

packages=(
  g++ cmake ninja-build pkg-config
  libeigen3-dev libtinyxml2-dev libgraphviz-dev
  qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev libgl-dev libglx-dev libxkbcommon-dev
  qt6-charts-dev qt6-datavisualization-dev qt6-declarative-dev qt6-svg-dev
  qt6-qpa-plugins libgl1-mesa-dri fonts-dejavu-core
  xvfb xauth openbox x11-utils
  slurm-wlm munge
  clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "setup: need root or sudo to install packages" >&2; exit 1; }
    sudo=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build --parallel

if [[ $mode == test ]]; then
  ctest --test-dir build --output-on-failure --parallel 2

  # Memory errors and undefined behaviour: the whole suite again under ASan + UBSan.
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPLASTICITY_LAB_SANITIZE=address,undefined
  cmake --build build-asan --parallel
  ctest --test-dir build-asan --output-on-failure --parallel 2

  # Data races: the threaded suites (the simulation thread against the GUI) under TSan.
  cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPLASTICITY_LAB_SANITIZE=thread
  cmake --build build-tsan --parallel --target plasticity-lab tst_gui_main_window tst_gui_offscreen tst_gui_monkey tst_gui_lessons
  ctest --test-dir build-tsan --output-on-failure -R '^tst_gui_' -E '^tst_gui_demo'

  # Every parser against libFuzzer for 20 s each (a finding fails the run).
  fuzz/run-fuzzers.sh 20
else
  if [[ -z ${DISPLAY:-} && -z ${WAYLAND_DISPLAY:-} ]]; then
    echo "setup: built build/bin/plasticity-lab, but there is no display to open it on." >&2
    echo "setup: headless use: build/bin/plasticity-lab run em-mixture (see --help)" >&2
    exit 1
  fi
  exec build/bin/plasticity-lab
fi
