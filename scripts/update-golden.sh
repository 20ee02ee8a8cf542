#!/usr/bin/env bash
# Rewrites the generated files that tests compare against, from a g++ build:
# tests/golden/catalog.tex (every LaTeX string of the catalog),
# docs/derivatives.md (actdiff sizes) and docs/activations/ (actdiff docs).
# Review the diff before committing.
set -euo pipefail
cd "$(dirname "$0")/.."
build=build/release
cmake -S . -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=g++ -DACTDIFF_BUILD_TESTS=ON >/dev/null
cmake --build "$build" --target latex_corpus actdiff_tool
"$build/tests/latex_corpus" > tests/golden/catalog.tex
"$build/actdiff" sizes > docs/derivatives.md
rm -rf docs/activations && "$build/actdiff" docs docs/activations
git status --short tests/golden docs
