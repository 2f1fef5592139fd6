#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with seeds from the fixtures (not committed: the fixtures are the seeds).
set -euo pipefail
cd "$(dirname "$0")"
fx=../fixtures
mkdir -p corpus/{manifest,gradle,intent,json,version_catalog,lint}
i=0
while IFS= read -r -d '' f; do cp "$f" "corpus/manifest/$((i++))"; done < <(find "$fx" -name AndroidManifest.xml -type f -print0)
while IFS= read -r -d '' f; do
    # First byte picks the DSL: even = Groovy, odd = Kotlin.
    case "$f" in *.kts) b='\x01' ;; *) b='\x00' ;; esac
    { printf "$b"; cat "$f"; } > "corpus/gradle/$((i++))"
done < <(find "$fx" \( -name '*.gradle' -o -name '*.gradle.kts' \) -type f -print0)
while IFS= read -r -d '' f; do cp "$f" "corpus/json/$((i++))"; done < <(find "$fx" -name '*.json' -type f -size -1000k -print0)
while IFS= read -r -d '' f; do cp "$f" "corpus/version_catalog/$((i++))"; done < <(find "$fx" -name '*.toml' -type f -print0)
grep -rhoE '"intent:[^"]*"' "$fx" | tr -d '"' | sort -u | while IFS= read -r u; do printf '%s' "$u" > "corpus/intent/$((i++))"; done
for k in 0 1 2 3 4 5; do cp "corpus/manifest/$(ls corpus/manifest | head -1)" "corpus/lint/m$k"; printf "\\x0$k" | cat - "corpus/lint/m$k" > "corpus/lint/s$k"; done
echo "seeded: $(for d in corpus/*; do printf '%s=%s ' "$(basename "$d")" "$(ls "$d" | wc -l)"; done)"
