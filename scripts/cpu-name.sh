#!/usr/bin/env bash
# Prints this machine's CPU as the benchmark reports name it: the model name,
# and the core's microarchitecture from its CPUID family and model. A virtual
# machine often shows a bare "AMD EPYC", which covers Zen 2 to Zen 5, whose
# vector units differ (Zen 4 splits a 512-bit operation in two, Zen 5 does
# not), and every ratio in bench/RESULTS.md depends on which one ran.
set -euo pipefail
field() { grep -m1 "^$1[[:space:]]*:" /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'; }
name=$(field 'model name')
vendor=$(field 'vendor_id')
family=$(field 'cpu family')
model=$(field 'model')
core=""
case "$vendor:$family" in
  AuthenticAMD:23) core="Zen 1 or 2" ;;
  AuthenticAMD:25)
    case $model in
      1[0-9]|6[0-9]|7[0-9]|16[0-9]|17[0-5]) core="Zen 4" ;;  # 0x10-0x1f, 0x60-0x7f, 0xa0-0xaf
      *) core="Zen 3" ;;
    esac ;;
  AuthenticAMD:26) core="Zen 5" ;;
  GenuineIntel:6)
    case $model in
      85) core="Skylake-SP or Cascade Lake" ;;
      106|108) core="Ice Lake-SP" ;;
      143) core="Sapphire Rapids" ;;
      207) core="Emerald Rapids" ;;
      173|174) core="Granite Rapids" ;;
    esac ;;
esac
if [ -n "$core" ]; then
  echo "$name ($core: CPUID family $family, model $model)"
else
  echo "$name (CPUID family $family, model $model)"
fi
