#pragma once
// A small streaming JSON writer for the engine's outputs (summary.json). Numbers are written
// in their shortest round-trip form, so equal results give byte-identical files; NaN and
// infinities, which JSON cannot hold, become null.
#include <string>
#include <string_view>
#include <vector>

namespace plab {

class JsonWriter {
public:
    JsonWriter& beginObject();
    JsonWriter& endObject();
    JsonWriter& beginArray();
    JsonWriter& endArray();
    JsonWriter& key(std::string_view k);
    JsonWriter& value(double v);
    JsonWriter& value(long long v);
    JsonWriter& value(unsigned long long v);
    JsonWriter& value(std::string_view v);
    JsonWriter& value(const char* v) { return value(std::string_view(v)); }
    JsonWriter& value(bool v);
    JsonWriter& value(const std::vector<double>& v);

    const std::string& str() const { return out_; }
    static std::string quote(std::string_view s);

private:
    void separate();
    void newline();
    void close(char bracket);
    std::string out_;
    std::vector<bool> first_;  // per open container: no element written yet
    bool afterKey_ = false;
};

} // namespace plab
