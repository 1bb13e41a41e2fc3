#!/usr/bin/python3
"""Peer for PackagesBench: the same work with apt's C++ parser and version comparison
(python3-apt's apt_pkg.TagFile and apt_pkg.version_compare). Prints NAME median_s units/s."""
import statistics
import sys
import time

import apt_pkg

apt_pkg.init_system()


def parse(path):
    versions = []
    with apt_pkg.TagFile(path) as tags:
        for section in tags:
            section.get("Package")
            versions.append(section["Version"])
    return versions


def compare_all(versions):
    cmp = apt_pkg.version_compare
    total = 0
    for i in range(1, len(versions)):
        a, b = versions[i - 1], versions[i]
        total += (cmp(a, b) > 0) - (cmp(a, b) < 0)
        total += (cmp(b, a) > 0) - (cmp(b, a) < 0)
    return total


def main():
    path = sys.argv[1]
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    compare_all(parse(path))
    parse_t, cmp_t = [], []
    versions = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        versions = parse(path)
        t1 = time.perf_counter()
        compare_all(versions)
        t2 = time.perf_counter()
        parse_t.append(t1 - t0)
        cmp_t.append(t2 - t1)
    p, c = statistics.median(parse_t), statistics.median(cmp_t)
    print(f"parse {p:.4f} {len(versions) / p:.0f} paragraphs/s")
    print(f"compare {c:.4f} {2 * (len(versions) - 1) / c:.0f} comparisons/s")


if __name__ == "__main__":
    main()
