#!/usr/bin/env bash
# Runs a GUI test binary on its own Xvfb server with the openbox window manager, at the
# screen size given: some faults (a window that turns black after its OpenGL views are
# rebuilt, a full-screen window larger than the screen) show only under a window manager.
#   with-window-manager.sh WIDTHxHEIGHT PROGRAM [ARGS…]
set -euo pipefail
size=$1
shift
inner=$(cat <<'INNER'
set -e
openbox --sm-disable >/dev/null 2>&1 &
wm=$!
# Wait until openbox owns the screen (it sets _NET_SUPPORTING_WM_CHECK on the root window);
# on a loaded machine that can take seconds.
ready=0
for _ in $(seq 600); do
  if xprop -root _NET_SUPPORTING_WM_CHECK 2>/dev/null | grep -q "window id"; then ready=1; break; fi
  sleep 0.05
done
if [ "$ready" != 1 ]; then
  echo "with-window-manager.sh: openbox did not take the screen within 30 s (display $DISPLAY)" >&2
  kill "$wm" 2>/dev/null || true
  exit 1
fi
status=0
"$@" || status=$?
kill "$wm" 2>/dev/null || true
wait "$wm" 2>/dev/null || true
exit "$status"
INNER
)
export PLASTICITY_LAB_SCREEN="$size"
# -n: where the search for a free display starts; suites started together start apart, else two
# xvfb-run -a can take the same display at the same moment (PLAB_XVFB_FIRST, set by CTest).
exec xvfb-run -a -n "${PLAB_XVFB_FIRST:-99}" -s "-screen 0 ${size}x24" bash -c "$inner" wm "$@"
