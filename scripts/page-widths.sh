#!/usr/bin/env bash
# The rendered width of every display formula of docs/activations, as GitHub
# shows the pages: cmark-gfm's HTML, KaTeX, and headless Chromium at GitHub's
# column width of 888 px. Prints a Markdown table: per page, its widest
# formula, how many are wider than the column, and the steps (rows "&= ...")
# of its longest derivation. With --check (the test command runs it so) it
# fails when a formula is wider than the column, or when a page's formulas
# were not all measured.
#   bash scripts/page-widths.sh [--check] [KATEX_DIR]     (needs cmark-gfm, node, chromium)
set -euo pipefail
cd "$(dirname "$0")/.."
check=false
[ "${1:-}" = --check ] && { check=true; shift; }
katex=$(realpath "${1:-build/katex}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sh tests/katex/github_pages.sh "$(command -v cmark-gfm)" "$(command -v node)" tests/katex/render.js "$katex" \
  "$work/html" docs/activations/*.md > /dev/null
node tests/katex/widths.js "$katex" "$work/pages" "$work"/html/*.html
echo "| page | display formulas | widest (px) | wider than 888 px | longest derivation (steps) |"
echo "|---|---|---|---|---|"
over_pages=0 pages=0 unmeasured=0
for page in "$work"/pages/*.html; do
  name=$(basename "$page" .html)
  [ "$name" = README ] || [ "$name" = properties ] && continue
  widths_with_tex=$(chromium --headless --no-sandbox --disable-gpu --allow-file-access-from-files --virtual-time-budget=10000 \
             --dump-dom "file://$page" 2>/dev/null | sed -n '/<pre id="widths">/,/<\/pre>/p' |
           sed -e 's/.*<pre id="widths">//' -e 's/<\/pre>.*//' | grep -E '^[0-9]+'$'\t' || true)
  widths=$(echo "$widths_with_tex" | cut -f1)
  count=$(echo "$widths" | grep -c . || true)
  expected=$(grep -c '^```math' "docs/activations/$name.md" || true)
  if [ "$count" -ne "$expected" ]; then
    echo "$name: measured $count of its $expected display formulas; Chromium did not render the page" >&2
    unmeasured=$((unmeasured + 1))
  fi
  echo "$widths_with_tex" | awk -F'\t' -v page="$name" '$1 > 888 {print page ": " $1 " px: " $2}' >&2
  widest=$(echo "$widths" | sort -n | tail -1)
  over=$(echo "$widths" | awk '$1 > 888' | wc -l)
  lines=$(awk '/^## /{derivations = ($0 == "## Derivations")}
              /^```math/{inside=derivations; steps=0; next}
              /^```/{if (inside && steps > best) best = steps; inside=0; next}
              inside && /^  &= /{steps++} END{print best + 0}' \
            "docs/activations/$name.md")
  pages=$((pages + 1))
  [ "$over" -gt 0 ] && over_pages=$((over_pages + 1))
  echo "| $name | $count | $widest | $over | $lines |"
done
echo
echo "$over_pages of $pages pages have a formula wider than 888 px."
if $check && { [ "$over_pages" -gt 0 ] || [ "$unmeasured" -gt 0 ] || [ "$pages" -eq 0 ]; }; then
  exit 1
fi
