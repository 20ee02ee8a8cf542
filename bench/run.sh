#!/usr/bin/env bash
# One command for the figures: builds the benchmarks for this machine's best
# instruction set (Release, -march=native; libtorch, oneDNN and XNNPACK, which
# scripts/install-deps.sh --bench installs, for comparison), runs the
# kernel benchmark (every catalog activation, N = 2^16 and 2^24) and the ULP
# sweeps, and writes bench/RESULTS.md and docs/accuracy.md.
#   bash bench/run.sh [extra Google Benchmark flags]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --bench
command -v python3 >/dev/null || { apt-get update -qq && apt-get install -y -qq python3 >/dev/null; }

build=build/bench
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DACTDIFF_BUILD_BENCHMARKS=ON -DACTDIFF_NATIVE=ON \
  -DACTDIFF_BUILD_TESTS=OFF >/dev/null
# all_floats (docs/all-floats.md, every float through the vector math) is built
# here and run on its own: about 9 minutes, more with activations named.
cmake --build "$build" --target bench_kernels accuracy_table all_floats

machine=$(mktemp)
{
  echo "Machine: $(bash scripts/cpu-name.sh), $(nproc) cores;" \
       "$(g++ --version | head -1); built with -O3 -march=native."
  printf 'xsimd instruction set: '
  printf '#include <xsimd/xsimd.hpp>\n#include <cstdio>\nint main(){std::printf("%%s, %%zu floats a batch\\n", xsimd::default_arch::name(), xsimd::batch<float>::size);}\n' |
    g++ -std=c++17 -march=native -x c++ - -o "$build/arch" && "$build/arch"
  echo "Libraries: $(dpkg-query -W -f='${Package} ${Version}; ' libtorch-dev libdnnl-dev libxnnpack-dev 2>/dev/null)"
  echo "Run: $(date -u '+%Y-%m-%d %H:%M UTC'), \`bash bench/run.sh\`."
} >"$machine"

# Three repetitions of every benchmark in random order, so that a ratio's two
# sides share the machine's slow and fast moments; the report takes medians.
# A warm-up first: the first pass over 2^24 floats is several times slower.
# libgomp threads (libtorch's and oneDNN's) spin for a while after each parallel region by
# default, taking the second core from the next benchmark's threads: passive here.
OMP_WAIT_POLICY=PASSIVE "$build/bench/bench_kernels" --benchmark_min_time=0.2 --benchmark_min_warmup_time=0.1 --benchmark_repetitions=3 \
  --benchmark_enable_random_interleaving=true --benchmark_report_aggregates_only=true \
  --benchmark_out="$build/kernels.json" --benchmark_out_format=json "$@"
python3 bench/report.py "$machine" bench/RESULTS.md "$build/kernels.json"
"$build/bench/accuracy_table" >docs/accuracy.md
rm -f "$machine"
echo "wrote bench/RESULTS.md and docs/accuracy.md"
