#!/usr/bin/env bash
# Compile time and peak memory, per compiler, of
#  - bench/compile_catalog.cpp: the whole catalog, first and second
#    derivatives, simplified (the budget: 20 s and 1.5 GB);
#  - bench/compile_user.cpp: one user TU (a new activation, its derivative,
#    LaTeX and a float kernel) with the umbrella header, with only the headers
#    it needs, and the lightest useful TU (formula, d, eval);
#  - the umbrella header alone (what including everything costs).
# Usage: bench/compile_time.sh [compiler...]   (default: g++ clang++)
set -euo pipefail
cd "$(dirname "$0")/.."
compilers=("$@")
[ ${#compilers[@]} -gt 0 ] || compilers=(g++ clang++)
measure() {  # compiler, label, arguments...
  local cxx=$1 label=$2
  shift 2
  out=$( { /usr/bin/time -f "%e %M" "$cxx" -std=c++20 -O0 -Iinclude -fsyntax-only "$@"; } 2>&1 | tail -1)
  read -r seconds kilobytes <<<"$out"
  echo "| $label | $($cxx --version | head -1) | $seconds | $((kilobytes / 1024)) |"
}
echo "| translation unit | compiler | seconds | peak memory (MB) |"
echo "|---|---|---|---|"
for cxx in "${compilers[@]}"; do
  command -v "$cxx" >/dev/null || continue
  measure "$cxx" "catalog budget (compile_catalog.cpp)" bench/compile_catalog.cpp
  measure "$cxx" "user TU, <actdiff/actdiff.hpp>" bench/compile_user.cpp
  measure "$cxx" "user TU, kernel/elementwise.hpp + printing/latex.hpp" -DACTDIFF_LIGHT_HEADERS bench/compile_user.cpp
  measure "$cxx" "formula, d and eval only" -DACTDIFF_FORMULA_ONLY bench/compile_user.cpp
  measure "$cxx" "<actdiff/actdiff.hpp> alone" -x c++ - <<<'#include <actdiff/actdiff.hpp>'
done
