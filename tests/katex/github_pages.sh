#!/bin/sh
# Markdown pages as GitHub shows them: each through cmark-gfm (GitHub's
# Markdown parser, with its table extension) to HTML, then the math in that
# HTML through KaTeX (render.js --html), which also fails on a page the
# Markdown layer broke.
#   github_pages.sh CMARK_GFM NODE RENDER_JS KATEX_DIR OUTDIR PAGE.md...
set -eu
cmark=$1 node=$2 render=$3 katex=$4 out=$5
shift 5
mkdir -p "$out"
for page in "$@"; do
  html="$out/$(basename "$page" .md).html"
  "$cmark" -e table "$page" > "$html"
  set -- "$@" "$html"
done
# The HTML files were appended after the pages; keep only them.
count=$(($# / 2))
shift "$count"
exec "$node" "$render" "$katex" --html "$@"
