#!/usr/bin/env python3
"""A built-in primitive is named only where it is stated.

The struct of every built-in (exp_function, sigmoid_function, ...) may appear
only under include/actdiff/primitive/: its family header states it, and
primitive/builtin.hpp lists it. Every algorithm, printer, evaluator and kernel
reads the primitive protocol instead. Exits 1 and lists each offending line.

  builtin_names.py INCLUDE_DIR      check include/actdiff
  builtin_names.py --self-test      check that a planted name is found
"""
import pathlib
import re
import sys
import tempfile


def builtins(include: pathlib.Path) -> list[str]:
    text = (include / "primitive" / "builtin.hpp").read_text()
    listed = re.search(r"builtin_primitives\s*=\s*detail::list<(.*?)>;", text, re.S)
    if not listed:
        sys.exit("builtin_names.py: no builtin_primitives list in primitive/builtin.hpp")
    return [name.strip() for name in listed.group(1).split(",")]


def offences(include: pathlib.Path) -> list[str]:
    names = builtins(include)
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b")
    found = []
    for path in sorted(include.rglob("*.hpp")):
        if path.relative_to(include).parts[0] == "primitive":
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            code = line.split("//", 1)[0]
            if pattern.search(code):
                found.append(f"{path.relative_to(include)}:{number}: {line.strip()}")
    return found


def self_test() -> int:
    with tempfile.TemporaryDirectory() as directory:
        include = pathlib.Path(directory)
        (include / "primitive").mkdir()
        (include / "algorithm").mkdir()
        (include / "primitive" / "builtin.hpp").write_text(
            "using builtin_primitives = detail::list<exp_function, log_function>;\n")
        (include / "algorithm" / "clean.hpp").write_text("// exp_function in a comment is fine\n")
        (include / "algorithm" / "rule.hpp").write_text("struct rule<apply<log_function, U>> {};\n")
        found = offences(include)
        if found != ["algorithm/rule.hpp:1: struct rule<apply<log_function, U>> {};"]:
            print("builtin_names.py self-test: expected one offence, found", found)
            return 1
    print("builtin_names.py self-test: a planted name is found")
    return 0


def main() -> int:
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    include = pathlib.Path(sys.argv[1])
    found = offences(include)
    for line in found:
        print(line)
    if found:
        print(f"{len(found)} line(s) outside primitive/ name a built-in primitive; read primitive_traits<F> instead")
        return 1
    print(f"{len(builtins(include))} built-in primitives, named only in primitive/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
