// Shared by compare_*.cpp, each a third of the catalog (one TU would take
// a minute to compile). The emitted C++ of every catalog entry (`actdiff emit NAME --cpp`, written
// at build time), compiled here by the system compiler and run against the
// in-library kernel of the same entry: forward, backward and fused, in float
// and double, on the catalog's points and a sweep, parameters at their defaults;
// and each parameter's gradient terms (NAME_gradient_P), summed, against param_grad.
#pragma once

#include <cmath>
#include <limits>
#include <vector>

#include <catch2/catch.hpp>

#include <actdiff/kernel/emit.hpp>
#include <actdiff/catalog/registry.hpp>

#include "../support.hpp"


namespace emitted_test {

namespace hana = boost::hana;
using namespace actdiff;

// Inputs: one sweep for a single input; a grid of (a, b) for a gated unit.
template <class T>
std::vector<std::vector<T>> inputs(std::size_t arity) {
    std::vector<std::vector<T>> out(arity);
    if (arity == 1) {
        for (double p : test_support::catalog_points) out[0].push_back(T(p));
        for (int i = -2000; i <= 2000; ++i) out[0].push_back(T(i / 100.0));
    } else {
        for (int i = -60; i <= 60; ++i) {
            for (int j = -60; j <= 60; j += 3) {
                out[0].push_back(T(i / 6.0));
                out[1].push_back(T(j / 6.0));
            }
        }
    }
    return out;
}

// magnitude: the inputs' size, where a product with a cancelling factor is
// compared (geglu's b·gelu(a) near a = −3.5).
template <class T>
bool agree(T emitted, T library, double magnitude) {
    if (std::isnan(library)) return std::isnan(emitted);
    const double scale = std::max({std::abs(double(library)), std::abs(double(emitted)), magnitude});
    return std::abs(double(emitted) - double(library)) <= 64 * std::numeric_limits<T>::epsilon() * scale;
}

template <class T>
T output_gradient(std::size_t i) {
    return T(0.75) + T(i % 5) / T(8);
}
// The entry's parameters at their defaults: as the emitted functions take
// them (T values in the formula's order), and as the kernel takes them (bindings).
template <class T, class Kernel, class Entry>
auto emitted_parameters(const Entry& entry) {
    const auto env = entry.at_defaults();
    return [&]<class... Ps>(detail::list<Ps...>) {
        return std::tuple{T(detail::bound_value<Ps>(env))...};
    }(typename Kernel::plan::parameters{});
}
template <class T, class Entry>
auto library_bindings(const Entry& entry) {
    return hana::unpack(entry.parameters, [&](const auto&... p) { return std::tuple{(p.symbol = T(p.value))...}; });
}

template <class T, class Entry, class Forward, class Backward, class FusedPass>
void compare_with_library(const Entry& entry, Forward emitted_forward, Backward emitted_backward, FusedPass emitted_fused) {
    hana::unpack(entry.inputs, [&](auto... input_symbols) {
        constexpr auto k = kernel(decltype(entry.formula){}, input_symbols...);
        using K = std::remove_const_t<decltype(k)>;
        constexpr std::size_t arity = sizeof...(input_symbols);
        const auto in = inputs<T>(arity);
        const std::size_t n = in[0].size();
        std::vector<T> gys(n), ys(n), emitted_ys(n), fused_ys(n), emitted_fused_ys(n);
        std::vector<std::vector<T>> gxs(arity, std::vector<T>(n)), emitted_gxs = gxs, fused_gxs = gxs,
                                    emitted_fused_gxs = gxs;
        for (std::size_t i = 0; i < n; ++i) gys[i] = output_gradient<T>(i);
        const auto parameter_values = emitted_parameters<T, K>(entry);
        const auto bindings = library_bindings<T>(entry);
        const auto emitted = [&](auto function, auto*... pointers) {
            std::apply([&](const auto&... p) { function(pointers..., n, p...); }, parameter_values);
        };
        if constexpr (arity == 1) {
            std::apply([&](const auto&... b) { k.forward(in[0], ys, b...); }, bindings);
            std::apply([&](const auto&... b) { k.backward(K::backward_uses_output ? ys : in[0], gys, gxs[0], b...); },
                       bindings);
            std::apply([&](const auto&... b) { k.forward_backward(in[0], gys, fused_ys, fused_gxs[0], b...); }, bindings);
            emitted(emitted_forward, in[0].data(), emitted_ys.data());
            emitted(emitted_backward, (K::backward_uses_output ? ys : in[0]).data(), gys.data(), emitted_gxs[0].data());
            emitted(emitted_fused, in[0].data(), gys.data(), emitted_fused_ys.data(), emitted_fused_gxs[0].data());
        } else {
            std::apply([&](const auto&... b) { k.forward(in[0], in[1], ys, b...); }, bindings);
            std::apply([&](const auto&... b) { k.backward(in[0], in[1], gys, gxs[0], gxs[1], b...); }, bindings);
            std::apply([&](const auto&... b) { k.forward_backward(in[0], in[1], gys, fused_ys, fused_gxs[0], fused_gxs[1], b...); },
                       bindings);
            emitted(emitted_forward, in[0].data(), in[1].data(), emitted_ys.data());
            emitted(emitted_backward, in[0].data(), in[1].data(), gys.data(), emitted_gxs[0].data(), emitted_gxs[1].data());
            emitted(emitted_fused, in[0].data(), in[1].data(), gys.data(), emitted_fused_ys.data(),
                    emitted_fused_gxs[0].data(), emitted_fused_gxs[1].data());
        }
        for (std::size_t i = 0; i < n; ++i) {
            double magnitude = 1;
            for (const auto& values : in) magnitude = std::max(magnitude, std::abs(double(values[i])));
            INFO(entry.name << " at element " << i << " (input " << in[0][i] << "): y " << emitted_ys[i] << " vs " << ys[i]);
            CHECK(agree(emitted_ys[i], ys[i], magnitude));
            CHECK(agree(emitted_fused_ys[i], fused_ys[i], magnitude));
            for (std::size_t j = 0; j < arity; ++j) {
                INFO("gradient " << j << ": " << emitted_gxs[j][i] << " vs " << gxs[j][i]);
                CHECK(agree(emitted_gxs[j][i], gxs[j][i], magnitude));
                CHECK(agree(emitted_fused_gxs[j][i], fused_gxs[j][i], magnitude));
            }
        }
    });
}

// NAME_gradient_P: its terms, summed in double, against the kernel's
// param_grad(P, ...), with the parameters at their defaults.
template <class T, class Entry, class P, class Terms>
void compare_parameter_gradient(const Entry& entry, P, Terms emitted_terms) {
    hana::unpack(entry.inputs, [&](auto... input_symbols) {
        constexpr auto k = kernel(decltype(entry.formula){}, input_symbols...);
        using K = std::remove_const_t<decltype(k)>;
        constexpr std::size_t arity = sizeof...(input_symbols);
        const auto in = inputs<T>(arity);
        const std::size_t n = in[0].size();
        std::vector<T> gys(n), terms(n);
        for (std::size_t i = 0; i < n; ++i) gys[i] = output_gradient<T>(i);
        const auto parameter_values = emitted_parameters<T, K>(entry);
        const auto bindings = library_bindings<T>(entry);
        double library = 0;
        if constexpr (arity == 1) {
            library = std::apply([&](const auto&... b) { return double(k.param_grad(P{}, in[0], gys, b...)); }, bindings);
            std::apply([&](const auto&... p) { emitted_terms(in[0].data(), gys.data(), terms.data(), n, p...); }, parameter_values);
        } else {
            library = std::apply([&](const auto&... b) { return double(k.param_grad(P{}, in[0], in[1], gys, b...)); }, bindings);
            std::apply([&](const auto&... p) { emitted_terms(in[0].data(), in[1].data(), gys.data(), terms.data(), n, p...); },
                       parameter_values);
        }
        double sum = 0, size = 0;
        for (T term : terms) sum += double(term), size += std::abs(double(term));
        INFO(entry.name << ": the terms of " << P::name.view() << "'s gradient sum to " << sum << ", param_grad gives " << library);
        CHECK(std::abs(sum - library) <= 64 * std::numeric_limits<T>::epsilon() * (size + 1));
    });
}

}  // namespace emitted_test

#define ACTDIFF_EMITTED(index, id)                                                                              \
    TEST_CASE("emitted C++ of " #id " matches the library's kernel", "[emit]") {                               \
        const auto& entry = boost::hana::at_c<index>(actdiff::catalog::registry);                                        \
        REQUIRE(entry.name == #id);                                                                             \
        const auto forward = [](auto... a) { id##_forward(a...); };                                            \
        const auto backward = [](auto... a) { id##_backward(a...); };                                          \
        const auto fused = [](auto... a) { id##_forward_backward(a...); };                                     \
        emitted_test::compare_with_library<double>(entry, forward, backward, fused);                                                         \
        emitted_test::compare_with_library<float>(entry, forward, backward, fused);                                                          \
    }


// One parameter's emitted gradient terms (NAME_gradient_P) against param_grad.
#define ACTDIFF_EMITTED_PARAMETER(index, id, p)                                                                 \
    TEST_CASE("emitted C++ of " #id ": the terms of " #p "'s gradient sum to param_grad", "[emit][parameter]") { \
        const auto& entry = boost::hana::at_c<index>(actdiff::catalog::registry);                               \
        REQUIRE(entry.name == #id);                                                                             \
        const auto terms = [](auto... a) { id##_gradient_##p(a...); };                                         \
        emitted_test::compare_parameter_gradient<double>(entry, actdiff::param<#p>, terms);                     \
        emitted_test::compare_parameter_gradient<float>(entry, actdiff::param<#p>, terms);                      \
    }
