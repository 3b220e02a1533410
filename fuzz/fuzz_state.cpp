// libFuzzer target: the state-file reader. Random bytes almost never pass the checksum, so
// when the input starts like a state file its length and CRC are recomputed first: the
// fuzzer then explores the body — experiment name, parameters, every array length — which is
// where a reader can go wrong.
#include "core/Error.h"
#include "io/Crc32.h"
#include "io/StateFile.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::string bytes(reinterpret_cast<const char*>(data), size);
    if (bytes.size() >= 24 && bytes.compare(0, 8, "PLABSTAT") == 0) {
        const std::uint64_t length = bytes.size() - 24;
        std::memcpy(bytes.data() + 12, &length, sizeof length);
        const std::uint32_t crc = plab::crc32(bytes.data(), bytes.size() - 4);
        std::memcpy(bytes.data() + bytes.size() - 4, &crc, sizeof crc);
    }
    try {
        auto sim = plab::decodeState(bytes, "fuzz.state");
        sim->runUntil(sim->time() + 0.01);  // a state that loads must also run
    } catch (const plab::InputError&) {
    }
    return 0;
}
