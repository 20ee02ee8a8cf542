// Execution policies for the kernels' calls: serial (the default) or
// parallel over the machine's threads,
//   k.forward(parallel, xs, ys, beta = 1.0f);
//   k.forward_backward(parallel_policy{.threads = 2}, xs, gys, ys, gxs);
// An elementwise call is split into one contiguous block per thread, each a
// whole number of the kernels' 4096-element chunks, so that a core streams
// its own cache lines and no two cores write the same line. The values are
// the same as a serial call's, element for element; param_grad adds its
// chunks' sums in the same order whatever the thread count.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <stop_token>
#include <thread>
#include <type_traits>
#include <vector>

namespace actdiff {

struct serial_policy {};
// threads: how many to use, 0 for every hardware thread. Calls shorter than
// min_per_thread elements per thread use fewer threads (a thread's start-up
// costs about as much as 2^14 elements of a cheap kernel).
struct parallel_policy {
    unsigned threads = 0;
    std::size_t min_per_thread = std::size_t(1) << 15;
};
inline constexpr serial_policy serial{};
inline constexpr parallel_policy parallel{};

template <class P>
inline constexpr bool is_execution_policy_v =
    std::is_same_v<std::remove_cvref_t<P>, serial_policy> || std::is_same_v<std::remove_cvref_t<P>, parallel_policy>;

namespace detail {

template <class... Args>
inline constexpr bool policy_first = false;
template <class First, class... Args>
inline constexpr bool policy_first<First, Args...> = is_execution_policy_v<First>;

// The process's worker threads, started on the first parallel call: one
// fewer than the hardware has, as the calling thread takes a block too.
// One parallel call runs at a time; another thread's call made meanwhile
// runs on its own thread, serially, rather than wait.
class thread_pool {
public:
    static thread_pool& instance() {
        static thread_pool pool(std::max(1u, std::thread::hardware_concurrency()));
        return pool;
    }
    unsigned size() const { return unsigned(workers_.size()) + 1; }

    // Runs task(0) … task(count − 1), the caller taking task 0; returns
    // false, having run nothing, when the pool is busy with another call.
    bool run(unsigned count, const std::function<void(unsigned)>& task) {
        std::unique_lock call(call_mutex_, std::try_to_lock);
        if (!call.owns_lock()) return false;
        {
            std::lock_guard lock(mutex_);
            task_ = &task;
            count_ = count;
            next_ = 1;
            pending_ = count - 1;
        }
        wake_.notify_all();
        task(0);
        for (;;) {  // the caller takes blocks no worker has started yet
            unsigned k;
            {
                std::lock_guard lock(mutex_);
                if (next_ >= count_) break;
                k = next_++;
            }
            task(k);
            finish_one();
        }
        std::unique_lock lock(mutex_);
        done_.wait(lock, [&] { return pending_ == 0; });
        task_ = nullptr;
        return true;
    }

private:
    explicit thread_pool(unsigned threads) {
        for (unsigned i = 1; i < threads; ++i) {
            workers_.emplace_back([this](std::stop_token stop) { work(stop); });
        }
    }
    void finish_one() {
        std::lock_guard lock(mutex_);
        if (--pending_ == 0) done_.notify_one();
    }
    void work(std::stop_token stop) {
        for (;;) {
            unsigned k;
            const std::function<void(unsigned)>* task;
            {
                std::unique_lock lock(mutex_);
                if (!wake_.wait(lock, stop, [&] { return next_ < count_; })) return;
                k = next_++;
                task = task_;
            }
            (*task)(k);
            finish_one();
        }
    }

    std::mutex call_mutex_, mutex_;
    std::condition_variable_any wake_;
    std::condition_variable done_;
    const std::function<void(unsigned)>* task_ = nullptr;
    unsigned count_ = 0, next_ = 0, pending_ = 0;
    std::vector<std::jthread> workers_;  // last: joined first, before the members they use go
};

// How many blocks a call of n elements is split into, and block k's range:
// whole chunks, contiguous, in order.
struct blocks {
    std::size_t n, chunk, count;
    std::size_t begin(std::size_t k) const { return std::min(n, (k * ((n + chunk - 1) / chunk) / count) * chunk); }
    std::size_t end(std::size_t k) const { return begin(k + 1); }
};

inline blocks split(const parallel_policy& policy, std::size_t n, std::size_t chunk) {
    const std::size_t threads = policy.threads ? policy.threads : thread_pool::instance().size();
    const std::size_t chunks = (n + chunk - 1) / chunk;
    const std::size_t by_size = std::max<std::size_t>(1, n / std::max<std::size_t>(1, policy.min_per_thread));
    return {n, chunk, std::max<std::size_t>(1, std::min({threads, chunks, by_size}))};
}

// Runs range(begin, end) over [0, n): once for a serial call, once per block
// for a parallel one.
template <class Range>
void over_blocks(const serial_policy&, std::size_t n, std::size_t, const Range& range) {
    range(std::size_t(0), n);
}
template <class Range>
void over_blocks(const parallel_policy& policy, std::size_t n, std::size_t chunk, const Range& range) {
    const blocks b = split(policy, n, chunk);
    if (b.count == 1) return range(std::size_t(0), n);
    const std::function<void(unsigned)> task = [&](unsigned k) { range(b.begin(k), b.end(k)); };
    if (!thread_pool::instance().run(unsigned(b.count), task)) {
        for (unsigned k = 0; k < b.count; ++k) task(k);
    }
}

}  // namespace detail
}  // namespace actdiff
