#pragma once
// Errors the user can fix: a bad option, an impossible value, a malformed file.
// The command line turns them into a one-line message and exit status 2; the GUI shows
// them in a dialog. Anything else that throws is a bug.
#include <stdexcept>
#include <string>

namespace plab {

class InputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A problem at a place in a file: "FILE:LINE: message".
inline InputError fileError(const std::string& file, long line, const std::string& message)
{
    return InputError(file + ":" + std::to_string(line) + ": " + message);
}

} // namespace plab
