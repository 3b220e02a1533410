#pragma once
// CRC-32 (IEEE 802.3, the zlib/PNG polynomial), to detect corrupt data and state files.
#include <cstddef>
#include <cstdint>

namespace plab {

std::uint32_t crc32(const void* data, std::size_t size, std::uint32_t previous = 0);

} // namespace plab
