#pragma once
// "line:column" (both from 1) of a character offset, for errors in text files.
#include <cstddef>
#include <string>
#include <string_view>

namespace plab {

inline std::string lineAndColumn(std::string_view text, std::size_t offset)
{
    int line = 1, column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return std::to_string(line) + ":" + std::to_string(column);
}

} // namespace plab
