#!/usr/bin/env bash
# The rendered width of every display formula of docs/activations, as GitHub
# shows the pages: cmark-gfm's HTML, KaTeX, and headless Chromium at GitHub's
# column width of 888 px. Prints a Markdown table: per page, its widest
# formula, how many are wider than the column, and the lines of its longest
# derivation. A figure for issue 13, not yet a test: the derivations still
# overflow (see docs/printing.md).
#   bash scripts/page-widths.sh [KATEX_DIR]     (needs cmark-gfm, node, chromium)
set -euo pipefail
cd "$(dirname "$0")/.."
katex=${1:-build/katex}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sh tests/katex/github_pages.sh "$(command -v cmark-gfm)" "$(command -v node)" tests/katex/render.js "$katex" \
  "$work/html" docs/activations/*.md > /dev/null
node tests/katex/widths.js "$katex" "$work/pages" "$work"/html/*.html
echo "| page | display formulas | widest (px) | wider than 888 px | longest derivation (lines) |"
echo "|---|---|---|---|---|"
over_pages=0 pages=0
for page in "$work"/pages/*.html; do
  name=$(basename "$page" .html)
  [ "$name" = README ] || [ "$name" = properties ] && continue
  widths=$(chromium --headless --no-sandbox --disable-gpu --allow-file-access-from-files --virtual-time-budget=10000 \
             --dump-dom "file://$page" 2>/dev/null | sed -n '/<pre id="widths">/,/<\/pre>/p' |
           sed -e 's/.*<pre id="widths">//' -e 's/<\/pre>.*//' | cut -f1 | grep -E '^[0-9]+$')
  count=$(echo "$widths" | wc -l)
  widest=$(echo "$widths" | sort -n | tail -1)
  over=$(echo "$widths" | awk '$1 > 888' | wc -l)
  lines=$(awk '/^## /{derivations = ($0 == "## Derivations")}
              /^```math/{inside=derivations; rows=0; aligned=0; next}
              /^```/{if (inside && aligned && rows + 1 > best) best = rows + 1; inside=0; next}
              inside && /aligned/{aligned=1} inside && /\\\\$/{rows++} END{print best + 0}' \
            "docs/activations/$name.md")
  pages=$((pages + 1))
  [ "$over" -gt 0 ] && over_pages=$((over_pages + 1))
  echo "| $name | $count | $widest | $over | $lines |"
done
echo
echo "$over_pages of $pages pages have a formula wider than 888 px."
