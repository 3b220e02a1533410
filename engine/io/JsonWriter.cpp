#include "JsonWriter.h"

#include "core/Parameters.h"

#include <cmath>
#include <cstdio>

namespace plab {

std::string JsonWriter::quote(std::string_view s)
{
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += char(c);
            }
        }
    }
    return out + "\"";
}

void JsonWriter::newline()
{
    out_ += '\n';
    out_.append(2 * first_.size(), ' ');
}

void JsonWriter::separate()
{
    if (afterKey_) {
        afterKey_ = false;
        return;
    }
    if (!first_.empty()) {
        if (!first_.back())
            out_ += ',';
        first_.back() = false;
        newline();
    }
}

JsonWriter& JsonWriter::beginObject()
{
    separate();
    out_ += '{';
    first_.push_back(true);
    return *this;
}

void JsonWriter::close(char bracket)
{
    const bool empty = first_.back();
    first_.pop_back();
    if (!empty)
        newline();
    out_ += bracket;
}

JsonWriter& JsonWriter::endObject()
{
    close('}');
    return *this;
}

JsonWriter& JsonWriter::beginArray()
{
    separate();
    out_ += '[';
    first_.push_back(true);
    return *this;
}

JsonWriter& JsonWriter::endArray()
{
    close(']');
    return *this;
}

JsonWriter& JsonWriter::key(std::string_view k)
{
    separate();
    out_ += quote(k) + ": ";
    afterKey_ = true;
    return *this;
}

JsonWriter& JsonWriter::value(double v)
{
    separate();
    out_ += std::isfinite(v) ? formatNumber(v) : "null";
    return *this;
}

JsonWriter& JsonWriter::value(long long v)
{
    separate();
    out_ += std::to_string(v);
    return *this;
}

JsonWriter& JsonWriter::value(unsigned long long v)
{
    separate();
    out_ += std::to_string(v);
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view v)
{
    separate();
    out_ += quote(v);
    return *this;
}

JsonWriter& JsonWriter::value(bool v)
{
    separate();
    out_ += v ? "true" : "false";
    return *this;
}

JsonWriter& JsonWriter::value(const std::vector<double>& v)
{
    // Arrays of numbers stay on one line: they are data, not structure.
    separate();
    out_ += '[';
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i)
            out_ += ", ";
        out_ += std::isfinite(v[i]) ? formatNumber(v[i]) : "null";
    }
    out_ += ']';
    return *this;
}

} // namespace plab
