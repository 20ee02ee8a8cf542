#!/usr/bin/env bash
# Installs the Debian packages actdiff needs that are missing (as root, or
# through sudo). Everything comes from Debian's archive; nothing is downloaded
# from elsewhere.
set -euo pipefail

# libtorch-dev and python3-torch are optional for users; the tests and
# benchmarks compare with them, and build and test the PyTorch operators.
# chromium measures the pages' formulas as GitHub shows them. libclang-rt-dev
# has clang's sanitizer runtimes, which clang only recommends.
packages=(cmake ninja-build g++ clang libclang-rt-dev python3 librsvg2-bin cmark-gfm chromium libboost-dev libfmt-dev catch2 libbenchmark-dev libxsimd-dev libtorch-dev python3-torch)
# --bench: also the kernels the benchmark compares with (bench/libraries.hpp),
# oneDNN and XNNPACK; xnnpack.h includes pthreadpool.h, which libxnnpack-dev
# does not pull in. And Sleef, the vector math bench_vector_math compares with.
if [ "${1:-}" = "--bench" ]; then
  packages+=(libdnnl-dev libxnnpack-dev libpthreadpool-dev libsleef-dev)
fi
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
