#!/usr/bin/env bash
# How pushlint's time grows with hostile input: for each kind of input, N doubles three times and
# the growth factor per doubling is printed (about 2 is linear, about 4 quadratic). Inputs are
# generated: attributes on one manifest element, namespace declarations, nested Java types,
# findings in one build file (human output), findings on one minified line (JSON and human),
# click actions against intent-filters, and modules (benches/gen, as compare.sh). Each point is
# the median of RUNS runs of the release binary. Not a test: timings move with the machine's load.
# Usage: benches/scaling.sh [CASE...]   (env: RUNS=3, WORK=dir to keep the inputs)
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
WORK=${WORK:-$(mktemp -d)}
[ -z "${WORK_KEEP:-}" ] && trap 'rm -rf "$WORK"' EXIT

cargo build --quiet --release --bin pushlint --example gen-monorepo
python3 - "$PWD/target/release/pushlint" "$PWD/target/release/examples/gen-monorepo" "$WORK" "$RUNS" "$@" <<'PY'
import json, os, shutil, statistics, subprocess, sys, time

BIN, GEN, WORK, RUNS = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
ONLY = sys.argv[5:]

MANIFEST = '<manifest xmlns:android="http://schemas.android.com/apk/res/android">\n{}\n</manifest>\n'
BUILD = ("plugins { id 'com.android.application' }\n"
         "android { namespace 'com.acme.chat'; defaultConfig { applicationId 'com.acme.chat' } }\n")


def project(name, files):
    root = os.path.join(WORK, name)
    shutil.rmtree(root, ignore_errors=True)
    base = {"settings.gradle": "include ':app'\n", "app/build.gradle": BUILD,
            "app/src/main/AndroidManifest.xml": MANIFEST.format('<application android:name=".App"/>')}
    base.update(files)
    for rel, text in base.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
    return root


def attributes(n):
    attrs = " ".join(f'a{i}="v"' for i in range(n))
    return project("attributes", {"app/src/main/AndroidManifest.xml": MANIFEST.format(f"<application {attrs}/>")})


def namespaces(n):
    decls = " ".join(f'xmlns:p{i}="urn:{i}"' for i in range(n))
    uses = " ".join(f'p{i}:x="1"' for i in range(0, n, 7))
    return project("namespaces", {"app/src/main/AndroidManifest.xml": MANIFEST.format(f"<application {decls} {uses}/>")})


def nesting(n):
    return project("nesting", {"app/src/main/java/com/acme/A.java": "package com.acme;\n" + "class A{" * n + "}" * n + "\n"})


def deps(n, sep):
    lines = sep.join(f"implementation 'com.google.firebase:firebase-messaging:{i}.+'" for i in range(n))
    return BUILD + "dependencies {\n" + lines + "\n}\n"


def findings_per_file(n):
    return project("findings", {"app/build.gradle": deps(n, "\n")})


def line_length(n):
    return project("line", {"app/build.gradle": deps(n, "; ")})


def clicks(n):
    acts = "".join(
        f'<activity android:name=".A{i}" android:exported="true"><intent-filter>'
        f'<action android:name="android.intent.action.VIEW"/><category android:name="android.intent.category.DEFAULT"/>'
        f'<data android:scheme="s{i}" android:host="h{i}"/></intent-filter></activity>\n' for i in range(n))
    certs = [{"vendor": "xiaomi", "id": i, "packageName": "com.acme.chat", "clickAction": {"type": "openPage",
              "intent": f"intent://x{i}/p#Intent;scheme=s{i};end" if i % 2 else
                        f"intent://h{i}#Intent;scheme=s{i};component=com.acme.chat/com.acme.chat.B{i};end"}}
             for i in range(n)]
    return project("clicks", {
        "app/src/main/AndroidManifest.xml": MANIFEST.format(f'<application android:name=".App">\n{acts}</application>'),
        "push-console.json": json.dumps({"sdkAppId": 1400000001, "certificates": certs}, indent=1)})


def modules(n):
    root = os.path.join(WORK, "modules")
    shutil.rmtree(root, ignore_errors=True)
    subprocess.run([GEN, str(n), root], check=True, stdout=subprocess.DEVNULL)
    return root


CASES = [
    ("attributes on one element", attributes, 20_000, "json"),
    ("namespace declarations", namespaces, 20_000, "json"),
    ("nested Java types", nesting, 25_000, "json"),
    ("findings in one file", findings_per_file, 2_500, "human"),
    ("findings on one line", line_length, 5_000, "json"),
    ("findings on one line", line_length, 5_000, "human"),
    ("click actions x filters", clicks, 1_000, "json"),
    ("modules", modules, 125, "json"),
]


def seconds(root, fmt):
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run([BIN, "check", "--format", fmt, "--color", "never", root],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


print(f"{'input':<28} {'format':<6} {'N':>9} {'time':>9} {'x per doubling':>15}")
for name, make, n0, fmt in CASES:
    if ONLY and not any(o in name for o in ONLY):
        continue
    previous = None
    for step in range(4):
        n = n0 << step
        t = seconds(make(n), fmt)
        factor = f"{t / previous:.1f}" if previous else ""
        print(f"{name:<28} {fmt:<6} {n:>9,} {t:>8.3f}s {factor:>15}", flush=True)
        previous = t
PY
