// The source of a kernel, standalone, for a project that does not use actdiff:
//   std::string cpp  = emit_cpp(kernel(silu(x), x), "silu");    // templates over T, <cmath> only
//   std::string cuda = emit_cuda(kernel(silu(x), x), "silu");   // __global__ grid-stride kernels
// Each has NAME_forward, NAME_backward and NAME_forward_backward with the
// argument order of kernel/elementwise.hpp's member functions, then n, then one T per
// parameter. The body is the kernel's own schedule: the lowered forms of
// evaluation/fused.hpp, each shared subexpression once in a named temporary (exp_1,
// sum_2, ...), everything used once written inline. Constants are exact:
// rationals as T(1) / T(3), decimals with all their digits, √2 as
// std::sqrt(T(2)) for the compiler to fold.
#pragma once

#include <cctype>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <actdiff/evaluation/fused.hpp>
#include <actdiff/kernel/elementwise.hpp>
#include <actdiff/printing/printer.hpp>
#include <actdiff/printing/to_string.hpp>
#include <actdiff/detail/warnings.hpp>

ACTDIFF_TEXT_CODE_BEGIN

namespace actdiff {

namespace detail::emitting {

enum class dialect { cpp, cuda };

// ---- names in emitted source ------------------------------------------------
inline constexpr std::string_view keywords[] = {
    "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break", "case", "catch", "char",
    "char8_t", "char16_t", "char32_t", "class", "compl", "concept", "const", "consteval", "constexpr", "constinit",
    "const_cast", "continue", "co_await", "co_return", "co_yield", "decltype", "default", "delete", "do", "double",
    "dynamic_cast", "else", "enum", "explicit", "export", "extern", "false", "float", "for", "friend", "goto", "if",
    "inline", "int", "long", "mutable", "namespace", "new", "noexcept", "not", "not_eq", "nullptr", "operator", "or",
    "or_eq", "private", "protected", "public", "register", "reinterpret_cast", "requires", "return", "short", "signed",
    "sizeof", "static", "static_assert", "static_cast", "struct", "switch", "template", "this", "thread_local", "throw",
    "true", "try", "typedef", "typeid", "typename", "union", "unsigned", "using", "virtual", "void", "volatile",
    "wchar_t", "while", "xor", "xor_eq"};

// What the emitted functions declare or call themselves, besides the symbols:
// the loop, the element type, the output and gradient ranges, CUDA's indices,
// and the math functions that CUDA calls unqualified.
inline constexpr std::string_view own_names[] = {
    "n", "i", "T", "y", "ys", "gy", "gys", "std", "blockIdx", "blockDim", "threadIdx", "gridDim", "pow", "fabs", "fmax",
    "fmin", "max", "min", "abs"};

constexpr bool is_keyword(std::string_view name) {
    for (std::string_view k : keywords) {
        if (k == name) return true;
    }
    return false;
}
// The emitted code's own names, and every <cmath> function it may call.
constexpr bool is_own_name(std::string_view name) {
    for (std::string_view k : own_names) {
        if (k == name) return true;
    }
    return detail::is_cmath_function(name);
}
// Reserved to the implementation: __x anywhere, _X at the start.
// (A loop, not string_view::find: g++'s UBSan makes find non-constant.)
constexpr bool is_reserved(std::string_view name) {
    for (std::size_t i = 0; i + 1 < name.size(); ++i) {
        if (name[i] == '_' && name[i + 1] == '_') return true;
    }
    return name.size() >= 2 && name[0] == '_' && name[1] >= 'A' && name[1] <= 'Z';
}

// A kernel name becomes the prefix of NAME_forward and the others.
inline void check_kernel_name(std::string_view name, const char* function) {
    const auto fail = [&](const char* why) {
        throw std::invalid_argument(std::string("actdiff: ") + function + "(k, name): the kernel name \"" +
                                    std::string(name) + "\" " + why);
    };
    if (!is_identifier(name)) fail("is not a C++ identifier (letters, digits and _, not starting with a digit)");
    if (is_keyword(name)) fail("is a C++ keyword");
    if (is_reserved(name)) fail("is reserved to the C++ implementation (it holds __ or starts with _ and a capital)");
}

// A symbol's name becomes a local variable (and, for an input x, the ranges
// xs and gxs), so it must be free in the emitted source.
template <class SpelledSymbol>
inline constexpr bool is_free_in_emitted_source = false;
template <class Symbol>
constexpr void emitted_source_cannot_name_symbol() {
    static_assert(is_free_in_emitted_source<Symbol>,
                  "actdiff: emit: a symbol's name is a C++ keyword, reserved, or a name the emitted source uses itself "
                  "(n, i, T, y, ys, gy, gys, and the math functions); rename the var or param");
}
template <class S>
constexpr bool check_symbol_name() {
    constexpr std::string_view name = S::name.view();
    if constexpr (is_keyword(name) || is_own_name(name) || is_reserved(name)) {
        emitted_source_cannot_name_symbol<spelled_t<S>>();
        return false;
    } else {
        return true;
    }
}

template <class T>
inline constexpr bool is_leaf_v = is_variable_v<T> || is_parameter_v<T> || is_rational_v<T>;
template <class T>
inline constexpr bool is_leaf_v<T const> = is_leaf_v<T>;
template <fixed_string S, fixed_string D>
inline constexpr bool is_leaf_v<named_constant<S, D>> = true;

// b^(−k), which a product writes as a division by b^k.
template <class T>
inline constexpr bool is_division_v = false;
template <class B, std::intmax_t N, std::intmax_t D>
inline constexpr bool is_division_v<power<B, rational<N, D>>> = (N < 0);

// 3 → T(3); 1/2 → T(0.5); 1/3 → (T(1) / T(3)): exact, whatever T is.
inline std::string rational_literal(std::intmax_t n, std::intmax_t d) {
    std::intmax_t rest = d;
    int twos = 0, fives = 0;
    while (rest % 2 == 0) rest /= 2, ++twos;
    while (rest % 5 == 0) rest /= 5, ++fives;
    const int places = twos > fives ? twos : fives;
    if (rest != 1 || places > 18) return "(T(" + std::to_string(n) + ") / T(" + std::to_string(d) + "))";
    return "T(" + std::string(n < 0 ? "-" : "") + decimal_digits(n < 0 ? -n : n, d) + ")";
}

// The statements of one element, for a schedule of distinct nodes. It is the
// code dialect of printing/printer.hpp: a node it has given a temporary
// prints as that name.
template <class... Nodes>
struct body {
    using schedule = list<Nodes...>;
    static constexpr std::size_t size = sizeof...(Nodes);

    dialect language;
    std::string indent;
    std::vector<int> uses = std::vector<int>(size, 0);
    std::vector<std::string> names = std::vector<std::string>(size);
    std::string statements;

    body(dialect lang, std::string indentation) : language(lang), indent(std::move(indentation)) {}

    template <class Node>
    static constexpr std::size_t slot = index_in<Node>(schedule{});

    // ---- which nodes get a temporary -----------------------------------------
    template <class Node>
    void count(Node) {
        if constexpr (slot<Node> < size) ++uses[slot<Node>];
    }
    template <template <class...> class Kind, class... Children>
    void count_children(Kind<Children...>) {
        (count_child(Children{}), ...);
    }
    template <class Child>
    void count_child(Child child) {
        if constexpr (is_compare_v<Child>) count_children(child); else count(child);
    }
    template <class R, class A, class B>
    void count_children(comparison<R, A, B>) {
        count(A{});
        count(B{});
    }
    template <class F, class U>
    void count_children(apply<F, U>) {
        count(U{});
    }
    template <class B, class R>
    void count_children(power<B, R>) {
        count(B{});
    }
    // b^(k/2) reads the node √b (algorithm/cost.hpp).
    template <class B, std::intmax_t N>
        requires(N != 1 && !is_constant_v<B>)
    void count_children(actdiff::power<B, rational<N, 2>>) {
        count(actdiff::power<B, rational<1, 2>>{});
    }
    // max and min are written a > b ? a : b: each argument twice.
    template <class A, class B>
    void count_children(maximum<A, B>) {
        count(A{}), count(A{}), count(B{}), count(B{});
    }
    template <class A, class B>
    void count_children(minimum<A, B>) {
        count(A{}), count(A{}), count(B{}), count(B{});
    }
    template <class Node>
    void count_node(Node node) {
        if constexpr (!is_leaf_v<Node> && !is_compare_v<Node>) count_children(node);
    }

    template <class F, class U>
    static std::string function_name(apply<F, U>) {
        return std::string(F::name);
    }
    template <class Node>
    static std::string kind_name() {
        if constexpr (is_apply_v<Node>) return function_name(Node{});
        else if constexpr (is_sum_v<Node>) return "sum";
        else if constexpr (is_product_v<Node>) return "product";
        else if constexpr (is_division_v<Node>) return "inverse";
        else if constexpr (is_power_v<Node>) return "power";
        else if constexpr (is_where_v<Node>) return "select";
        else if constexpr (is_maximum_v<Node>) return "max";
        else if constexpr (is_minimum_v<Node>) return "min";
        else return "value";
    }

    // Every node used twice, and every call of exp/log/tanh/…, gets a name;
    // constants (1/√2) stay inline for the compiler to fold.
    template <class Node>
    void declare(int& counter) {
        if constexpr (!is_leaf_v<Node> && !is_compare_v<Node>) {
            if (is_constant_v<Node>) return;
            if (uses[slot<Node>] < 2 && !is_apply_v<Node>) return;
            const std::string name = kind_name<Node>() + "_" + std::to_string(++counter);
            statements += indent + "const T " + name + " = " + print_node(*this, Node{}).text + ";\n";
            names[slot<Node>] = name;
        }
    }

    void build(const std::vector<std::size_t>& outputs_used) {
        (count_node(Nodes{}), ...);
        for (std::size_t i : outputs_used) ++uses[i];
        [[maybe_unused]] int counter = 0;  // unused for an empty schedule
        (declare<Nodes>(counter), ...);
    }

    // ---- the code dialect -------------------------------------------------------
    static constexpr bool reading_order = false;  // the order in which the library adds and multiplies
    static constexpr bool powers_of_roots = true;  // b^(3/2) as the √b node cubed, as the kernel computes it
    static constexpr std::string_view minus = "-";

    // The output, read by a backward that uses it, is the local y.
    template <class Node>
    std::string name_of() const {
        if constexpr (std::is_same_v<Node, kernel_output>) {
            return "y";
        } else if constexpr (slot<Node> < size) {
            return names[slot<Node>];
        } else {
            return {};
        }
    }
    static std::string wrap(const printed& p, precedence needed) {
        return p.level < needed ? "(" + p.text + ")" : p.text;
    }
    static std::string symbol(std::string_view name) { return std::string(name); }
    static std::string constant(std::string_view, std::string_view digits) { return "T(" + std::string(digits) + ")"; }
    static printed number(ratio r) { return {rational_literal(r.num, r.den), precedence::atom}; }
    std::string math_call(std::string_view function, const std::string& argument) const {
        return (language == dialect::cpp ? "std::" : "") + std::string(function) + "(" + argument + ")";
    }
    static printed quotient(const quotient_parts& parts) {
        std::string numerator;
        if (!(parts.coefficient == ratio{1, 1})) numerator = rational_literal(parts.coefficient.num, parts.coefficient.den);
        for (const auto& f : parts.numerator) {
            // A factor that is itself a product is parenthesised, so that the
            // products associate as the kernel's evaluation does, to the bit.
            numerator += numerator.empty() ? wrap(f.form, precedence::atom) : " * " + wrap(f.form, precedence::atom);
        }
        if (numerator.empty()) numerator = "T(1)";
        const auto& bottom = parts.denominator;
        if (bottom.empty()) return {numerator, precedence::product};
        if (bottom.size() == 1) return {numerator + " / " + wrap(bottom[0].form, precedence::atom), precedence::product};
        std::string joined;
        for (const auto& f : bottom) joined += (joined.empty() ? "" : " * ") + wrap(f.form, precedence::atom);
        return {numerator + " / (" + joined + ")", precedence::product};
    }
    // √b, b·b·b up to the fourth power (b⁴ as (b·b)·(b·b), squared as the
    // kernel's evaluation squares it), pow beyond.
    printed power(const printed& base, ratio exponent) const {
        if (exponent == ratio{1, 2}) return {math_call("sqrt", base.text), precedence::atom};
        if (exponent.den == 1 && exponent.num <= 4) {
            const std::string b = wrap(base, precedence::atom);
            if (exponent.num == 4) return {"(" + b + " * " + b + ") * (" + b + " * " + b + ")", precedence::product};
            std::string product = b;
            for (std::intmax_t k = 1; k < exponent.num; ++k) product += " * " + b;
            return {product, exponent.num > 1 ? precedence::product : precedence::atom};
        }
        return {math_call("pow", base.text + ", " + rational_literal(exponent.num, exponent.den)), precedence::atom};
    }
    template <class F>
    printed call(const printed& argument) const {
        static_assert(primitive_traits<F>::emittable,
                      "actdiff::emit: this primitive cannot be emitted as C++ or CUDA source: its name is not a "
                      "<cmath> function, so give the primitive a member "
                      "`static std::string code(std::string_view u, bool cuda)`");
        if constexpr (primitive_traits<F>::has_code) {
            return {primitive_traits<F>::code(wrap(argument, precedence::sum), language == dialect::cuda), precedence::atom};
        } else {
            return {primitive_traits<F>::code(argument.text, language == dialect::cuda), precedence::atom};
        }
    }
    // max and min as a > b ? a : b.
    static printed extremum(bool maximum, const printed& a, const printed& b) {
        const std::string left = wrap(a, precedence::sum), right = wrap(b, precedence::sum);
        return {left + (maximum ? " > " : " < ") + right + " ? " + left + " : " + right, precedence::condition};
    }
    static constexpr std::string_view relations[] = {" < ", " <= ", " > ", " >= "};  // <, ≤, >, ≥
    template <class C, class A, class B>
    printed where(where_node<C, A, B>) const {
        return {print(*this, C{}).text + " ? " + wrap(print(*this, A{}), precedence::atom) + " : " +
                    wrap(print(*this, B{}), precedence::condition),
                precedence::condition};
    }
};

// The statements computing outputs Fs... (already lowered) of one element.
template <class... Fs>
struct element {
    using schedule = decltype(values_only(typename schedule_of<list<>, Fs...>::type{}));

    template <class... Nodes>
    static auto make(list<Nodes...>, dialect language, std::string indent) {
        body<Nodes...> b(language, std::move(indent));
        std::vector<std::size_t> outputs;
        (add_output<Fs>(b, outputs), ...);
        b.build(outputs);
        return b;
    }
    template <class F, class Body>
    static void add_output(const Body& b, std::vector<std::size_t>& outputs) {
        constexpr std::size_t at = Body::template slot<F>;
        if constexpr (at < Body::size) outputs.push_back(at);
        (void)b;
    }
    // "statements", then each output's text.
    static std::pair<std::string, std::vector<std::string>> emit(dialect language, const std::string& indent) {
        auto b = make(schedule{}, language, indent);
        return {b.statements, {print(b, Fs{}).text...}};
    }
};

}  // namespace detail::emitting

namespace detail {

template <class Kernel>
struct kernel_source;

template <class F, class... Xs>
struct kernel_source<kernel_t<F, Xs...>> {
    // Each function's body comes from the plan's pass: the forms the SIMD loop evaluates.
    using plan = kernel_plan<F, Xs...>;
    using parameters = typename plan::parameters;

    emitting::dialect language;
    std::string name;

    bool cuda() const { return language == emitting::dialect::cuda; }
    std::string pointer(bool is_const, const std::string& what) const {
        return std::string(is_const ? "const T* " : "T* ") + (cuda() ? "__restrict__ " : "") + what;
    }
    template <class X>
    static std::string plural() {
        return std::string(X::name.view()) + "s";
    }
    template <class X>
    static std::string gradient() {
        return "g" + std::string(X::name.view()) + "s";
    }
    // n, then each parameter as a T; a parameter this function does not read is
    // left unnamed, so that the source compiles cleanly under -Wunused.
    template <class Pass>
    std::string parameter_list(Pass pass) const {
        std::string out = cuda() ? ", long long n" : ", std::size_t n";
        [&]<class... Ps>(list<Ps...>) {
            ((out += ", T " + (uses<Ps>(pass) ? std::string(Ps::name.view()) : "/*" + std::string(Ps::name.view()) + "*/")),
             ...);
        }(parameters{});
        return out;
    }
    template <class S, class Pass>
    static constexpr bool uses(Pass) {
        return []<class... Forms>(list<Forms...>) { return (uses_v<Forms, S> || ...); }(typename Pass::forms{});
    }
    std::string loop_head() const {
        if (cuda()) {
            return "    for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n;\n"
                   "         i += (long long)blockDim.x * gridDim.x) {\n";
        }
        return "    for (std::size_t i = 0; i < n; ++i) {\n";
    }
    template <class Pass>
    std::string function(const std::string& suffix, const std::string& arguments, const std::string& body,
                         Pass pass) const {
        const std::string head = cuda() ? "template <class T>\n__global__ void " : "template <class T>\nvoid ";
        return head + name + "_" + suffix + "(" + arguments + parameter_list(pass) + ") {\n" + loop_head() + body +
               "    }\n}\n";
    }
    // The element's inputs that the pass uses, read into locals (the output y from ys).
    template <class... Ys, class Pass>
    std::string reads(list<Ys...>, Pass pass) const {
        std::string out;
        const auto read = [&]<class Y>(Y) {
            if (!uses<Y>(pass)) return;
            if constexpr (std::is_same_v<Y, typename plan::output_symbol>) {
                out += "        const T y = ys[i];\n";
            } else {
                out += "        const T " + std::string(Y::name.view()) + " = " + plural<Y>() + "[i];\n";
            }
        };
        (read(Ys{}), ...);
        return out;
    }
    template <class Pass>
    static auto statements(Pass, emitting::dialect language) {
        return []<class... Forms>(list<Forms...>, emitting::dialect lang) {
            return emitting::element<Forms...>::emit(lang, "        ");
        }(typename Pass::forms{}, language);
    }

    // An input range; one the pass does not read (a formula constant in x)
    // stays unnamed, as an unread parameter does.
    template <class X, class Pass>
    std::string input_range(Pass pass) const {
        return pointer(true, uses<X>(pass) ? plural<X>() : "/*" + plural<X>() + "*/") + ", ";
    }
    std::string forward() const {
        using pass = typename plan::forward;
        const auto [body, values] = statements(pass{}, language);
        std::string arguments;
        ((arguments += input_range<Xs>(pass{})), ...);
        arguments += pointer(false, "ys");
        return function("forward", arguments, reads(list<Xs...>{}, pass{}) + body + "        ys[i] = " + values[0] + ";\n",
                        pass{});
    }
    std::string gradients_from(const std::vector<std::string>& values, std::size_t first) const {
        std::string out;
        std::size_t k = first;
        ((out += "        " + gradient<Xs>() + "[i] = gy * " + wrap(values[k++]) + ";\n"), ...);
        return out;
    }
    static std::string wrap(const std::string& value) {
        const bool simple = value.find_first_of(" ") == std::string::npos;
        return simple ? value : "(" + value + ")";
    }
    std::string backward() const {
        using pass = typename plan::backward;
        const auto [body, values] = statements(pass{}, language);
        // A saved range that the gradient does not read (threshold's 0) stays unnamed.
        const auto saved = [&]<class S>(S, const std::string& range) {
            return pointer(true, uses<S>(pass{}) ? range : "/*" + range + "*/") + ", ";
        };
        std::string arguments;
        if constexpr (plan::backward_uses_output) {
            arguments += saved(typename plan::output_symbol{}, "ys");
        } else {
            ((arguments += saved(Xs{}, plural<Xs>())), ...);
        }
        arguments += pointer(true, "gys");
        ((arguments += ", " + pointer(false, gradient<Xs>())), ...);
        return function("backward", arguments,
                        reads(typename plan::backward_reads{}, pass{}) + "        const T gy = gys[i];\n" + body +
                            gradients_from(values, 0),
                        pass{});
    }
    std::string forward_backward() const {
        using pass = typename plan::forward_backward;
        const auto [body, values] = statements(pass{}, language);
        std::string arguments;
        ((arguments += input_range<Xs>(pass{})), ...);
        arguments += pointer(true, "gys") + ", " + pointer(false, "ys");
        ((arguments += ", " + pointer(false, gradient<Xs>())), ...);
        return function("forward_backward", arguments,
                        reads(list<Xs...>{}, pass{}) + "        const T gy = gys[i];\n" + body + "        ys[i] = " +
                            values[0] + ";\n" + gradients_from(values, 1),
                        pass{});
    }

    std::string header() const {
        std::string out = "// " + name + ": generated by actdiff (emit_" + (cuda() ? "cuda" : "cpp") + ") from\n";
        out += "//   f = " + to_string(F{}) + "\n";
        ((out += "//   ∂f/∂" + std::string(Xs::name.view()) + " = " + to_string(d(F{}, Xs{})) + "\n"), ...);
        if constexpr (plan::backward_uses_output) {
            out += "// The backward reads the output y: f' = " + first_text(typename plan::backward::formulas{}) + "\n";
        }
        out += cuda() ? "// Instantiated for float and double below; T is the element type.\n\n"
                      : "// Standalone: needs only <cmath> and <cstddef>; T is float or double.\n#pragma once\n\n"
                        "#include <cmath>\n#include <cstddef>\n\n";
        return out;
    }
    // The output variable is the local y there too.
    template <class G>
    static std::string first_text(list<G>) {
        return print(text_dialect{"y"}, G{}).text;
    }

    // CUDA: explicit instantiations, so that the PTX holds both element types.
    std::string instantiations(const std::vector<std::string>& functions) const {
        if (!cuda()) return "";
        std::string out = "\n";
        for (const std::string type : {"float", "double"}) {
            for (std::string f : functions) {
                f = f.substr(f.find("__global__"));
                f = f.substr(0, f.find(") {") + 1);
                for (std::size_t at = 0; (at = f.find("T", at)) != std::string::npos;) {
                    const bool alone = (at == 0 || !std::isalnum(static_cast<unsigned char>(f[at - 1]))) &&
                                       (at + 1 == f.size() || !std::isalnum(static_cast<unsigned char>(f[at + 1])));
                    if (alone) f.replace(at, 1, type), at += type.size(); else ++at;
                }
                const std::size_t open = f.find('(');
                out += "template " + f.substr(0, open) + "<" + type + ">" + f.substr(open) + ";\n";
            }
        }
        return out;
    }
    std::string all() const {
        const std::vector<std::string> functions{forward(), backward(), forward_backward()};
        return header() + functions[0] + "\n" + functions[1] + "\n" + functions[2] + instantiations(functions);
    }
};

}  // namespace detail

namespace detail {
template <class F, class... Xs>
std::string emit(kernel_t<F, Xs...>, std::string_view name, emitting::dialect language) {
    emitting::check_kernel_name(name, language == emitting::dialect::cpp ? "emit_cpp" : "emit_cuda");
    if constexpr ([]<class... Ss>(list<Ss...>) {
                      return (emitting::check_symbol_name<Ss>() && ...);
                  }(typename symbols_of<F>::type{})) {
        return kernel_source<kernel_t<F, Xs...>>{language, std::string(name)}.all();
    } else {
        return {};
    }
}
}  // namespace detail

// Throws std::invalid_argument when name is not a C++ identifier, is a
// keyword, or is reserved.
template <class F, class... Xs>
std::string emit_cpp(kernel_t<F, Xs...> k, std::string_view name) {
    return detail::emit(k, name, detail::emitting::dialect::cpp);
}

template <class F, class... Xs>
std::string emit_cuda(kernel_t<F, Xs...> k, std::string_view name) {
    return detail::emit(k, name, detail::emitting::dialect::cuda);
}

}  // namespace actdiff

ACTDIFF_TEXT_CODE_END
