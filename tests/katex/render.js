// Renders LaTeX with KaTeX, throwOnError: true, and exits 1 on the first
// formula KaTeX rejects, naming it; prints how many rendered otherwise.
//   node render.js KATEX_DIR < formulas        one formula a line, after a tab-separated label
//   node render.js KATEX_DIR --html FILES      the math of Markdown pages after GitHub's Markdown
//                                              layer (cmark-gfm's HTML): ```math blocks and $`...`$;
//                                              a $ left in the text, a table row with the wrong
//                                              number of cells, or emphasis is a page the Markdown
//                                              layer broke
const fs = require("fs");
const path = require("path");
const katex = require(path.join(path.resolve(process.argv[2]), "node_modules", "katex"));

function unescape(html) {
  return html.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
}

// The math GitHub renders from cmark-gfm's HTML, and the damage the Markdown
// layer did to the page, if any.
function html_formulas(file) {
  const html = fs.readFileSync(file, "utf8");
  const found = [];
  const damage = (what) => {
    console.error(`the Markdown layer broke ${file}: ${what}`);
    process.exit(1);
  };
  for (const match of html.matchAll(/<pre><code class="language-math">([\s\S]*?)<\/code><\/pre>/g)) {
    found.push({ label: file, tex: unescape(match[1]).trim(), display: true });
  }
  // Copy-ready LaTeX for course notes (an align* block) must render too.
  for (const match of html.matchAll(/<pre><code class="language-latex">([\s\S]*?)<\/code><\/pre>/g)) {
    found.push({ label: file, tex: unescape(match[1]).trim(), display: true });
  }
  for (const match of html.matchAll(/\$<code>([\s\S]*?)<\/code>\$/g)) {
    found.push({ label: file, tex: unescape(match[1]), display: false });
  }
  const rest = html.replace(/<pre><code class="language-math">[\s\S]*?<\/code><\/pre>/g, "").replace(/\$<code>[\s\S]*?<\/code>\$/g, "");
  const stray = rest.indexOf("$");
  if (stray >= 0) damage(`math outside a math block: ...${rest.slice(Math.max(0, stray - 40), stray + 40)}...`);
  const emphasis = rest.match(/<(em|strong)>[\s\S]*?<\/\1>/);
  if (emphasis) damage(`emphasis where none was written: ${emphasis[0]}`);
  for (const table of html.matchAll(/<table>([\s\S]*?)<\/table>/g)) {
    const rows = [...table[1].matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => (row[1].match(/<t[hd][ >]/g) || []).length);
    if (rows.some((cells) => cells !== rows[0])) damage(`a table row with ${rows.find((c) => c !== rows[0])} cells, not ${rows[0]}`);
  }
  return found;
}

function formulas() {
  if (process.argv[3] === "--html") return process.argv.slice(4).flatMap(html_formulas);
  return fs.readFileSync(0, "utf8").split("\n").filter((line) => line.length > 0).map((line) => {
    const tab = line.indexOf("\t");
    return tab < 0 ? { label: "", tex: line, display: true } : { label: line.slice(0, tab), tex: line.slice(tab + 1), display: true };
  });
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
