// libFuzzer target: the commands-file parser.
#include "core/Command.h"
#include "core/Error.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        const auto commands =
            plab::parseCommands(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.txt");
        for (const auto& c : commands)
            (void)plab::Command::fromLine(c.line());  // a parsed command writes back to a parseable line
    } catch (const plab::InputError&) {
    }
    return 0;
}
