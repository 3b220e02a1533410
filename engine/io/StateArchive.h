#pragma once
// The binary form of an engine state, written and read by the same code: every stateful
// class has one `serialize(StateArchive&)` that lists its fields once, and the archive either
// appends them (writing) or reads them back in the same order (reading). Numbers are stored
// as their raw little-endian bytes, so a reloaded state is bit-identical.
//
// Reading is defensive: every length is checked against the bytes left, and arrays that the
// constructor already sized (weights, traces) must come back with the same size, so a file
// that does not fit the experiment is an InputError, never an out-of-bounds write.
#include "core/Error.h"
#include "core/Random.h"

#include <Eigen/Core>
#include <cstdint>
#include <cstring>
#include <deque>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace plab {

class StateArchive {
public:
    /// The format an archive is written in (io/StateFile.h's version number).
    /// 1: streams inside each part; 2: streams and parameters by name; 3: bayesnet keeps its
    /// training examples' counts (the counting floor); 4: lesions of every kind (removed
    /// synapses, silenced neurons); 5: bayesnet's further sampling chains and their diagnostics.
    static constexpr std::uint32_t kCurrentFormat = 5;

    /// An archive that collects what serialize() writes, in the current format.
    StateArchive() = default;
    /// An archive that hands `bytes` back to serialize(); `source` names it in errors;
    /// `format` is the version they were written in.
    StateArchive(std::string_view bytes, std::string source, std::uint32_t format = kCurrentFormat);

    bool reading() const { return reading_; }
    std::uint32_t format() const { return format_; }
    /// The parameters the file was written with, in its order (format 1 lists the current
    /// values in that order, without names; parameters added since then are not among them).
    void setParameterNames(std::vector<std::string> names) { parameterNames_ = std::move(names); }
    const std::vector<std::string>& parameterNames() const { return parameterNames_; }
    const std::string& bytes() const { return out_; }
    std::size_t offset() const { return pos_; }
    bool atEnd() const { return pos_ == in_.size(); }

    /// A named mark between the parts of a state: a file that went out of step is caught at
    /// the next mark, with the part's name in the message.
    void section(std::string_view name);

    template <class T>
        requires std::is_arithmetic_v<T>
    void value(T& x)
    {
        raw(&x, sizeof(T));
    }
    void value(bool& b);
    void value(std::string& s);
    void value(RandomStream& r);
    /// A random stream at the place where format-1 files kept it, inside the part that uses
    /// it. From format 2 on, an experiment's streams are stored by name after its own part
    /// (Experiment::serializeState), so this reads only from a format-1 file and otherwise
    /// does nothing.
    void streamOfFormat1(RandomStream& r)
    {
        if (format_ < 2)
            value(r);
    }

    /// A value the constructor derived from the parameters (a presentation's length in steps):
    /// stored for the record, and on reading it must be what the rebuilt experiment has — a
    /// file must not resize buffers behind the parameters' back.
    template <class T>
        requires std::is_arithmetic_v<T>
    void constant(T& x, std::string_view what)
    {
        T stored = x;
        value(stored);
        if (reading_ && stored != x)
            fail(std::string(what) + " does not match the parameters");
    }

    /// A vector of any length (a series, a log): the length is stored.
    template <class T>
    void values(std::vector<T>& v)
    {
        std::uint64_t n = v.size();
        value(n);
        if (reading_) {
            need(n, minimumSize<T>());
            v.resize(std::size_t(n));
        }
        for (auto& x : v)
            element(x);
    }
    template <class T>
    void values(std::deque<T>& v)
    {
        std::uint64_t n = v.size();
        value(n);
        if (reading_) {
            need(n, minimumSize<T>());
            v.resize(std::size_t(n));
        }
        for (auto& x : v)
            element(x);
    }
    /// A vector whose length the constructor fixed: it must come back with that length.
    template <class T>
    void fixed(std::vector<T>& v, std::string_view what)
    {
        std::uint64_t n = v.size();
        value(n);
        if (reading_ && n != v.size())
            mismatch(what, n, v.size());
        for (auto& x : v)
            element(x);
    }
    /// An Eigen matrix or vector of arithmetic scalars whose size the constructor fixed.
    template <class Derived>
    void fixed(Eigen::PlainObjectBase<Derived>& m, std::string_view what)
    {
        std::uint64_t rows = std::uint64_t(m.rows()), cols = std::uint64_t(m.cols());
        value(rows);
        value(cols);
        if (reading_ && (rows != std::uint64_t(m.rows()) || cols != std::uint64_t(m.cols())))
            mismatch(what, rows * cols, std::uint64_t(m.size()));
        raw(m.data(), std::size_t(m.size()) * sizeof(typename Derived::Scalar));
    }
    /// An Eigen matrix or vector that may have any size (grows during a run).
    template <class Derived>
    void resizable(Eigen::PlainObjectBase<Derived>& m)
    {
        std::uint64_t rows = std::uint64_t(m.rows()), cols = std::uint64_t(m.cols());
        value(rows);
        value(cols);
        if (reading_) {
            if (rows > (1u << 30) || cols > (1u << 30))
                fail("implausible matrix size");
            need(rows * cols, sizeof(typename Derived::Scalar));
            m.resize(Eigen::Index(rows), Eigen::Index(cols));
        }
        raw(m.data(), std::size_t(m.size()) * sizeof(typename Derived::Scalar));
    }

    [[noreturn]] void fail(const std::string& message) const;
    /// Checks, when reading, that a scheduled event time is not before `now` (less a step):
    /// a time far in the past would make the event loop catch up forever. +inf is allowed.
    void requireFuture(double eventTime, double now, double dt, std::string_view what) const
    {
        if (reading_ && !(eventTime >= now - dt))
            fail(std::string(what) + " is in the past");
    }
    /// Checks, when reading, that a rate or count lies in [lo, hi] (and is not NaN).
    void requireRange(double x, double lo, double hi, std::string_view what) const
    {
        if (reading_ && !(x >= lo && x <= hi))
            fail(std::string(what) + " is out of range");
    }

private:
    void raw(void* data, std::size_t size);
    void need(std::uint64_t count, std::size_t each) const;
    [[noreturn]] void mismatch(std::string_view what, std::uint64_t found, std::uint64_t expected) const;

    template <class T>
    static constexpr std::size_t minimumSize()
    {
        if constexpr (std::is_arithmetic_v<T>)
            return sizeof(T);
        else
            return 1;
    }
    template <class T>
    void element(T& x)
    {
        if constexpr (std::is_arithmetic_v<T> || std::is_same_v<T, std::string>)
            value(x);
        else if constexpr (std::is_base_of_v<Eigen::PlainObjectBase<T>, T>)
            resizable(x);
        else if constexpr (requires { x.first; x.second; }) {
            element(x.first);
            element(x.second);
        } else if constexpr (requires { x.size(); x.data(); x.resize(0); })
            values(x);
        else
            x.serialize(*this);
    }

    bool reading_ = false;
    std::uint32_t format_ = kCurrentFormat;
    std::vector<std::string> parameterNames_;
    std::string out_;
    std::string_view in_;
    std::size_t pos_ = 0;
    std::string source_;
};

} // namespace plab
