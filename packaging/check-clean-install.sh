#!/bin/sh
# Installs the Debian package on a clean Debian 12 (a minimal debootstrap chroot, nothing else
# installed) with apt, the way a user would, and checks that the installed program finds its
# resources and starts: the experiment list, a headless run, the lessons, and a picture of the
# window (offscreen platform: a chroot has no display).
#   sudo packaging/check-clean-install.sh build/plasticity-lab_*.deb [CHROOT_DIR]
set -eu
deb=$(readlink -f "$1")
root=${2:-/var/tmp/plasticity-lab-clean-bookworm}
[ -f "$deb" ] || { echo "usage: $0 PACKAGE.deb [CHROOT_DIR]" >&2; exit 2; }
command -v debootstrap >/dev/null || apt-get install -y -q debootstrap
if [ ! -x "$root/usr/bin/apt-get" ]; then
    debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian
fi
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp "$deb" "$root/root/"
mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
trap 'umount "$root/proc" 2>/dev/null || true' EXIT
chroot "$root" /bin/sh -ec "
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    apt-get install -y -q /root/$(basename "$deb") >/dev/null
    echo '--- installed files'
    ls /usr/bin/plasticity-lab /usr/share/applications/plasticity-lab.desktop \
       /usr/share/icons/hicolor/scalable/apps/plasticity-lab.svg /usr/share/plasticity-lab/resources/lessons
    echo '--- plasticity-lab list'
    plasticity-lab list
    echo '--- a headless run that needs the installed data'
    cd /root && plasticity-lab run self-repair --seconds 60 --quiet --out /root/run && ls /root/run
    echo '--- the lessons'
    plasticity-lab --lesson no-such-lesson 2>&1 || true
    echo '--- the window (offscreen), a lesson at its second step'
    QT_QPA_PLATFORM=offscreen plasticity-lab --lesson 4-self-repair:2 --screenshot /root/window.png 2>/dev/null
    ls -l /root/window.png
"
cp "$root/root/window.png" ./clean-install-window.png
echo "--- ok: the package installs on a clean Debian 12 and starts; picture in ./clean-install-window.png"
