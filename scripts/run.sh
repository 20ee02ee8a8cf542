#!/usr/bin/env bash
# The main job: builds the actdiff tool and runs it over the whole catalog
# (the list, then every activation's formula, derivatives and table of values).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh

build=build/release
cmake -S . -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=g++ -DCMAKE_BUILD_TYPE=Release -DACTDIFF_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target actdiff_tool -j "$(nproc)"

tool="$build/actdiff"
"$tool" list
for name in $("$tool" list | awk '{print $1}' | cut -d'(' -f1); do
  echo
  echo "================================================================"
  "$tool" show "$name"
done
