// libFuzzer target: the image/spectrogram data-set reader (resources/data/*.plimg).
#include "core/Error.h"
#include "data/ImageDataset.h"

#include <cstddef>
#include <cstdint>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        const auto set = plab::ImageDataset::parse(std::vector<std::uint8_t>(data, data + size), "fuzz.bin");
        // Every image must lie inside the pixel data the reader accepted.
        static volatile unsigned sink = 0;
        for (int i = 0; i < set.count(); ++i)
            sink = sink + set.image(i)[set.pixelCount() - 1];
    } catch (const plab::InputError&) {
    }
    return 0;
}
