// Builds one HTML page per Markdown page as GitHub would show it: cmark-gfm's
// HTML with its math typeset by KaTeX, in a column 888 px wide (GitHub's), so
// that a browser can measure each formula's rendered width.
//   node widths.js KATEX_DIR OUTDIR PAGE.html...
// Each output page, once loaded, writes into <pre id="widths"> one line per
// display formula: its width in px and the first characters of its TeX.
const fs = require("fs");
const path = require("path");
const katexDir = path.resolve(process.argv[2]);
const katex = require(path.join(katexDir, "node_modules", "katex"));
const out = path.resolve(process.argv[3]);
fs.mkdirSync(out, { recursive: true });

function unescape(html) {
  return html.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
}

const measure = `
<script>
window.addEventListener("load", () => document.fonts.ready.then(() => {
  const lines = [];
  for (const display of document.querySelectorAll(".katex-display")) {
    const width = Math.ceil(display.firstElementChild.getBoundingClientRect().width);
    lines.push(width + "\\t" + display.dataset.tex.slice(0, 60).replace(/\\s+/g, " "));
  }
  document.getElementById("widths").textContent = lines.join("\\n");
}));
</script>`;

for (const file of process.argv.slice(4)) {
  let html = fs.readFileSync(file, "utf8");
  html = html.replace(/<pre><code class="language-math">([\s\S]*?)<\/code><\/pre>/g, (_, tex) => {
    const source = unescape(tex).trim();
    const rendered = katex.renderToString(source, { displayMode: true, throwOnError: true });
    return rendered.replace('class="katex-display"', `class="katex-display" data-tex="${source.replace(/"/g, "&quot;")}"`);
  });
  html = html.replace(/\$<code>([\s\S]*?)<\/code>\$/g, (_, tex) => katex.renderToString(unescape(tex), { throwOnError: true }));
  const page = `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="file://${path.join(katexDir, "node_modules", "katex", "dist", "katex.min.css")}">
<style>body { margin: 0; font: 16px -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; }
article { width: 888px; } .katex-display { overflow: visible; } .katex-display > .katex { display: inline-block; }</style>
</head><body><article>${html}</article><pre id="widths"></pre>${measure}</body></html>`;
  fs.writeFileSync(path.join(out, path.basename(file)), page);
}
