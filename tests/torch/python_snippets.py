#!/usr/bin/python3
"""Runs the ```python blocks of a documentation page, in order, in one
namespace, as a reader would: python_snippets.py PAGE LIBRARY. The path in
each torch.ops.load_library("...") call is replaced by LIBRARY, the build's
libactdiff_torch.so."""
import re
import sys

page, library = sys.argv[1], sys.argv[2]
blocks, current = [], None
with open(page, encoding="utf-8") as text:
    for line in text:
        if current is None and line.strip() == "```python":
            current = []
        elif current is not None and line.strip() == "```":
            blocks.append("".join(current))
            current = None
        elif current is not None:
            current.append(line)
if not blocks:
    sys.exit(f"{page}: no python block")
namespace = {}
for block in blocks:
    block = re.sub(r'torch\.ops\.load_library\("[^"]*"\)', f"torch.ops.load_library({library!r})", block)
    exec(compile(block, page, "exec"), namespace)
print(f"{page}: {len(blocks)} python blocks ran")
