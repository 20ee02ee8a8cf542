// Renders every LaTeX formula read from standard input (one per line, after a
// tab-separated label) with KaTeX, throwOnError: true. Exits 1 on the first
// formula KaTeX rejects, naming it; prints how many rendered otherwise.
// Usage: node render.js KATEX_DIR < formulas
const path = require("path");
const katex = require(path.join(path.resolve(process.argv[2]), "node_modules", "katex"));
const lines = require("fs").readFileSync(0, "utf8").split("\n").filter((line) => line.length > 0);
let rendered = 0;
for (const line of lines) {
  const tab = line.indexOf("\t");
  const label = tab < 0 ? "" : line.slice(0, tab);
  const tex = tab < 0 ? line : line.slice(tab + 1);
  try {
    katex.renderToString(tex, { throwOnError: true, displayMode: true, strict: "error" });
    rendered += 1;
  } catch (error) {
    console.error(`KaTeX rejected ${label}:\n  ${tex}\n  ${error.message}`);
    process.exit(1);
  }
}
console.log(`KaTeX rendered ${rendered} formulas`);
