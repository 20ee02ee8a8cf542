// Prints every LaTeX string the library produces for the catalog — f, each
// first and second derivative and each derivation, in every input and
// parameter — one per line after a tab-separated label (a derivation's line
// breaks become spaces). tests/golden/catalog.tex holds the reviewed
// output (scripts/update-golden.sh rewrites it); KaTeX renders each line.
#include <cstdio>
#include <string>

#include <boost/hana/for_each.hpp>

#include <actdiff/actdiff.hpp>
#include <actdiff/algorithm/derivation.hpp>
#include <actdiff/printing/latex.hpp>
#include <actdiff/catalog/registry.hpp>

namespace hana = boost::hana;

namespace {
void line(const std::string& label, std::string tex) {
    for (char& ch : tex) {
        if (ch == '\n') ch = ' ';
    }
    std::printf("%s\t%s\n", label.c_str(), tex.c_str());
}
}  // namespace

int main() {
    hana::for_each(actdiff::catalog::registry, [](const auto& entry) {
        const std::string name{entry.name};
        line(name + " f", actdiff::latex(entry.formula));
        const auto each = [&](auto symbol) {
            const std::string v{symbol.name.view()};
            line(name + " d/d" + v, actdiff::latex(actdiff::d(entry.formula, symbol)));
            line(name + " d2/d" + v + "2", actdiff::latex(actdiff::d(actdiff::d(entry.formula, symbol), symbol)));
            line(name + " derivation d/d" + v, actdiff::derivation(entry.formula, symbol));
        };
        hana::for_each(entry.inputs, each);
        hana::for_each(entry.parameters, [&](const auto& p) { each(p.symbol); });
    });
}
