#!/usr/bin/env bash
# The full test suite, in two configurations, each with -Wall -Wextra
# -Wpedantic -Werror: g++ Release (-O3, where optimisation-only warnings such
# as -Wrestrict appear), and clang++ Debug with AddressSanitizer and UBSan.
# The second is the other compiler and the sanitizers in one build: until
# 2026-12 they were two (clang++ Debug, and g++ Debug with the sanitizers),
# which with the Release build came within 143 s of CI's 90 minutes.
# Each configuration builds everything (tests, compile-fail and static tests,
# examples, the tool, the install/find_package test) and runs it under ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh

# KaTeX, from the npm registry, for the LaTeX rendering test.
katex_dir=$PWD/build/katex
if [ ! -f "$katex_dir/node_modules/katex/package.json" ]; then
  command -v npm >/dev/null || { apt-get update -qq && apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null; }
  npm install --prefix "$katex_dir" katex --no-audit --no-fund --loglevel=error >/dev/null
fi

jobs=$(nproc)
start=$(date +%s)
configure() {  # name, compiler, extra cmake arguments...
  local name=$1 compiler=$2
  shift 2
  cmake -S . -B "build/$name" -G Ninja -DCMAKE_CXX_COMPILER="$compiler" -DACTDIFF_BUILD_TESTS=ON "$@" >/dev/null
}

# The benchmarks are not built here: they have no tests, and compiling them
# (every catalog kernel beside libtorch's) took minutes that CI's 90-minute
# limit no longer has; bash bench/run.sh builds and runs them.
# Two of the three x86-64 builds of the PyTorch operators, the baseline and
# the one this CPU runs: each is about 7 CPU-minutes, and a build this CPU
# cannot run would only be skipped. bench/run.sh and a default build make all
# three.
if grep -qw avx512f /proc/cpuinfo && grep -qw avx512bw /proc/cpuinfo; then host_level=v4; else host_level=v3; fi
# The g++ Release build shares build/release with the main job (scripts/run.sh),
# which compiles the tool with the same flags just before: the tool, about five
# CPU-minutes, is then not compiled twice.
configure release g++ -DCMAKE_BUILD_TYPE=Release -DACTDIFF_KATEX_DIR="$katex_dir" -DACTDIFF_TORCH_LEVELS="baseline;$host_level"
# The randomized corpus (tests/corpus/) only in the Release build: at -O0 one
# of its parts takes 10 minutes and 4 GB to compile.
configure sanitize clang++ -DCMAKE_BUILD_TYPE=Debug -DACTDIFF_SANITIZE=address,undefined -DACTDIFF_KATEX_DIR="$katex_dir" -DACTDIFF_CORPUS=OFF

failed=0
for name in release sanitize; do
  echo "=== $name: build"
  cmake --build "build/$name" -j "$jobs"
  echo "=== $name: test"
  (cd "build/$name" && ctest -j "$jobs" --output-on-failure) || failed=1
done

# Output must not depend on the compiler: the tool's text (formulas,
# derivatives, tables) and emitted source from the g++ and the clang++ builds
# must be identical.
echo "=== g++ and clang++ print the same"
same=0
for name in $(build/release/actdiff list | cut -d'(' -f1); do
  for command in "show $name" "plot $name" "props $name" "emit $name --cpp" "emit $name --cuda" "emit $name --torch"; do
    # shellcheck disable=SC2086
    diff <(build/release/actdiff $command) <(build/sanitize/actdiff $command) >/dev/null && same=$((same + 1)) ||
      { echo "differs: actdiff $command"; failed=1; }
  done
done
echo "identical output for $same commands"

echo "test command wall time: $(( $(date +%s) - start )) s"
exit $failed
