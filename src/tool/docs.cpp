// actdiff docs OUTDIR: one Markdown page per activation (formula, plot,
// derivatives, derivations), its plot as SVG, and an index; docs/activations
// holds them. Either every file is written or none is.
#include <fstream>
#include <utility>
#include <vector>

#include <boost/hana/length.hpp>

#include <actdiff/actdiff.hpp>
#include <actdiff/algorithm/definition.hpp>
#include <actdiff/algorithm/derivation.hpp>
#include <actdiff/printing/latex.hpp>

#include "commands.hpp"

namespace actdiff_tool {

namespace {

// The pages must survive GitHub's Markdown layer before any math renders:
// display math goes in ```math fences and inline math in $`...`$, both code
// to the Markdown parser, so its escapes, emphasis and table pipes never
// touch the TeX. aligned, unlike align*, may stand inside them.
std::string display(std::string tex) {
    for (std::string::size_type at; (at = tex.find("{align*}")) != std::string::npos;) tex.replace(at, 8, "{aligned}");
    return "```math\n" + tex + "\n```\n";
}
std::string inline_math(std::string_view tex, bool in_table = false) {
    std::string out = "$`";
    for (char ch : tex) {
        if (in_table && ch == '|') out += '\\';  // a table splits cells at | even in code
        out += ch;
    }
    return out + "`$";
}
// Plain text, with the characters Markdown gives meaning to escaped.
std::string markdown_text(std::string_view text) {
    std::string out;
    for (char ch : text) {
        if (std::string_view("\\`*_{}[]<>#|!").find(ch) != std::string_view::npos) out += '\\';
        out += ch;
    }
    return out;
}

// What a page says of an activation beyond its formula: where it comes from,
// where it is used, and how PyTorch spells it.
struct background {
    std::string_view name, pytorch, origin, use;
};
constexpr background backgrounds[] = {
    {"threshold", "`(x > threshold).to(x.dtype)` (torch.nn.Threshold is another function: it replaces values at or below the threshold)",
     "Rosenblatt's perceptron (1958)", "historical: its derivative is 0 almost everywhere, so gradient descent cannot train it"},
    {"sigmoid", "`torch.nn.Sigmoid()`, `torch.sigmoid`", "the logistic function; the backpropagation networks of Rumelhart, Hinton and Williams (1986)",
     "gates of LSTM and GRU cells, probabilities of binary outcomes"},
    {"tanh", "`torch.nn.Tanh()`, `torch.tanh`", "recommended over the sigmoid by LeCun et al., Efficient BackProp (1998)",
     "recurrent cells, zero-centred hidden layers"},
    {"relu", "`torch.nn.ReLU()`", "Nair and Hinton (2010); Glorot, Bordes and Bengio (2011)", "the default hidden activation of CNNs and MLPs"},
    {"relu6", "`torch.nn.ReLU6()`", "Krizhevsky (2010), convolutional deep belief networks on CIFAR-10",
     "MobileNet V1 and V2, where the bounded range suits low-precision arithmetic"},
    {"leaky_relu", "`torch.nn.LeakyReLU(negative_slope=0.01)`", "Maas, Hannun and Ng (2013)",
     "GAN discriminators and networks where dead ReLUs hurt"},
    {"prelu", "`torch.nn.PReLU(init=0.25)`", "He et al. (2015), the first to surpass human-level ImageNet classification",
     "CNNs that learn the negative slope, per channel or shared"},
    {"elu", "`torch.nn.ELU(alpha=1.0)`", "Clevert, Unterthiner and Hochreiter (2015)", "deep CNNs, for mean activations closer to zero"},
    {"selu", "`torch.nn.SELU()`", "Klambauer et al., Self-Normalizing Neural Networks (2017)",
     "deep fully connected networks without normalisation layers (with LeCun-normal initialisation)"},
    {"celu", "`torch.nn.CELU(alpha=1.0)`", "Barron (2017)", "an ELU whose derivative is continuous for every α"},
    {"gelu", "`torch.nn.GELU()`", "Hendrycks and Gimpel (2016)", "Transformers: BERT, ViT"},
    {"gelu_tanh", "`torch.nn.GELU(approximate='tanh')`", "Hendrycks and Gimpel (2016)", "GPT-2; Gemma's gelu_pytorch_tanh"},
    {"gelu_sigmoid", "`x * torch.sigmoid(1.702 * x)` (no module)", "Hendrycks and Gimpel (2016)", "CLIP's QuickGELU"},
    {"silu", "`torch.nn.SiLU()`", "Elfwing, Uchibe and Doya (2017); Ramachandran, Zoph and Le (2017) as Swish",
     "EfficientNet, YOLOv5, the gate of SwiGLU"},
    {"swish", "`x * torch.sigmoid(beta * x)` with a learnable `beta` (no module)", "Ramachandran, Zoph and Le (2017), found by search",
     "where the shape between linear (β → 0) and ReLU (β → ∞) is learned"},
    {"mish", "`torch.nn.Mish()`", "Misra (2019)", "YOLOv4"},
    {"softplus", "`torch.nn.Softplus(beta=1)`", "Dugas et al. (2001)", "outputs that must be positive: variances, rates, scales"},
    {"softsign", "`torch.nn.Softsign()`", "Bergstra et al. (2009); Glorot and Bengio (2010)",
     "a tanh-like activation whose tails approach ±1 polynomially"},
    {"hardtanh", "`torch.nn.Hardtanh(min_val=-1.0, max_val=1.0)`", "Collobert (2004); Torch's HardTanh",
     "cheap bounded activations, quantised and binarised networks"},
    {"hardsigmoid", "`torch.nn.Hardsigmoid()`", "Howard et al., MobileNetV3 (2019), in this form", "squeeze-and-excitation gates of mobile CNNs"},
    {"hardswish", "`torch.nn.Hardswish()`", "Howard et al., MobileNetV3 (2019)", "mobile CNNs, where swish's exponential is too costly"},
    {"glu", "`torch.nn.GLU(dim=-1)`, with a the first half of the input and b the second", "Dauphin et al. (2017)",
     "gated convolutional language models"},
    {"swiglu", "`torch.nn.functional.silu(a) * b` (no module)", "Shazeer, GLU Variants Improve Transformer (2020)",
     "the feed-forward layers of LLaMA and PaLM"},
    {"geglu", "`torch.nn.functional.gelu(a) * b` (no module)", "Shazeer, GLU Variants Improve Transformer (2020)",
     "the feed-forward layers of T5 v1.1 and Gemma"},
    {"log_sigmoid", "`torch.nn.LogSigmoid()`", "the log-likelihood of the logistic model", "binary log-likelihoods, stable in both tails"},
    {"snake", "`x + torch.sin(a * x) ** 2 / a` (no module)", "Liu Ziyin, Hartwig and Ueda (2020)", "BigVGAN and other vocoders: periodic signals"},
};

// The points of the value table.
constexpr double value_points[] = {-3, -1, -0.5, 0, 0.5, 1, 3};

// A value to 6 significant digits, with a true minus sign.
std::string six_digits(double v) {
    std::string s = fmt::format("{:.6g}", v == 0 ? 0.0 : v);
    return s[0] == '-' ? "−" + s.substr(1) : s;
}

// f and f′ along the entry's input (its parameters at their defaults, a
// gated unit's other input at 1), as a Markdown table.
template <class Entry>
std::string value_table(const Entry& entry) {
    return along(entry, [&](auto v, auto... others) {
        const std::string name = actdiff::to_string(v);
        std::string out = fmt::format("For {}, evaluated by the engine in double precision; `tests/torch/page_values.py` "
                                      "checks every row against PyTorch.\n\n| {} | f | f′ |\n|---|---|---|\n",
                                      at_values(entry, others...), name);
        for (double point : value_points) {
            const auto env = entry.at_defaults(v = point, (others = 1.0)...);
            out += fmt::format("| {} | {} | {} |\n", six_digits(point), six_digits(actdiff::eval(entry.formula, env)),
                               six_digits(actdiff::eval(actdiff::d(entry.formula, v), env)));
        }
        return out;
    });
}

// The derivative's operator: ∂ when the formula has more than one symbol.
template <class Entry>
std::string derivative_operator(const Entry& entry) {
    const bool partial = decltype(hana::length(entry.inputs))::value + decltype(hana::length(entry.parameters))::value > 1;
    return partial ? "\\partial" : "d";
}

// e as an author prints it, with the entry's conditions on its parameters
// assumed (hardtanh's min_val < max_val).
template <class Entry, class E>
auto author_form(const Entry& entry, E e) {
    return hana::unpack(entry.assumptions, [&](auto... conditions) { return actdiff::textbook(e, conditions...); });
}

// e in LaTeX, in the entry's notations (GELU's Φ and φ) where it has any.
template <class Entry, class E>
std::string in_notations(const Entry& entry, E e) {
    return hana::unpack(entry.notations, [&](auto... notations) {
        if constexpr (sizeof...(notations) == 0) return actdiff::latex(e);
        else return actdiff::latex(e, notations...);
    });
}

// The entry's notations that the text uses, each as its call and its
// definition: {"\\Phi\\left(x\\right)", "\\frac{1}{2} …"}.
template <class Entry>
std::vector<std::pair<std::string, std::string>> notations_used(const Entry& entry, const std::string& text) {
    std::vector<std::pair<std::string, std::string>> out;
    hana::unpack(entry.notations, [&](auto... notations) {
        if constexpr (sizeof...(notations) > 0) {
            for (const std::string& line : actdiff::notation_definitions(notations...)) {
                std::string call = line.substr(0, line.find(" = "));
                if (text.find(call) != std::string::npos) out.emplace_back(std::move(call), line.substr(line.find(" = ") + 3));
            }
        }
    });
    return out;
}

// f, its first derivatives and its second derivatives in the inputs, as one
// align* block in a ```latex fence (code, so GitHub shows it verbatim).
template <class Entry>
std::string course_notes(const Entry& entry) {
    const std::string op = derivative_operator(entry);
    std::string arguments;
    hana::for_each(entry.inputs, [&](auto v) { arguments += (arguments.empty() ? "" : ", ") + actdiff::latex(v); });
    std::string rows;
    each_symbol(entry, [&](auto v) {
        rows += fmt::format(" \\\\\n\\frac{{{0} f}}{{{0} {1}}} &= {2}", op, actdiff::latex(v),
                            in_notations(entry, author_form(entry, actdiff::d(entry.formula, v))));
    });
    hana::for_each(entry.inputs, [&](auto v) {
        rows += fmt::format(" \\\\\n\\frac{{{0}^{{2}} f}}{{{0} {1}^{{2}}}} &= {2}", op, actdiff::latex(v),
                            in_notations(entry, author_form(entry, actdiff::d(actdiff::d(entry.formula, v), v))));
    });
    std::string out = fmt::format("```latex\n\\begin{{align*}}\nf({}) &= {}", arguments, actdiff::latex(entry.formula));
    for (const auto& [name, definition] : notations_used(entry, rows)) out += " \\\\\n" + name + " &= " + definition;
    return out + rows + "\n\\end{align*}\n```\n";
}

// Whether a formula is one primitive of one input: σ(x), tanh(x).
template <class T>
inline constexpr bool is_call_of_input = false;
template <class F, actdiff::fixed_string Name>
inline constexpr bool is_call_of_input<actdiff::apply<F, actdiff::variable<Name>>> = true;

// f(x) = the formula, and again in elementary functions where it names a
// function readers may not know by name: f(x) = xσ(x) = x/(1 + e^(−x)).
template <class Entry>
std::string definition_line(const Entry& entry) {
    std::string arguments;
    hana::for_each(entry.inputs, [&](auto v) { arguments += (arguments.empty() ? "" : ", ") + actdiff::latex(v); });
    std::string out = fmt::format("f({}) = {}", arguments, actdiff::latex(entry.formula));
    const std::string spelled_out = actdiff::latex(actdiff::definition_for_readers(entry.formula));
    if (spelled_out != actdiff::latex(entry.formula)) out += " = " + spelled_out;
    // And in the entry's notations: GELU's xΦ(x).
    if (const std::string named = in_notations(entry, entry.formula); named != actdiff::latex(entry.formula)) out += " = " + named;
    return out;
}

template <class Entry>
std::string page(const Entry& entry) {
    std::string out = fmt::format("# {}\n\n{}.\n\n", entry.name, markdown_text(entry.description));
    out += "Generated by `actdiff docs` from the formula in `include/actdiff/catalog/registry.hpp`.\n\n";
    if constexpr (decltype(hana::length(entry.parameters))::value > 0) {
        out += "Parameters (PyTorch's defaults):";
        hana::for_each(entry.parameters, [&](const auto& p) {
            out += fmt::format(" {} = {}", inline_math(actdiff::latex(p.symbol)), p.value);
        });
        out += ".\n\n";
    }
    for (const auto& b : backgrounds) {
        if (b.name != entry.name) continue;
        out += fmt::format("## Origin and use\n\n{}. Used in {}.\n\nIn PyTorch: {}.\n\n", b.origin, b.use, b.pytorch);
    }
    out += "## Formula\n\n" + display(definition_line(entry));
    out += fmt::format("\n## Plot\n\nf, f′ and f″, drawn by `actdiff plot {0}`. At a kink, the filled dot is the value taken there "
                       "(PyTorch's convention) and an open circle a one-sided limit.\n\n![f, f′ and f″ of {0}]({0}.svg)\n",
                       entry.name);
    out += fmt::format("\n## Properties\n\nComputed by `actdiff props {}`; [docs/properties.md](../properties.md) says how.\n\n{}", entry.name,
                       *properties_table(entry.name, true));
    // One block a symbol: the subterms its derivation names (u = ...), then
    // f' and, in an input, f'' in those names.
    out += "\n## Derivatives\n\n";
    hana::unpack(entry.assumptions, [&](auto... conditions) {
        std::string assumed;
        ((assumed += (assumed.empty() ? "" : ", ") + inline_math(actdiff::latex(conditions))), ...);
        if (!assumed.empty()) out += "The derivatives below assume " + assumed + ", the constraint the catalog entry states on its parameters.\n\n";
    });
    each_symbol(entry, [&](auto v) {
        const std::string op = derivative_operator(entry);
        const std::string symbol = actdiff::latex(v);
        std::string rows;
        for (const std::string& definition : actdiff::subterm_definitions(entry.formula, v)) {
            rows += definition.substr(0, definition.find(" = ")) + " &= " + definition.substr(definition.find(" = ") + 3) + " \\\\\n";
        }
        const auto in_names = [&](auto e) {
            return hana::unpack(entry.notations, [&](auto... notations) { return actdiff::latex_with_subterms(entry.formula, v, e, notations...); });
        };
        std::string derivatives = fmt::format("\\frac{{{0} f}}{{{0} {1}}} &= {2}", op, symbol, in_names(author_form(entry, actdiff::d(entry.formula, v))));
        if constexpr (actdiff::is_variable_v<std::remove_cvref_t<decltype(v)>>) {   // an input
            derivatives += fmt::format(" \\\\\n\\frac{{{0}^{{2}} f}}{{{0} {1}^{{2}}}} &= {2}", op, symbol,
                                       in_names(author_form(entry, actdiff::d(actdiff::d(entry.formula, v), v))));
        }
        for (const auto& [name, definition] : notations_used(entry, derivatives)) rows += name + " &= " + definition + " \\\\\n";
        rows += derivatives;
        out += display("\\begin{aligned}\n" + rows + "\n\\end{aligned}");
        // Constants the derivatives made from f's: 0.134145 = 3 × 0.044715.
        std::string origins;
        for (const std::string& origin : actdiff::constant_origins(
                 entry.formula, author_form(entry, actdiff::d(entry.formula, v)) + author_form(entry, actdiff::d(actdiff::d(entry.formula, v), v)))) {
            origins += (origins.empty() ? "\nHere " : ", ") + inline_math(origin);
        }
        if (!origins.empty()) out += origins + ".\n";
    });
    out += "\n## Values\n\n" + value_table(entry);
    out += "\n## Derivations\n";
    each_symbol(entry, [&](auto v) {
        out += fmt::format("\nWith respect to {}:\n\n", inline_math(actdiff::latex(v))) + display(hana::unpack(entry.assumptions, [&](auto... conditions) {
                   return actdiff::derivation(entry.formula, v, conditions...);
               }));
    });
    // A primitive of its own (σ) is derived from its definition too, as a
    // first course derives σ′ from 1/(1 + e^(−x)).
    using formula = std::remove_cvref_t<decltype(entry.formula)>;
    if constexpr (is_call_of_input<formula>) {
        using defined = decltype(actdiff::definition(entry.formula));
        if constexpr (!std::is_same_v<defined, formula>) {
            // Only where it is as short as an author's: σ's three steps, tanh's
            // five (its exp steps with and without the chain rule read as one).
            hana::for_each(entry.inputs, [&](auto v) {
                const std::string steps = actdiff::derivation(defined{}, v);
                std::size_t lines = 0;
                for (auto at = steps.find("&="); at != std::string::npos; at = steps.find("&=", at + 1)) ++lines;
                if (lines > 6) return;
                out += fmt::format("\nFrom the definition {}:\n\n", inline_math(actdiff::latex(defined{}))) + display(steps);
            });
        }
    }
    out += "\n## For course notes\n\nThe formula and its derivatives as one `align*` block, ready to paste into LaTeX:\n\n" +
           course_notes(entry);
    return out;
}

}  // namespace

int docs(const std::filesystem::path& directory) {
    // Every file's text first, so a failure leaves nothing behind.
    std::vector<std::pair<std::filesystem::path, std::string>> files;
    std::string index = "# The activation catalog\n\nGenerated by `actdiff docs docs/activations` (a test fails when these pages are stale).\n\n"
                        "| activation | formula | description |\n|---|---|---|\n";
    hana::for_each(registry, [&](const auto& entry) {
        const std::string name{entry.name};
        files.emplace_back(directory / (name + ".md"), page(entry));
        files.emplace_back(directory / (name + ".svg"), *plot_svg(entry.name));
        index += fmt::format("| [{}]({}.md) | {} | {} |\n", markdown_text(name), name, inline_math(actdiff::latex(entry.formula), true),
                             markdown_text(entry.description));
    });
    files.emplace_back(directory / "README.md", index);
    std::string summary =
        "# Properties of the catalog\n\nGenerated by `actdiff docs docs/activations` from `actdiff props NAME`, with each "
        "parameter at its default; [docs/properties.md](../properties.md) says how each finding is established. Each page "
        "has the full table.\n\n| activation | range | monotonic | smoothness at kinks | zero-centred | dead region | "
        "f′ at −∞, +∞ | E[f(z)], E[f(z)²] for z ~ N(0, 1) |\n|---|---|---|---|---|---|---|---|\n";
    hana::for_each(registry, [&](const auto& entry) { summary += *properties_summary_row(entry.name); });
    files.emplace_back(directory / "properties.md", summary);

    std::error_code error;
    const bool existed = std::filesystem::exists(directory, error);
    std::filesystem::create_directories(directory, error);
    if (error) {
        fmt::print(stderr, "actdiff: cannot create '{}': {}\n", directory.string(), error.message());
        return 1;
    }
    const std::string problem = write_all(files);
    if (!problem.empty()) {
        if (!existed) std::filesystem::remove(directory, error);
        fmt::print(stderr, "actdiff: {}; none of the pages was written\n", problem);
        return 1;
    }
    return 0;
}

}  // namespace actdiff_tool
