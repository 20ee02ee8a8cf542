#!/usr/bin/python3
"""Runs the ```python and ```sh blocks of a documentation page, in order, as a
reader would, in a fresh directory:

  python_snippets.py PAGE LIBRARY TOOL

The python blocks share one namespace. The path in each
torch.ops.load_library("...") call is replaced by LIBRARY, the build's
libactdiff_torch.so; a sh block's lines run the tool, build/release/actdiff,
replaced by TOOL."""
import os
import re
import shlex
import subprocess
import sys
import tempfile

page, library, tool = (os.path.abspath(p) for p in sys.argv[1:4])
blocks, current = [], None
with open(page, encoding="utf-8") as text:
    for line in text:
        if current is None and line.strip() in ("```python", "```sh"):
            current = (line.strip()[3:], [])
        elif current is not None and line.strip() == "```":
            blocks.append((current[0], "".join(current[1])))
            current = None
        elif current is not None:
            current[1].append(line)
if not any(language == "python" for language, _ in blocks):
    sys.exit(f"{page}: no python block")
namespace = {}
os.chdir(tempfile.mkdtemp(prefix="actdiff_snippets_"))
for language, block in blocks:
    if language == "sh":
        for command in block.splitlines():
            if not command.startswith("build/release/actdiff "):
                sys.exit(f"{page}: a sh line that is not the tool's: {command}")
            subprocess.run(shlex.quote(tool) + command[len("build/release/actdiff"):], shell=True, check=True)
        continue
    block = re.sub(r'torch\.ops\.load_library\("[^"]*"\)', f"torch.ops.load_library({library!r})", block)
    exec(compile(block, page, "exec"), namespace)
print(f"{page}: {len(blocks)} python and sh blocks ran")
