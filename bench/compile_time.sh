#!/usr/bin/env bash
# Compile time and peak memory of bench/compile_catalog.cpp (the whole catalog,
# first and second derivatives, simplified) with each available compiler.
# Usage: bench/compile_time.sh [compiler...]   (default: g++ clang++)
set -euo pipefail
cd "$(dirname "$0")/.."
compilers=("$@")
[ ${#compilers[@]} -gt 0 ] || compilers=(g++ clang++)
echo "| compiler | seconds | peak memory (MB) |"
echo "|---|---|---|"
for cxx in "${compilers[@]}"; do
  command -v "$cxx" >/dev/null || continue
  out=$( { /usr/bin/time -f "%e %M" "$cxx" -std=c++20 -O0 -Iinclude -fsyntax-only bench/compile_catalog.cpp; } 2>&1 | tail -1)
  read -r seconds kilobytes <<<"$out"
  echo "| $($cxx --version | head -1) | $seconds | $((kilobytes / 1024)) |"
done
