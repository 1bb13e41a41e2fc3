#!/usr/bin/python3
"""Writes one .changes per source package for the .debs of a pool sample, so deb-orchestrator's
importer can import them as builds: bench/publish-vs-apt-ftparchive.sh.

  changes_for_pool.py PACKAGES_SUBSET POOL_ROOT OUT_DIR

PACKAGES_SUBSET holds the stanzas of the sampled .debs (their Filename below POOL_ROOT). Each
.changes lists its .debs by a relative path name, so it is written beside them: OUT_DIR/SRC_VER/
gets hard links to the .debs and the .changes."""
import hashlib, os, re, sys
from collections import defaultdict

subset, pool_root, out = sys.argv[1:4]
groups = defaultdict(list)
for stanza in open(subset, encoding="utf-8").read().split("\n\n"):
    f = {}
    for line in stanza.splitlines():
        m = re.match(r"^([A-Za-z0-9-]+): ?(.*)$", line)
        if m:
            f[m.group(1)] = m.group(2)
    if "Package" not in f:
        continue
    src, ver = f["Package"], f["Version"]
    if "Source" in f:
        m = re.match(r"^(\S+)(?: \((.*)\))?$", f["Source"])
        src, ver = m.group(1), m.group(2) or f["Version"]
    groups[(src, ver)].append(f)

for (src, ver), debs in sorted(groups.items()):
    d = os.path.join(out, f"{src}_{ver.replace(':', '%')}")
    os.makedirs(d, exist_ok=True)
    md5, sha256, names = [], [], []
    for f in debs:
        path = os.path.join(pool_root, f["Filename"])
        name = os.path.basename(path)
        link = os.path.join(d, name)
        if not os.path.exists(link):
            os.link(path, link)
        data = open(path, "rb").read()
        md5.append(f" {hashlib.md5(data).hexdigest()} {len(data)} misc optional {name}")
        sha256.append(f" {hashlib.sha256(data).hexdigest()} {len(data)} {name}")
        names.append(f["Package"])
    arches = sorted({f["Architecture"] for f in debs})
    text = (
        "Format: 1.8\nDate: Mon, 20 May 2024 12:34:56 +0000\n"
        f"Source: {src}\nBinary: {' '.join(names)}\nArchitecture: {' '.join(arches)}\n"
        f"Version: {ver}\nDistribution: bookworm\nMaintainer: Debian <debian@lists.debian.org>\n"
        f"Changes:\n {src} ({ver}) bookworm; urgency=medium\n .\n   * Sample.\n"
        "Checksums-Sha256:\n" + "\n".join(sha256) + "\nFiles:\n" + "\n".join(md5) + "\n"
    )
    open(os.path.join(d, f"{src}_{ver.replace(':', '%')}.changes"), "w").write(text)
print(len(groups))
