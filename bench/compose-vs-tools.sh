#!/usr/bin/env bash
# Benchmark: a whole tumbi-assembler compose of a minimal bootable bookworm blueprint against the
# same steps done by hand with the tools, in one run. The hand-made run is the floor: no
# resolution of its own, no signed repository, no checks, no metadata; it reuses the compose's
# exact-set repository as its mirror, so it downloads nothing.
#
#   floor: mmdebstrap (the lock's packages, essential variant) + dracut (ostree module)
#          -> ostree commit -> [image: ostree admin deploy + mkfs.ext4 -d]
#          -> [test: bare qemu booting the compose's own disk to the same marker]
#   ours:  bin/tumbi-assembler compose BLUEPRINT --json (per-phase seconds from its output)
#
# Prints each side's steps and the ratio of the whole compose to the floor (1.0 = no overhead).
# Run as root (mmdebstrap, dracut and ostree need it). The compose reads Debian's archive
# through the host's mirror (or DEBIAN_MIRROR); the first run fills the content cache, so run
# twice and read the second: BENCH_RUNS (default 2) composes are made, the last one is reported.
#
#   bench/compose-vs-tools.sh [OUTPUTS]     default OUTPUTS: "rootfs, ostree"; "rootfs, ostree, image"
#                                           adds the disk image and its boot test
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
outputs=${1:-rootfs, ostree}
runs=${BENCH_RUNS:-2}
[[ $(id -u) == 0 ]] || { echo "compose-vs-tools: run as root" >&2; exit 2; }
[[ -x $root/bin/tumbi-assembler ]] || { echo "build first: mvn -B -q -ntp package -DskipTests" >&2; exit 2; }
work=$(mktemp -d /var/tmp/compose-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# A unit that prints the marker the test phase (and the floor's bare QEMU boot) waits for.
cat >"$work/marker.service" <<'UNIT'
[Unit]
Description=bench boot marker
After=multi-user.target
[Service]
Type=oneshot
ExecStart=/bin/sh -c 'echo BENCH-BOOTED >/dev/ttyS0'
[Install]
WantedBy=multi-user.target
UNIT
if [[ $outputs == *image* ]]; then
  outputs=${outputs//image/"{type: image, formats: qcow2, test-marker: BENCH-BOOTED, test-timeout: \"1200\"}"}
fi
cat >"$work/bench.yaml" <<YAML
name: bench-minimal
version: "12.%{date}.%{n}"
suite: bookworm
architectures: [amd64]
sources:
  - suite: bookworm
    components: [main]
    keyring: /usr/share/keyrings/debian-archive-keyring.gpg
packages: [systemd, systemd-sysv, linux-image-amd64, dracut, ostree-boot]
recommends: false
required: true
files:
  - {src: marker.service, dest: /usr/lib/systemd/system/bench-marker.service}
postprocess:
  - inline: systemctl enable bench-marker.service
kernel-args: ["console=ttyS0,115200"]
outputs: [repo, $outputs]
YAML

# --- ours -----------------------------------------------------------------------------------
for ((i = 1; i <= runs; i++)); do
  t0=$(now)
  "$root/bin/tumbi-assembler" compose "$work/bench.yaml" --target "$work/composes" --no-record \
    --json >"$work/compose.json" 2>"$work/compose.err" \
    || { tail -20 "$work/compose.err" >&2; exit 1; }
  t1=$(now)
  ours=$(secs "$t0" "$t1")
  echo "compose run $i: ${ours}s" >&2
done
compose=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["path"])' "$work/compose.json")

# --- the floor ------------------------------------------------------------------------------
repo=$compose/compose/Everything/repo
mapfile -t pkgs < <(python3 -c '
import json, sys
for p in json.load(open(sys.argv[1]))["packages"]:
    print(p["name"] + ":" + p["arch"] if p["arch"] != "all" else p["name"])
' "$compose/metadata/lock.json")
include=$(IFS=,; echo "${pkgs[*]}")
floor_root=$work/floor-root
gpg --batch --dearmor <"$repo/KEY.gpg" >"$work/key.gpg" 2>/dev/null || cp "$repo/KEY.gpg" "$work/key.gpg"
t0=$(now)
mmdebstrap --quiet --variant=essential --include="$include" --keyring="$work/key.gpg" \
  --customize-hook='kver=$(ls "$1"/lib/modules); chroot "$1" dracut --quiet --force --no-hostonly --add ostree --kver "$kver" "/boot/initramfs-$kver.img"' \
  bookworm "$floor_root" "deb copy://$repo bookworm main" >"$work/floor.log" 2>&1 \
  || { tail -20 "$work/floor.log" >&2; exit 1; }
t1=$(now)
rm -rf "${floor_root:?}"/dev/* "${floor_root:?}"/proc/* "${floor_root:?}"/sys/* "${floor_root:?}"/run/*
ostree --repo="$work/floor-repo" init --mode=archive
ostree --repo="$work/floor-repo" commit --branch=bench --tree=dir="$floor_root" >/dev/null
t2=$(now)
floor_steps=("mmdebstrap+dracut $(secs "$t0" "$t1")" "ostree-commit $(secs "$t1" "$t2")")
floor=$(secs "$t0" "$t2")
add_floor() { floor_steps+=("$1 $2"); floor=$(awk -v a="$floor" -v b="$2" 'BEGIN { printf "%.1f", a + b }'); }
if [[ $outputs == *image* ]]; then
  # Floor of the image phase: deploy the floor's commit into a sysroot, ext4 from it (the disk's
  # largest part; the ESP with GRUB is a few MiB).
  t3=$(now)
  sysroot=$work/floor-sysroot
  mkdir -p "$sysroot"
  ostree admin init-fs "$sysroot" >/dev/null
  ostree admin os-init --sysroot="$sysroot" bench >/dev/null
  ostree --repo="$sysroot/ostree/repo" pull-local "$work/floor-repo" bench >/dev/null
  ostree admin deploy --sysroot="$sysroot" --os=bench --karg=console=ttyS0,115200 bench >/dev/null 2>&1 \
    || echo "floor: ostree admin deploy failed (the floor's tree is not converted); timing kept" >&2
  truncate -s 4G "$work/floor-root.ext4"
  mkfs.ext4 -q -d "$sysroot" "$work/floor-root.ext4"
  add_floor deploy+mkfs.ext4 "$(secs "$t3" "$(now)")"
  # Floor of the test phase: bare QEMU booting the compose's own disk to the same marker.
  disk=$(ls "$compose"/compose/Everything/amd64/images/*-disk.qcow2)
  cp /usr/share/OVMF/OVMF_VARS_4M.fd "$work/vars.fd"
  t5=$(now)
  timeout 1200 qemu-system-x86_64 -machine q35 -accel tcg -m 2048 -smp 2 -nographic -nic none \
    -drive if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd \
    -drive if=pflash,format=raw,file="$work/vars.fd" \
    -drive if=virtio,file="$disk",snapshot=on </dev/null 2>&1 | grep -m1 -q BENCH-BOOTED || true
  add_floor qemu-boot "$(secs "$t5" "$(now)")"
fi

# --- report ---------------------------------------------------------------------------------
echo "ours: phases of the last compose (seconds)"
python3 -c '
import json, sys
for p in json.load(open(sys.argv[1]))["phases"]:
    print("  %-12s %8.1f  %s" % (p["name"], p["seconds"], p["status"]))
' "$work/compose.json"
echo "floor: steps by hand (seconds)"
for s in "${floor_steps[@]}"; do printf '  %-16s %8s\n' ${s% *} ${s##* }; done
printf 'whole    ours %8.1f s   floor %8.1f s   ratio %.2f\n' "$ours" "$floor" \
  "$(awk -v a="$ours" -v b="$floor" 'BEGIN { print a / b }')"
