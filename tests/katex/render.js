// Renders LaTeX with KaTeX, throwOnError: true, and exits 1 on the first
// formula KaTeX rejects, naming it; prints how many rendered otherwise.
//   node render.js KATEX_DIR < formulas        one formula a line, after a tab-separated label
//   node render.js KATEX_DIR --markdown FILES  every $$...$$ and $...$ in Markdown files
const fs = require("fs");
const path = require("path");
const katex = require(path.join(path.resolve(process.argv[2]), "node_modules", "katex"));

function formulas() {
  if (process.argv[3] !== "--markdown") {
    return fs.readFileSync(0, "utf8").split("\n").filter((line) => line.length > 0).map((line) => {
      const tab = line.indexOf("\t");
      return tab < 0 ? { label: "", tex: line, display: true } : { label: line.slice(0, tab), tex: line.slice(tab + 1), display: true };
    });
  }
  const found = [];
  for (const file of process.argv.slice(4)) {
    const text = fs.readFileSync(file, "utf8");
    for (const match of text.matchAll(/\$\$\n([\s\S]*?)\n\$\$/g)) found.push({ label: file, tex: match[1], display: true });
    const inline = text.replace(/\$\$\n[\s\S]*?\n\$\$/g, "");
    for (const match of inline.matchAll(/\$([^$\n]+)\$/g)) found.push({ label: file, tex: match[1], display: false });
  }
  return found;
}

let rendered = 0;
for (const { label, tex, display } of formulas()) {
  try {
    katex.renderToString(tex, { throwOnError: true, displayMode: display, strict: "error" });
    rendered += 1;
  } catch (error) {
    console.error(`KaTeX rejected ${label}:\n  ${tex}\n  ${error.message}`);
    process.exit(1);
  }
}
console.log(`KaTeX rendered ${rendered} formulas`);
