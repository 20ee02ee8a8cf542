// The source of a kernel, standalone, for a project that does not use actdiff:
//   std::string cpp  = emit_cpp(kernel(silu(x), x), "silu");    // templates over T, <cmath> only
//   std::string cuda = emit_cuda(kernel(silu(x), x), "silu");   // __global__ grid-stride kernels
//   std::string ext  = emit_torch(kernel(silu(x), x), "silu");  // a PyTorch extension, with autograd
// Each has NAME_forward, NAME_backward and NAME_forward_backward with the
// argument order of kernel/elementwise.hpp's member functions, then n, then one T per
// parameter; and for each parameter p, NAME_gradient_p(xs..., gys, terms, n,
// params...), whose terms sum to p's gradient. The body is the kernel's own schedule: the lowered forms of
// evaluation/fused.hpp, each shared subexpression once in a named temporary (exp_1,
// sum_2, ...), everything used once written inline. Constants are exact:
// rationals as T(1) / T(3), decimals with all their digits, √2 as
// std::sqrt(T(2)) for the compiler to fold.
#pragma once

#include <charconv>
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
    "n", "i", "T", "y", "ys", "gy", "gys", "terms", "std", "blockIdx", "blockDim", "threadIdx", "gridDim", "pow", "fabs", "fmax",
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
                  "(n, i, T, y, ys, gy, gys, terms, and the math functions); rename the var or param");
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
    // b^(k/2) reads the node √b (algorithm/cost.hpp), and b beside it for k > 1.
    template <class B, std::intmax_t N>
        requires(N != 1 && !is_constant_v<B>)
    void count_children(actdiff::power<B, rational<N, 2>>) {
        count(actdiff::power<B, rational<1, 2>>{});
        if constexpr (N != -1) count(B{});
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
    static constexpr bool powers_of_roots = true;  // b^(3/2) as b times the √b node, as the kernel computes it
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
    // a·b as the kernel multiplies them: b^(3/2) is b·√b.
    static printed times(const printed& a, const printed& b) {
        return {wrap(a, precedence::atom) + " * " + wrap(b, precedence::atom), precedence::product};
    }
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

    // One per parameter p: terms[i] = gys[i]·∂f/∂p at element i. The sum of
    // the terms is p's gradient (kernel_t::param_grad); the caller sums them,
    // in the order and precision it wants, on the CPU or the GPU.
    template <class P>
    std::string parameter_gradient() const {
        using pass = typename plan::template parameter_gradient<P>;
        const auto [body, values] = statements(pass{}, language);
        std::string arguments;
        ((arguments += input_range<Xs>(pass{})), ...);
        arguments += pointer(true, "gys") + ", " + pointer(false, "terms");
        return function("gradient_" + std::string(P::name.view()), arguments,
                        reads(list<Xs...>{}, pass{}) + "        const T gy = gys[i];\n" + body +
                            "        terms[i] = gy * " + wrap(values[0]) + ";\n",
                        pass{});
    }
    std::vector<std::string> functions() const {
        std::vector<std::string> out{forward(), backward(), forward_backward()};
        [&]<class... Ps>(list<Ps...>) { (out.push_back(parameter_gradient<Ps>()), ...); }(parameters{});
        return out;
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
    static std::string joined(const std::vector<std::string>& functions) {
        std::string out;
        for (const std::string& f : functions) out += (out.empty() ? "" : "\n") + f;
        return out;
    }
    std::string all() const {
        const std::vector<std::string> all_functions = functions();
        return header() + joined(all_functions) + instantiations(all_functions);
    }
};

}  // namespace detail

namespace detail {
// Each symbol's name checked (a static_assert names the first bad one).
template <class F>
constexpr bool symbols_are_emittable() {
    return []<class... Ss>(list<Ss...>) { return (emitting::check_symbol_name<Ss>() && ...); }(typename symbols_of<F>::type{});
}
template <class F, class... Xs>
std::string emit(kernel_t<F, Xs...>, std::string_view name, emitting::dialect language) {
    emitting::check_kernel_name(name, language == emitting::dialect::cpp ? "emit_cpp" : "emit_cuda");
    if constexpr (symbols_are_emittable<F>()) {
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

namespace detail {

template <class T>
inline constexpr bool is_binding_v = false;
template <class S, class T>
inline constexpr bool is_binding_v<binding<S, T>> = true;
template <class S, class... Ps>
constexpr bool is_one_of(list<Ps...>) {
    return (std::is_same_v<S, Ps> || ...);
}

// A parameter's default in emit_torch: the value of its binding, or none.
template <class P>
std::string torch_default() {
    return {};
}
template <class P, class Binding, class... Rest>
std::string torch_default(const Binding& first, const Rest&... rest) {
    if constexpr (std::is_same_v<typename Binding::symbol_type, P>) {
        const double value = static_cast<double>(first.value);
        if (!(value - value == 0)) {
            throw std::invalid_argument("actdiff: emit_torch(k, name, defaults...): the default of " +
                                        std::string(P::name.view()) + " is not a finite number");
        }
        char digits[64];
        const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
        std::string text(digits, end);
        if (text.find_first_of(".e") == std::string::npos) text += ".0";
        return text;
    } else {
        return torch_default<P>(rest...);
    }
}

// The PyTorch extension of a kernel: its C++ functions, then an autograd
// Function over them, chunked on torch's threads, and the operator's
// registration. The wrapper's own locals are named after the symbols with a
// suffix (x_input, beta_value), so that no symbol can capture one.
template <class F, class... Xs>
struct torch_source {
    using source = kernel_source<kernel_t<F, Xs...>>;
    using plan = typename source::plan;
    using parameters = typename plan::parameters;
    static constexpr std::size_t arity = sizeof...(Xs);
    static constexpr std::size_t parameter_count = []<class... Ps>(list<Ps...>) { return sizeof...(Ps); }(parameters{});

    std::string name;
    std::vector<std::string> defaults;  // per parameter: a literal, or empty for none

    template <class S>
    static std::string named(std::string_view suffix) {
        return std::string(S::name.view()) + std::string(suffix);
    }
    // Each symbol of a list, through f, joined by separator.
    template <class... Ss, class Each>
    static std::string each(list<Ss...>, [[maybe_unused]] Each f, [[maybe_unused]] std::string_view separator = "") {
        std::string out;
        ((out += (out.empty() ? "" : std::string(separator)) + f(Ss{})), ...);
        return out;
    }
    static constexpr auto inputs = list<Xs...>{};
    using first_input = std::tuple_element_t<0, std::tuple<Xs...>>;

    std::string parameter_values(const char* type) const {
        return each(parameters{}, [&](auto p) { return std::string(", ") + type + "(" + named<decltype(p)>("_value") + ")"; });
    }
    // A call of NAME_suffix over the chunk [begin, end).
    std::string chunked_call(const std::string& suffix, const std::vector<std::string>& tensors,
                             const std::string& indent) const {
        std::string arguments;
        for (const std::string& t : tensors) arguments += t + ".data_ptr<T>() + begin, ";
        return indent + "at::parallel_for(0, n, " + name + "_torch::grain, [&](std::int64_t begin, std::int64_t end) {\n" +
               indent + "    " + name + "_" + suffix + "<T>(" + arguments + "static_cast<std::size_t>(end - begin)" +
               parameter_values("T") + ");\n" + indent + "});\n";
    }
    template <class... Ss>
    static std::vector<std::string> names(list<Ss...>, std::string_view suffix) {
        return {named<Ss>(suffix)...};
    }
    static std::vector<std::string> operator_plus(std::vector<std::string> a, const std::vector<std::string>& b) {
        a.insert(a.end(), b.begin(), b.end());
        return a;
    }

    std::string header() const {
        std::string out = "// " + name + ": a PyTorch operator generated by actdiff (emit_torch) from\n";
        out += "//   f = " + to_string(F{}) + "\n";
        ((out += "//   ∂f/∂" + std::string(Xs::name.view()) + " = " + to_string(d(F{}, Xs{})) + "\n"), ...);
        out += each(parameters{}, [](auto p) {
            return "//   ∂f/∂" + to_string(p) + " = " + to_string(d(F{}, p)) + "\n";
        });
        out += "// Build it with torch.utils.cpp_extension (-fopenmp: PyTorch's threads) and call it from Python:\n"
               "//   torch.utils.cpp_extension.load(name=\"" + name + "\", sources=[\"" + name +
               ".cpp\"], extra_cflags=[\"-O2\", \"-fopenmp\"],\n"
               "//                                  extra_ldflags=[\"-fopenmp\"], is_python_module=False)\n"
               "//   y = torch.ops.actdiff_emitted." + name + "(...), whose schema is\n"
               "//   " + operator_signature().schema + "\n"
               "// Inputs: float or double CPU tensors of one shape, any strides. Each parameter is a\n"
               "// one-element tensor that may require its gradient. The loops run on torch's threads.\n"
               "#include <cmath>\n#include <cstddef>\n#include <cstdint>\n\n"
               "#include <ATen/Parallel.h>\n#include <torch/autograd.h>\n#include <torch/library.h>\n\n"
               "namespace {\n\n";
        return out;
    }
    std::string helpers() const {
        const std::string prefix = "\"actdiff operator " + name + ": \"";
        return "namespace " + name + "_torch {\n\n"
               "constexpr std::int64_t grain = 32768;  // elements per chunk, as PyTorch's own element-wise loops\n\n"
               "void check_input(const at::Tensor& t, const char* input, const at::Tensor& first) {\n"
               "    TORCH_CHECK(t.defined(), " + prefix + ", input, \" is an undefined tensor\");\n"
               "    TORCH_CHECK(t.device().is_cpu(), " + prefix + ", input, \" is on \", t.device(), \"; its kernels run on the CPU\");\n"
               "    TORCH_CHECK(t.scalar_type() == at::kFloat || t.scalar_type() == at::kDouble, " + prefix +
               ", input, \" has dtype \",\n"
               "                t.scalar_type(), \"; it takes float or double tensors\");\n"
               "    TORCH_CHECK(t.scalar_type() == first.scalar_type() && t.sizes() == first.sizes(), " + prefix +
               ", input, \" has dtype \",\n"
               "                t.scalar_type(), \" and shape \", t.sizes(), \", the first input \", first.scalar_type(), \" and \", first.sizes(),\n"
               "                \"; the inputs must share both\");\n"
               "}\n\n"
               "double parameter_value(const at::Tensor& p, const char* parameter) {\n"
               "    TORCH_CHECK(p.defined() && p.numel() == 1, " + prefix + ", \"parameter \", parameter,\n"
               "                \" must be a tensor of one element\");\n"
               "    TORCH_CHECK(p.device().is_cpu() && p.is_floating_point(), " + prefix + ", \"parameter \", parameter,\n"
               "                \" must be a floating-point tensor on the CPU\");\n"
               "    return p.item<double>();\n"
               "}\n\n"
               "// body(T()) with T the tensor's element type, float or double.\n"
               "template <class Body>\n"
               "void with_type(const at::Tensor& t, Body body) {\n"
               "    if (t.scalar_type() == at::kDouble) body(double()); else body(float());\n"
               "}\n\n"
               "}  // namespace " + name + "_torch\n\n";
    }

    std::string forward() const {
        const std::string torch_ns = name + "_torch::";
        std::string out = "    static at::Tensor forward(torch::autograd::AutogradContext* context" +
                          each(inputs, [](auto x) { return ", const at::Tensor& " + named<decltype(x)>("_input"); }) +
                          each(parameters{}, [](auto p) { return ", const at::Tensor& " + named<decltype(p)>("_input"); }) +
                          ") {\n";
        const std::string first = named<first_input>("_input");
        out += each(inputs, [&](auto x) {
            return "        " + torch_ns + "check_input(" + named<decltype(x)>("_input") + ", \"input " +
                   named<decltype(x)>("") + "\", " + first + ");\n";
        });
        out += each(inputs, [](auto x) {
            return "        const at::Tensor " + named<decltype(x)>("_tensor") + " = " + named<decltype(x)>("_input") +
                   ".contiguous();\n";
        });
        out += each(parameters{}, [&](auto p) {
            return "        const double " + named<decltype(p)>("_value") + " = " + torch_ns + "parameter_value(" +
                   named<decltype(p)>("_input") + ", \"" + named<decltype(p)>("") + "\");\n";
        });
        const std::string first_tensor = named<first_input>("_tensor");
        out += "        at::Tensor y = at::empty_like(" + first_tensor + ", at::MemoryFormat::Contiguous);\n"
               "        const std::int64_t n = y.numel();\n"
               "        " + torch_ns + "with_type(y, [&](auto zero) {\n"
               "            using T = decltype(zero);\n" +
               chunked_call("forward", operator_plus(names(inputs, "_tensor"), {"y"}), "            ") + "        });\n";
        // What the backward reads, then the inputs for a parameter's gradient, then the parameters.
        if constexpr (plan::backward_uses_output) {
            out += "        torch::autograd::variable_list saved{y};\n";
            if (parameter_count > 0) {
                out += "        if (" + each(parameters{}, [](auto p) { return named<decltype(p)>("_input") + ".requires_grad()"; }, " || ") +
                       ") {\n            saved.insert(saved.end(), {" +
                       each(inputs, [](auto x) { return named<decltype(x)>("_tensor"); }, ", ") + "});\n        }\n";
            }
        } else {
            out += "        torch::autograd::variable_list saved{" +
                   each(inputs, [](auto x) { return named<decltype(x)>("_tensor"); }, ", ") + "};\n";
        }
        out += each(parameters{}, [](auto p) { return "        saved.push_back(" + named<decltype(p)>("_input") + ");\n"; });
        out += "        context->save_for_backward(saved);\n";
        out += each(parameters{}, [](auto p) {
            return "        context->saved_data[\"" + named<decltype(p)>("") + "\"] = " + named<decltype(p)>("_value") + ";\n";
        });
        out += "        return y;\n    }\n";
        return out;
    }

    std::string backward() const {
        const std::string torch_ns = name + "_torch::";
        std::string out =
            "    static torch::autograd::variable_list backward(torch::autograd::AutogradContext* context,\n"
            "                                                   torch::autograd::variable_list gradients) {\n"
            "        const torch::autograd::variable_list saved = context->get_saved_variables();\n";
        // The saved tensors' positions.
        std::size_t at = 0;
        if constexpr (plan::backward_uses_output) {
            out += "        const at::Tensor& y = saved[0];\n";
            at = 1;
            if constexpr (parameter_count > 0) {
                out += "        const bool inputs_saved = saved.size() > " + std::to_string(1 + parameter_count) + ";\n";
                std::size_t k = 1;
                out += each(inputs, [&](auto x) {
                    return "        const at::Tensor " + named<decltype(x)>("_tensor") + " = inputs_saved ? saved[" +
                           std::to_string(k++) + "] : at::Tensor();\n";
                });
            }
        } else {
            out += each(inputs, [&](auto x) {
                return "        const at::Tensor& " + named<decltype(x)>("_tensor") + " = saved[" + std::to_string(at++) + "];\n";
            });
        }
        {
            std::size_t k = 0;
            out += each(parameters{}, [&](auto p) {
                return "        const at::Tensor& " + named<decltype(p)>("_input") + " = saved[saved.size() - " +
                       std::to_string(parameter_count - k++) + "];\n";
            });
        }
        out += each(parameters{}, [](auto p) {
            return "        const double " + named<decltype(p)>("_value") + " = context->saved_data[\"" + named<decltype(p)>("") +
                   "\"].toDouble();\n";
        });
        const std::string like = plan::backward_uses_output ? "y" : named<first_input>("_tensor");
        out += "        const at::Tensor gy = gradients[0].to(" + like + ".scalar_type()).contiguous();\n"
               "        const std::int64_t n = gy.numel();\n";
        out += each(inputs, [](auto x) { return "        at::Tensor " + named<decltype(x)>("_grad") + ";\n"; });
        out += each(parameters{}, [](auto p) { return "        at::Tensor " + named<decltype(p)>("_grad") + ";\n"; });
        out += "        " + torch_ns + "with_type(gy, [&](auto zero) {\n"
               "            using T = decltype(zero);\n";
        std::string any_input;
        for (std::size_t i = 0; i < arity; ++i) {
            any_input += (i ? " || " : "") + std::string("context->needs_input_grad(") + std::to_string(i) + ")";
        }
        out += "            if (" + any_input + ") {\n";
        out += each(inputs, [&](auto x) {
            return "                " + named<decltype(x)>("_grad") + " = at::empty_like(" + like +
                   ", at::MemoryFormat::Contiguous);\n";
        });
        const std::vector<std::string> reads =
            plan::backward_uses_output ? std::vector<std::string>{"y"} : names(inputs, "_tensor");
        out += chunked_call("backward", operator_plus(operator_plus(reads, {"gy"}), names(inputs, "_grad")), "                ");
        out += "            }\n";
        std::size_t k = arity;
        out += each(parameters{}, [&](auto p) {
            using P = decltype(p);
            return "            if (context->needs_input_grad(" + std::to_string(k++) + ")) {\n"
                   "                at::Tensor terms = at::empty_like(gy);\n" +
                   chunked_call("gradient_" + named<P>(""), operator_plus(operator_plus(names(inputs, "_tensor"), {"gy"}), {"terms"}),
                                "                ") +
                   "                " + named<P>("_grad") + " = terms.sum(at::kDouble).reshape(" + named<P>("_input") +
                   ".sizes()).to(" + named<P>("_input") + ".scalar_type());\n"
                   "            }\n";
        });
        out += "        });\n";
        out += "        return {" + each(inputs, [](auto x) { return named<decltype(x)>("_grad"); }, ", ") +
               each(parameters{}, [](auto p) { return ", " + named<decltype(p)>("_grad"); }) + "};\n    }\n";
        return out;
    }

    // The operator's arguments: the inputs, the parameters without a
    // default, then those with one (a schema's defaults come last); each
    // group in the formula's order. The Function takes the formula's order.
    struct signature {
        std::string schema, arguments, resolved;
    };
    signature operator_signature() const {
        signature out;
        out.schema = name + "(" + each(inputs, [](auto x) { return "Tensor " + named<decltype(x)>(""); }, ", ");
        out.arguments = each(inputs, [](auto x) { return "const at::Tensor& " + named<decltype(x)>("_input"); }, ", ");
        std::string optional_schema, optional_arguments;
        std::size_t k = 0;
        each(parameters{}, [&](auto p) {
            using P = decltype(p);
            const std::string& fallback = defaults[k++];
            if (fallback.empty()) {
                out.schema += ", Tensor " + named<P>("");
                out.arguments += ", const at::Tensor& " + named<P>("_argument");
                out.resolved += "    const at::Tensor& " + named<P>("_input") + " = " + named<P>("_argument") + ";\n";
            } else {
                optional_schema += ", Tensor? " + named<P>("") + "=None";
                optional_arguments += ", const c10::optional<at::Tensor>& " + named<P>("_argument");
                out.resolved += "    const at::Tensor " + named<P>("_input") + " = " + named<P>("_argument") +
                                ".has_value() ? *" + named<P>("_argument") + " : at::scalar_tensor(" + fallback +
                                ", at::kDouble);\n";
            }
            return std::string();
        });
        out.schema += optional_schema + ") -> Tensor";
        out.arguments += optional_arguments;
        return out;
    }

    std::string registration() const {
        const signature s = operator_signature();
        return "at::Tensor " + name + "_operator(" + s.arguments + ") {\n" + s.resolved + "    return " + name +
               "_function::apply(" + each(inputs, [](auto x) { return named<decltype(x)>("_input"); }, ", ") +
               each(parameters{}, [](auto p) { return ", " + named<decltype(p)>("_input"); }) + ");\n}\n\n" +
               "}  // namespace\n\n"
               "TORCH_LIBRARY_FRAGMENT(actdiff_emitted, library) {\n"
               "    library.def(\"" + s.schema + "\", &" + name + "_operator);\n}\n";
    }

    std::string all() const {
        const source functions{emitting::dialect::cpp, name};
        return header() + source::joined(functions.functions()) + "\n" + helpers() + "struct " + name +
               "_function : torch::autograd::Function<" + name + "_function> {\n" + forward() + "\n" + backward() +
               "};\n\n" + registration();
    }
};

}  // namespace detail

// The kernel as a standalone PyTorch extension: the C++ of emit_cpp, an
// autograd Function over it, and the operator torch.ops.actdiff_emitted.NAME,
// registered with TORCH_LIBRARY_FRAGMENT. Its arguments are the inputs, then
// the parameters in the order the formula first uses them, except that those
// given a default (defaults: bindings, beta = 1.0) come last, optional.
// Throws std::invalid_argument as emit_cpp does, and for a non-finite default.
template <class F, class... Xs, class... Defaults>
std::string emit_torch(kernel_t<F, Xs...> k, std::string_view name, const Defaults&... defaults) {
    using parameters = typename kernel_t<F, Xs...>::plan::parameters;
    static_assert((detail::is_binding_v<Defaults> && ...),
                  "actdiff: emit_torch(k, name, defaults...): each default is a binding, param<\"name\">{} = value");
    if constexpr ((detail::is_binding_v<Defaults> && ...)) {
        static_assert((detail::is_one_of<typename Defaults::symbol_type>(parameters{}) && ...),
                      "actdiff: emit_torch(k, name, defaults...): a default binds a symbol that is not a parameter of k");
    }
    (void)k;
    detail::emitting::check_kernel_name(name, "emit_torch");
    if constexpr (detail::symbols_are_emittable<F>()) {
        std::vector<std::string> fallbacks;
        [&]<class... Ps>(detail::list<Ps...>) { (fallbacks.push_back(detail::torch_default<Ps>(defaults...)), ...); }(parameters{});
        return detail::torch_source<F, Xs...>{std::string(name), std::move(fallbacks)}.all();
    } else {
        return {};
    }
}

}  // namespace actdiff

ACTDIFF_TEXT_CODE_END
