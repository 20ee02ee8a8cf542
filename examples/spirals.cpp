// Why activations exist: two interleaved spirals, which no line separates,
// and a small MLP (2 → 32 → 32 → 2) trained on them with libtorch. Without an
// activation the network is one linear map and stays near chance; with one,
// through actdiff's operators (torch_op), it separates the spirals. Then the
// same training with PyTorch's own tanh and with actdiff's, from one seed:
// the loss curves agree to float round-off.
//   example_spirals [OUT.svg [SHOWN.svg]]
// prints the accuracies, writes each decision boundary as SVG, and checks
// that the picture shown in docs/pytorch.md (SHOWN.svg) has this run's
// accuracies. Exit status 1 when the linear model separates the data or a
// non-linear one does not, the two loss curves part, or SHOWN.svg is stale.
#include <actdiff/torch.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

namespace {
using namespace actdiff;
constexpr auto x = var<"x">;
using activation = std::function<torch::Tensor(const torch::Tensor&)>;

struct spirals {
    torch::Tensor points, labels;
};

// Two arms of 200 points each, half a turn apart, with a little noise.
spirals make_spirals() {
    torch::manual_seed(7);
    const std::int64_t n = 200;
    const torch::Tensor t = torch::linspace(0.25, 3.0 * M_PI, n);
    std::vector<torch::Tensor> arms, labels;
    for (int arm = 0; arm < 2; ++arm) {
        const torch::Tensor angle = t + arm * M_PI;
        const torch::Tensor radius = t / (3.0 * M_PI);
        arms.push_back(torch::stack({radius * torch::cos(angle), radius * torch::sin(angle)}, 1) + 0.02 * torch::randn({n, 2}));
        labels.push_back(torch::full({n}, arm, torch::kLong));
    }
    return {torch::cat(arms), torch::cat(labels)};
}

struct mlp : torch::nn::Module {
    torch::nn::Linear first{nullptr}, second{nullptr}, last{nullptr};
    activation act;
    explicit mlp(activation f) : act(std::move(f)) {
        first = register_module("first", torch::nn::Linear(2, 32));
        second = register_module("second", torch::nn::Linear(32, 32));
        last = register_module("last", torch::nn::Linear(32, 2));
    }
    torch::Tensor forward(const torch::Tensor& input) { return last(act(second(act(first(input))))); }
};

struct run {
    std::vector<double> losses;
    double accuracy = 0, milliseconds_per_step = 0;
    std::shared_ptr<mlp> model;
};

run train(const spirals& data, activation f, int steps = 1500) {
    torch::manual_seed(1);
    run result{.model = std::make_shared<mlp>(std::move(f))};
    torch::optim::Adam optimiser(result.model->parameters(), torch::optim::AdamOptions(0.01));
    const auto start = std::chrono::steady_clock::now();
    for (int step = 0; step < steps; ++step) {
        optimiser.zero_grad();
        const torch::Tensor loss = torch::nn::functional::cross_entropy(result.model->forward(data.points), data.labels);
        loss.backward();
        optimiser.step();
        result.losses.push_back(loss.item<double>());
    }
    result.milliseconds_per_step =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() / steps;
    torch::NoGradGuard no_grad;
    result.accuracy = result.model->forward(data.points).argmax(1).eq(data.labels).to(torch::kFloat64).mean().item<double>();
    return result;
}

// One panel: the model's class over a grid of [−1.1, 1.1]², in cell units as
// runs of equal cells, the data (drawn once, in <defs>) on top, and the title.
constexpr int cells = 55;
constexpr double panel_size = 220;

std::string panel(const run& r, const std::string& title, double left) {
    std::vector<float> grid;
    for (int row = 0; row < cells; ++row) {
        for (int column = 0; column < cells; ++column) {
            grid.push_back(float(-1.1 + 2.2 * (column + 0.5) / cells));
            grid.push_back(float(1.1 - 2.2 * (row + 0.5) / cells));
        }
    }
    torch::NoGradGuard no_grad;
    const torch::Tensor classes = r.model->forward(torch::tensor(grid).view({cells * cells, 2})).argmax(1).contiguous();
    const std::int64_t* c = classes.data_ptr<std::int64_t>();
    char buffer[200];
    std::snprintf(buffer, sizeof buffer, "<g transform=\"translate(%.0f 30) scale(%.4f)\" shape-rendering=\"crispEdges\">\n", left, panel_size / cells);
    std::string svg = buffer;
    for (int row = 0; row < cells; ++row) {
        for (int column = 0; column < cells;) {
            int end = column;
            while (end < cells && c[row * cells + end] == c[row * cells + column]) ++end;
            std::snprintf(buffer, sizeof buffer, "<rect class=\"c%d\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"1.02\"/>\n",
                          int(c[row * cells + column]), column, row, end - column);
            svg += buffer;
            column = end;
        }
    }
    std::snprintf(buffer, sizeof buffer, "</g>\n<use href=\"#data\" x=\"%.0f\" y=\"30\"/>\n<text x=\"%.0f\" y=\"20\">%s: %.0f%%</text>\n",
                  left, left, title.c_str(), 100 * r.accuracy);
    return svg + buffer;
}

// The SVG of all panels; the data is one group, which each panel uses.
std::string picture(const std::string& panels, const spirals& data, double width) {
    std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"" +
                      std::to_string(int(width)) + "\" height=\"260\" font-family=\"sans-serif\" font-size=\"13\">\n"
                      "<style>.c0{fill:#cfe0f3}.c1{fill:#f6d5c8}.p0{fill:#1f5f9e}.p1{fill:#c0392b}</style>\n<defs><g id=\"data\">\n";
    char buffer[120];
    for (std::int64_t i = 0; i < data.points.size(0); ++i) {
        std::snprintf(buffer, sizeof buffer, "<circle class=\"p%d\" cx=\"%.1f\" cy=\"%.1f\" r=\"2\"/>\n", int(data.labels[i].item<std::int64_t>()),
                      (data.points[i][0].item<double>() + 1.1) / 2.2 * panel_size, (1.1 - data.points[i][1].item<double>()) / 2.2 * panel_size);
        svg += buffer;
    }
    return svg + "</g></defs>\n" + panels + "</svg>\n";
}
}  // namespace

int main(int argc, char** argv) {
    torch::set_num_threads(1);
    const spirals data = make_spirals();
    const auto sigmoid_op = torch_op(kernel(sigmoid(x), x), "sigmoid");
    const auto tanh_op = torch_op(kernel(tanh(x), x), "tanh");
    const auto relu_op = torch_op(kernel(relu(x), x), "relu");
    const auto gelu_op = torch_op(kernel(gelu(x), x), "gelu");
    const auto tanhexp_op = torch_op(kernel(x * tanh(exp(x)), x), "tanhexp");  // a formula of the user's
    const std::vector<std::pair<std::string, activation>> activations = {
        {"none (linear)", [](const torch::Tensor& t) { return t; }},
        {"sigmoid", [&](const torch::Tensor& t) { return sigmoid_op(t); }},
        {"tanh", [&](const torch::Tensor& t) { return tanh_op(t); }},
        {"relu", [&](const torch::Tensor& t) { return relu_op(t); }},
        {"gelu", [&](const torch::Tensor& t) { return gelu_op(t); }},
        {"tanhexp (yours)", [&](const torch::Tensor& t) { return tanhexp_op(t); }},
    };

    bool ok = true;
    std::string svg;
    double left = 10;
    std::printf("%-16s %9s %12s\n", "activation", "accuracy", "ms per step");
    for (const auto& [name, f] : activations) {
        const run r = train(data, f);
        std::printf("%-16s %8.1f%% %12.3f\n", name.c_str(), 100 * r.accuracy, r.milliseconds_per_step);
        const bool linear = name == "none (linear)";
        // Chance is 50%; a line through a spiral pair gets a little more.
        if (linear ? r.accuracy > 0.7 : r.accuracy < 0.95) {
            std::printf("  unexpected: %s\n", linear ? "a linear model separates the spirals" : "the activation does not separate them");
            ok = false;
        }
        svg += panel(r, name, left);
        left += 240;
    }

    // PyTorch's tanh against actdiff's, from one seed.
    const run builtin = train(data, [](const torch::Tensor& t) { return torch::tanh(t); });
    const run ours = train(data, [&](const torch::Tensor& t) { return tanh_op(t); });
    double largest = 0;
    for (std::size_t i = 0; i < builtin.losses.size(); ++i) largest = std::max(largest, std::abs(builtin.losses[i] - ours.losses[i]));
    std::printf("tanh, PyTorch's and actdiff's, same seed: max |Δloss| over %zu steps %.2e (losses %.4f → %.4f); %.3f and %.3f ms per step\n",
                builtin.losses.size(), largest, builtin.losses.front(), builtin.losses.back(), builtin.milliseconds_per_step,
                ours.milliseconds_per_step);
    if (!(largest < 1e-4)) {
        std::printf("  unexpected: the loss curves part\n");
        ok = false;
    }

    if (argc > 1) {
        std::ofstream out(argv[1]);
        out << picture(svg, data, left);
    }
    if (argc > 2) {
        std::ifstream in(argv[2]);
        const std::string shown{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        for (std::size_t at = svg.find("<text"); at != std::string::npos; at = svg.find("<text", at + 1)) {
            const std::string title = svg.substr(at, svg.find("</text>", at) - at);
            if (shown.find(title) == std::string::npos) {
                std::printf("  stale: %s does not show %s; regenerate it with this program\n", argv[2], title.c_str());
                ok = false;
            }
        }
    }
    return ok ? 0 : 1;
}
