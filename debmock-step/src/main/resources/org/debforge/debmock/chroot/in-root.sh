#!/bin/sh
# Runs one command inside a deb-mock build root. deb-mock starts this script as PID 1 of fresh
# mount, PID, IPC and UTS namespaces (unshare --mount --pid --fork --kill-child --ipc --uts, plus
# --net when the build must not reach the network). Every mount made here lives only in that
# private mount namespace: when the command ends, or deb-mock is killed (even with SIGKILL), the
# namespace dies and the host is left with no mount at all.
#
#   in-root.sh LOWER[:LOWER...] UPPER WORK ROOT NETWORK(0|1) -- COMMAND...
#   in-root.sh LOWER[:LOWER...] UPPER WORK ROOT NETWORK(0|1) --host COMMAND...
#
# With --host, COMMAND is a host tool run in these namespaces with the root mounted at ROOT (QA
# tools that drive a root themselves: autopkgtest's chroot virt server); otherwise it runs chrooted.
#
# LOWER is overlayfs' lowerdir list, topmost first (cached deps layers, then the base root).
# A file "binds" beside this script lists host directories to bind into the root, one
# "HOST<TAB>PATH-IN-ROOT[<TAB>ro]" a line (the shared apt archive, a ccache directory, bind_mount);
# a file "mounts" lists other file systems, "TYPE<TAB>SOURCE<TAB>PATH-IN-ROOT<TAB>OPTIONS" a line.
set -eu
lower=$1 upper=$2 work=$3 root=$4 network=$5 mode=$6
shift 6
mount --make-rprivate /
# The shared base root is only ever the read-only lower layer; this build writes to UPPER.
mount -t overlay overlay -o "lowerdir=$lower,upperdir=$upper,workdir=$work" "$root"
realroot=$(realpath "$root")
# A target must stay inside the root even through symlinks the root itself holds (they resolve
# against the host here, before the chroot): bind_mount/mount targets come from the config.
inside() {
  case $(realpath -m "$root$1") in
  "$realroot" | "$realroot"/*) ;;
  *)
    echo "deb-mock: mount target $1 resolves outside the root; refusing" >&2
    exit 70
    ;;
  esac
}
tab=$(printf '\t')
binds=$(dirname "$0")/binds
if [ -f "$binds" ]; then
  while IFS=$tab read -r host dest opt; do
    inside "$dest"
    if [ -d "$host" ]; then
      mkdir -p "$root$dest"
    else
      mkdir -p "$(dirname "$root$dest")"
      [ -e "$root$dest" ] || : >"$root$dest"
    fi
    inside "$dest"
    mount --bind "$host" "$root$dest"
    if [ "$opt" = ro ]; then
      mount -o remount,bind,ro "$root$dest"
    fi
  done <"$binds"
fi
mounts=$(dirname "$0")/mounts
if [ -f "$mounts" ]; then
  while IFS=$tab read -r type source dest opts; do
    inside "$dest"
    mkdir -p "$root$dest"
    inside "$dest"
    if [ -n "$opts" ]; then
      mount -t "$type" -o "$opts" "$source" "$root$dest"
    else
      mount -t "$type" "$source" "$root$dest"
    fi
  done <"$mounts"
fi
mount -t proc -o nosuid,nodev,noexec proc "$root/proc"
mount -t tmpfs -o mode=755,nosuid tmpfs "$root/dev"
# The root's own device nodes, as Mock makes them: a bind mount of the host's would let a root step
# in the build root (a maintainer script) chmod or chown the host's /dev/null. Where mknod is not
# allowed (a user namespace), the host's nodes are bound instead; their root is not the host's then.
while read -r d major minor; do
  if ! mknod -m 666 "$root/dev/$d" c "$major" "$minor" 2>/dev/null; then
    : >"$root/dev/$d"
    mount --bind "/dev/$d" "$root/dev/$d"
  fi
done <<'NODES'
null 1 3
zero 1 5
full 1 7
random 1 8
urandom 1 9
tty 5 0
NODES
ln -s /proc/self/fd "$root/dev/fd"
ln -s /proc/self/fd/0 "$root/dev/stdin"
ln -s /proc/self/fd/1 "$root/dev/stdout"
ln -s /proc/self/fd/2 "$root/dev/stderr"
mkdir "$root/dev/pts" "$root/dev/shm"
mount -t devpts -o newinstance,ptmxmode=0666,mode=620 devpts "$root/dev/pts"
ln -s pts/ptmx "$root/dev/ptmx"
mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$root/dev/shm"
mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$root/tmp"
if [ "$network" = 1 ]; then
  rm -f "$root/etc/resolv.conf"
  cat /etc/resolv.conf >"$root/etc/resolv.conf" 2>/dev/null || true
else
  # A new network namespace has only a loopback device, and it starts down.
  ip link set lo up 2>/dev/null || true
fi
hostname deb-mock
# Not exec: this shell must stay PID 1. It holds the parent-death signal from unshare --kill-child,
# which the build loses as soon as it switches to the build user; when PID 1 dies, the kernel kills
# everything else in the namespace.
if [ "$mode" = --host ]; then
  "$@"
else
  chroot "$root" "$@"
fi
