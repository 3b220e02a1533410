#pragma once
// Seeded random numbers with independent, named streams.
//
// The generator is xoshiro256++ (Blackman & Vigna, "Scrambled linear pseudorandom number
// generators", ACM TOMS 2021): 256 bits of state, passes BigCrush, and is a few
// instructions per draw. Streams are seeded through SplitMix64 from (run seed, stream
// name), so adding a new stream never shifts the numbers an existing one produces, and
// the whole state is four integers that a snapshot can store.
//
// Distributions are written here rather than taken from <random>: the standard leaves
// their algorithms to the library, and a run must be the same bit for bit on one build.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace plab {

class RandomStream {
public:
    using result_type = std::uint64_t;
    using State = std::array<std::uint64_t, 4>;

    explicit RandomStream(std::uint64_t seed = 0);

    static constexpr result_type min() { return 0; }
    static constexpr result_type max() { return ~result_type(0); }

    result_type operator()() { return next(s_); }

    /// Uniform in [0, 1), 53 random bits.
    double uniform() { return double((*this)() >> 11) * 0x1.0p-53; }
    /// Uniform in (0, 1]: safe to take the logarithm of.
    double uniformPositive() { return double(((*this)() >> 11) + 1) * 0x1.0p-53; }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    bool bernoulli(double p) { return uniform() < p; }
    /// Waiting time of a Poisson process of the given rate (> 0).
    double exponential(double rate);
    /// Standard normal (Box–Muller, no cached second value so the state stays 4 integers).
    double normal();
    double normal(double mean, double sd) { return mean + sd * normal(); }
    /// Standard normal by the ziggurat method (Marsaglia & Tsang 2000): a table look-up and a
    /// multiply for 98.8 % of draws, several times faster than Box–Muller.
    double normalFast();
    /// n standard normals (ziggurat): the OU step of thousands of synapses needs one each.
    void fillNormal(double* out, std::size_t n);
    /// Poisson count with the given mean (inversion below 12, PTRS above).
    std::uint32_t poisson(double mean);
    /// Uniform integer in [0, n), unbiased (Lemire's multiply-and-reject).
    std::uint64_t index(std::uint64_t n);
    /// Index drawn with probabilities proportional to weights[0..n).
    std::size_t categorical(const double* weights, std::size_t n, double total);

    const State& state() const { return s_; }
    void setState(const State& s) { s_ = s; }

private:
    /// One xoshiro256++ step on a state (the member's, or a copy kept in registers).
    static std::uint64_t next(State& s)
    {
        const std::uint64_t result = rotl(s[0] + s[3], 23) + s[0];
        const std::uint64_t t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = rotl(s[3], 45);
        return result;
    }
    /// The rest of a ziggurat draw outside its layer's rectangle: true with the number in out.
    bool zigguratEdge(std::int32_t hz, int iz, double x, double& out);
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    State s_{};
};

/// SplitMix64 step: the recommended seeder for xoshiro.
std::uint64_t splitMix64(std::uint64_t& x);

/// Hands out independent streams for one run. stream("input") always gives the same
/// sequence for the same run seed, whatever other streams exist.
class RandomStreams {
public:
    explicit RandomStreams(std::uint64_t seed) : seed_(seed) {}
    std::uint64_t seed() const { return seed_; }
    RandomStream stream(std::string_view name) const;

private:
    std::uint64_t seed_;
};

} // namespace plab
