#!/usr/bin/env python3
"""Turns the C++ snippets of Markdown pages into programs, so that every
snippet in README.md and docs/ is compiled (and run) exactly as shown.

  extract.py OUTDIR ROOT PAGE.md...   prints the generated .cpp files, one a line
                                      (ROOT: the repository, for the names)

The rules, for each page:
  - a ```cpp block that defines `int main(` is a complete program: it is
    compiled on its own and run;
  - every other ```cpp block of the page belongs to one program, in order, as
    a reader reads the page: a later block may use what an earlier one
    declared. Its #include lines go to the top; a block that declares
    something at namespace scope (a line starting with template, struct,
    class, namespace or inline) stays at namespace scope; every other block is
    a run of statements, placed in order in one function that main calls.
    These programs start with `#include <actdiff/actdiff.hpp>` and
    `using namespace actdiff;`, as each page says.
#line directives point compiler errors at the page and line.
"""
import os
import re
import sys

NAMESPACE_SCOPE = re.compile(r"^(template\b|struct\b|class\b|namespace\b|inline\b)")


def blocks(path):
    """(first line number, lines) of each ```cpp block."""
    out, current, start = [], None, 0
    with open(path, encoding="utf-8") as page:
        for number, line in enumerate(page, 1):
            stripped = line.rstrip("\n")
            if current is None and stripped.strip() == "```cpp":
                current, start = [], number + 1
            elif current is not None and stripped.strip() == "```":
                out.append((start, current))
                current = None
            elif current is not None:
                current.append(stripped)
    if current is not None:
        sys.exit(f"{path}: a ```cpp block is not closed")
    return out


def located(path, start, lines):
    return [f'#line {start} "{path}"'] + lines


def write(path, text):
    # Rewritten only when changed, so that a configure run rebuilds nothing new.
    if os.path.exists(path):
        with open(path, encoding="utf-8") as existing:
            if existing.read() == text:
                return
    with open(path, "w", encoding="utf-8") as out:
        out.write(text)


def main():
    outdir, root, pages = sys.argv[1], sys.argv[2], sys.argv[3:]
    os.makedirs(outdir, exist_ok=True)
    generated = []
    for path in pages:
        page = os.path.relpath(path, root)
        stem = re.sub(r"[^A-Za-z0-9]+", "_", page).strip("_")
        includes, namespace_scope, statements, programs = [], [], [], 0
        for start, lines in blocks(path):
            if any(re.match(r"^\s*int\s+main\s*\(", line) for line in lines):
                programs += 1
                target = os.path.join(outdir, f"{stem}_program_{programs}.cpp")
                write(target, "\n".join(located(page, start, lines)) + "\n")
                generated.append(target)
                continue
            body = []
            for offset, line in enumerate(lines):
                if line.startswith("#include"):
                    includes += [f'#line {start + offset} "{page}"', line]
                    body.append("")
                else:
                    body.append(line)
            if any(NAMESPACE_SCOPE.match(line) for line in body):
                namespace_scope += located(page, start, body)
            else:
                statements += located(page, start, body)
        if namespace_scope or statements:
            target = os.path.join(outdir, f"{stem}_snippets.cpp")
            text = "\n".join(
                ["// Generated from " + page + " by tests/snippets/extract.py; edit the page, not this file.",
                 "#include <actdiff/actdiff.hpp>"] + includes +
                ["using namespace actdiff;"] + namespace_scope +
                ["void page_snippets() {"] + statements + ["}", "int main() { page_snippets(); }"]) + "\n"
            write(target, text)
            generated.append(target)
    print("\n".join(generated))


if __name__ == "__main__":
    main()
