#pragma once
// Labelled grey-level images (MNIST digits, spectrograms), read from the lab's data format.
//
// File format "PLABIMG1" (little-endian), written by tools/make_mnist_subset.py:
//   char[8]  magic "PLABIMG1"
//   u32      version (1)
//   u32      count, rows, cols
//   count ×  { u8 label, u8 split (0 = training, 1 = test), u8 pixels[rows*cols] (row-major) }
//   u32      CRC-32 of every byte before it
// A file that is short, long, of another version or with a wrong checksum is refused with
// the file name and the byte offset of the problem.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace plab {

struct ImageDataset {
    enum Split : std::uint8_t { Training = 0, Test = 1 };

    int rows = 0;
    int cols = 0;
    std::vector<std::uint8_t> labels;
    std::vector<std::uint8_t> splits;
    std::vector<std::uint8_t> pixels;  // count × rows × cols

    int count() const { return int(labels.size()); }
    int pixelCount() const { return rows * cols; }
    const std::uint8_t* image(int index) const { return pixels.data() + std::size_t(index) * std::size_t(pixelCount()); }

    /// Indices of the images with one of the given labels in the given split.
    std::vector<int> select(const std::vector<int>& labels, Split split) const;

    static ImageDataset load(const std::string& path);
    /// The data set under resources/ (e.g. "data/mnist-14x14.plimg"), read once per process
    /// and shared: the GUI builds experiments often, and two experiments read the same file.
    static std::shared_ptr<const ImageDataset> shared(const std::string& resource);
    static ImageDataset parse(const std::vector<std::uint8_t>& bytes, const std::string& sourceName);
    std::vector<std::uint8_t> serialize() const;
};

} // namespace plab
