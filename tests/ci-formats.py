"""The CI report formats read by real consumers' parsers (run by .ci/run after `cargo test`).

JUnit: junitparser (the parser many CI uploaders use) must read `--format junit` with the
counts, cases and failure messages pushlint wrote. GitLab Code Quality: Python jsonschema
validates `--format gitlab` against tests/schemas/gitlab-code-quality.schema.json.

Usage: python3 tests/ci-formats.py PUSHLINT_BINARY
"""

import json
import os
import subprocess
import sys

import jsonschema
import junitparser

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(binary, *args, expect=1):
    out = subprocess.run([binary, *args], cwd=ROOT, capture_output=True, text=True)
    if out.returncode != expect:
        sys.exit(f"ci-formats: FAIL: {args} exited {out.returncode}, expected {expect}\n{out.stderr}")
    return out.stdout


def check_junit(binary):
    text = run(binary, "--format", "junit", "fixtures/sample-chat")
    path = os.path.join(ROOT, "target", "ci-formats-junit.xml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    xml = junitparser.JUnitXml.fromfile(path)
    cases = [case for suite in xml for case in suite]
    findings = json.loads(run(binary, "--format", "json", "fixtures/sample-chat"))["diagnostics"]
    pairs = {(d["file"], d["code"]) for d in findings}
    assert len(cases) == len(pairs), (len(cases), pairs)
    for suite in xml:
        assert suite.name.startswith("fixtures/sample-chat/"), suite.name
        assert suite.tests == len(list(suite)) == suite.failures, suite.name
    for case in cases:
        failures = [r for r in case.result if isinstance(r, junitparser.Failure)]
        assert len(failures) == 1 and failures[0].message, case.name
        code = case.name.split(" ")[0]
        # JSON paths, like JUnit's, open from the current folder.
        assert code.startswith("PL") and (case.classname, code) in pairs, (case.classname, code)
    clean = run(binary, "--format", "junit", "--select", "PL106",
                "fixtures/PL106-click-target-not-exported/pass", expect=0)
    with open(path, "w", encoding="utf-8") as f:
        f.write(clean)
    suites = list(junitparser.JUnitXml.fromfile(path))
    assert sum(s.failures for s in suites) == 0 and sum(s.tests for s in suites) == 1
    print(f"ci-formats: junit ok ({len(cases)} test cases)")


def check_gitlab(binary):
    report = json.loads(run(binary, "--format", "gitlab", "fixtures/sample-chat"))
    with open(os.path.join(ROOT, "tests", "schemas", "gitlab-code-quality.schema.json")) as f:
        schema = json.load(f)
    jsonschema.validators.validator_for(schema)(schema).validate(report)
    prints = [i["fingerprint"] for i in report]
    assert len(prints) == len(set(prints)), "fingerprints must be unique"
    print(f"ci-formats: gitlab ok ({len(report)} issues)")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    binary = os.path.abspath(sys.argv[1])
    check_junit(binary)
    check_gitlab(binary)
