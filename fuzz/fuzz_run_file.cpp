// libFuzzer target: the run-file parser (JSON through Qt, then our checks).
#include "RunFile.h"
#include "core/Error.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        const auto run = plab::RunFile::parse(std::string(reinterpret_cast<const char*>(data), size), "fuzz.json");
        (void)run.parameterSet();
        (void)plab::RunFile::parse(run.toJson(), "again.json");
    } catch (const plab::InputError&) {
    }
    return 0;
}
