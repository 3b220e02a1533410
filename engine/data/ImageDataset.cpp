#include "ImageDataset.h"

#include "core/Error.h"
#include "io/Crc32.h"
#include "io/Resources.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>

namespace plab {

namespace {

constexpr char kMagic[8] = {'P', 'L', 'A', 'B', 'I', 'M', 'G', '1'};
constexpr std::uint32_t kVersion = 1;
constexpr std::size_t kHeader = 8 + 4 * 4;

InputError offsetError(const std::string& file, std::size_t offset, const std::string& message)
{
    return InputError(file + ": offset " + std::to_string(offset) + ": " + message);
}

std::uint32_t readU32(const std::vector<std::uint8_t>& b, std::size_t at)
{
    return std::uint32_t(b[at]) | std::uint32_t(b[at + 1]) << 8 | std::uint32_t(b[at + 2]) << 16
           | std::uint32_t(b[at + 3]) << 24;
}

void writeU32(std::vector<std::uint8_t>& b, std::uint32_t v)
{
    for (int k = 0; k < 4; ++k)
        b.push_back(std::uint8_t(v >> (8 * k)));
}

} // namespace

std::vector<int> ImageDataset::select(const std::vector<int>& wanted, Split split) const
{
    std::vector<int> out;
    for (int i = 0; i < count(); ++i)
        if (splits[std::size_t(i)] == split
            && std::find(wanted.begin(), wanted.end(), int(labels[std::size_t(i)])) != wanted.end())
            out.push_back(i);
    return out;
}

ImageDataset ImageDataset::parse(const std::vector<std::uint8_t>& b, const std::string& file)
{
    if (b.size() < kHeader + 4)
        throw offsetError(file, b.size(), "file too short for an image data set (" + std::to_string(b.size()) + " bytes)");
    if (std::memcmp(b.data(), kMagic, 8) != 0)
        throw offsetError(file, 0, "not an image data set (magic PLABIMG1 missing)");
    const std::uint32_t version = readU32(b, 8);
    if (version != kVersion)
        throw offsetError(file, 8, "unsupported data set version " + std::to_string(version));
    const std::uint64_t count = readU32(b, 12), rows = readU32(b, 16), cols = readU32(b, 20);
    if (rows == 0 || cols == 0 || rows > 4096 || cols > 4096)
        throw offsetError(file, 16, "impossible image size " + std::to_string(rows) + "x" + std::to_string(cols));
    const std::uint64_t record = 2 + rows * cols;
    const std::uint64_t expected = kHeader + count * record + 4;
    if (b.size() != expected)
        throw offsetError(file, std::min<std::uint64_t>(b.size(), expected),
                          "file is " + std::to_string(b.size()) + " bytes, header promises " + std::to_string(expected)
                              + " (truncated or corrupt)");
    const std::uint32_t stored = readU32(b, b.size() - 4);
    if (crc32(b.data(), b.size() - 4) != stored)
        throw offsetError(file, b.size() - 4, "checksum mismatch: the file is corrupt");

    ImageDataset d;
    d.rows = int(rows);
    d.cols = int(cols);
    d.labels.resize(count);
    d.splits.resize(count);
    d.pixels.resize(count * rows * cols);
    for (std::uint64_t i = 0; i < count; ++i) {
        const std::size_t at = kHeader + i * record;
        d.labels[i] = b[at];
        d.splits[i] = b[at + 1];
        if (d.splits[i] > 1)
            throw offsetError(file, at + 1, "split must be 0 (training) or 1 (test)");
        std::copy_n(b.begin() + std::ptrdiff_t(at + 2), rows * cols, d.pixels.begin() + std::ptrdiff_t(i * rows * cols));
    }
    return d;
}

ImageDataset ImageDataset::load(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError(path + ": cannot open data file");
    const std::vector<std::uint8_t> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    return parse(bytes, path);
}

std::vector<std::uint8_t> ImageDataset::serialize() const
{
    std::vector<std::uint8_t> b(kMagic, kMagic + 8);
    writeU32(b, kVersion);
    writeU32(b, std::uint32_t(count()));
    writeU32(b, std::uint32_t(rows));
    writeU32(b, std::uint32_t(cols));
    for (int i = 0; i < count(); ++i) {
        b.push_back(labels[std::size_t(i)]);
        b.push_back(splits[std::size_t(i)]);
        b.insert(b.end(), image(i), image(i) + pixelCount());
    }
    writeU32(b, crc32(b.data(), b.size()));
    return b;
}

std::shared_ptr<const ImageDataset> ImageDataset::shared(const std::string& resource)
{
    static std::mutex mutex;
    static std::map<std::string, std::shared_ptr<const ImageDataset>> cache;
    const std::string path = Resources::path(resource);
    std::lock_guard guard(mutex);
    auto& slot = cache[path];
    if (!slot)
        slot = std::make_shared<const ImageDataset>(load(path));
    return slot;
}

} // namespace plab
