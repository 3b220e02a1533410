#include "StateArchive.h"

#include <bit>

namespace plab {

static_assert(std::endian::native == std::endian::little, "state files are little-endian");

StateArchive::StateArchive(std::string_view bytes, std::string source, std::uint32_t format)
    : reading_(true), format_(format), in_(bytes), source_(std::move(source))
{
}

void StateArchive::fail(const std::string& message) const
{
    throw InputError(source_ + ": offset " + std::to_string(pos_) + ": " + message);
}

void StateArchive::raw(void* data, std::size_t size)
{
    if (!reading_) {
        out_.append(static_cast<const char*>(data), size);
        return;
    }
    if (size > in_.size() - pos_)
        fail("the state ends early (truncated?)");
    if (size > 0)
        std::memcpy(data, in_.data() + pos_, size);
    pos_ += size;
}

void StateArchive::need(std::uint64_t count, std::size_t each) const
{
    if (each > 0 && count > (in_.size() - pos_) / each)
        fail("a length of " + std::to_string(count) + " does not fit in the rest of the file");
}

void StateArchive::mismatch(std::string_view what, std::uint64_t found, std::uint64_t expected) const
{
    fail(std::string(what) + " has " + std::to_string(found) + " values, this experiment has "
         + std::to_string(expected) + ": the state does not fit its parameters");
}

void StateArchive::section(std::string_view name)
{
    std::string mark(name);
    if (!reading_) {
        value(mark);
        return;
    }
    std::string found;
    value(found);
    if (found != name)
        fail("expected the state of '" + std::string(name) + "', found '" + found.substr(0, 40) + "'");
}

void StateArchive::value(bool& b)
{
    std::uint8_t v = b ? 1 : 0;
    value(v);
    if (reading_ && v > 1)
        fail("a yes/no value is " + std::to_string(v));
    b = v != 0;
}

void StateArchive::value(std::string& s)
{
    std::uint64_t n = s.size();
    value(n);
    if (reading_) {
        need(n, 1);
        s.assign(in_.data() + pos_, std::size_t(n));
        pos_ += std::size_t(n);
    } else {
        out_.append(s);
    }
}

void StateArchive::value(RandomStream& r)
{
    RandomStream::State s = r.state();
    for (auto& word : s)
        value(word);
    if (reading_) {
        if (s == RandomStream::State{})
            fail("a random generator state is all zero");
        r.setState(s);
    }
}

} // namespace plab
