#!/usr/bin/python3
"""Turn lintian's EWI output (the default: "X: package: tag info", one finding a line)
into JUnit XML, so Jenkins' junit step shows each finding.

Reads lintian's default text output on stdin, one finding per line, e.g.
  E: hello: binary-without-manpage usr/bin/hello
  W: hello source: ancient-standards-version 3.9.8
Errors (E) become failures; warnings and the rest are passing test cases with the finding as
system-out, so the report lists them without failing the build. Writes the XML to argv[1].
An architecture as argv[2] goes into the class names (lintian.amd64.hello): a matrix publishes one
report per architecture, and JUnit merges cases whose class and name are equal.
"""
import re
import sys
from xml.sax.saxutils import escape, quoteattr

LINE = re.compile(r"^([EWIPXOC]): ([^:]+): ([^\s]+)\s*(.*)$")


def main(argv):
    if len(argv) not in (2, 3):
        sys.stderr.write("usage: lintian-junit.py OUTPUT.xml [ARCH] < lintian-output\n")
        return 2
    suite = "lintian." + argv[2] if len(argv) == 3 else "lintian"
    cases = []
    for raw in sys.stdin:
        m = LINE.match(raw.rstrip("\n"))
        if m:
            cases.append(m.groups())
    failures = sum(1 for c in cases if c[0] == "E")
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<testsuite name=%s tests="%d" failures="%d">' % (quoteattr(suite), len(cases), failures)]
    if not cases:
        out.append('  <testcase classname=%s name="clean"/>' % quoteattr(suite))
    for severity, package, tag, info in cases:
        name = quoteattr("%s %s" % (tag, info) if info else tag)
        out.append('  <testcase classname=%s name=%s>' % (quoteattr(suite + "." + package), name))
        text = escape("%s: %s: %s %s" % (severity, package, tag, info))
        if severity == "E":
            out.append('    <failure message=%s>%s</failure>' % (quoteattr(tag), text))
        else:
            out.append('    <system-out>%s</system-out>' % text)
        out.append('  </testcase>')
    out.append('</testsuite>')
    with open(argv[1], "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
