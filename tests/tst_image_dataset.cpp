// The shipped MNIST subset loads with the expected shape; broken files are refused clearly.
#include "core/Error.h"
#include "data/ImageDataset.h"
#include "io/Resources.h"

#include <QtTest>

using namespace plab;

namespace {

QString parseError(const std::vector<std::uint8_t>& bytes)
{
    try {
        ImageDataset::parse(bytes, "bad.plimg");
    } catch (const InputError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

class TestImageDataset : public QObject {
    Q_OBJECT
private slots:
    void shippedMnistHasExpectedShape()
    {
        const auto d = ImageDataset::load(Resources::path("data/mnist-14x14.plimg"));
        QCOMPARE(d.count(), 10000);
        QCOMPARE(d.rows, 14);
        QCOMPARE(d.cols, 14);
        std::vector<int> perDigit(10, 0);
        for (auto l : d.labels) {
            QVERIFY(l < 10);
            ++perDigit[l];
        }
        for (int n : perDigit)
            QVERIFY(n > 800);
        const auto train = d.select({1, 2}, ImageDataset::Training);
        const auto test = d.select({1, 2}, ImageDataset::Test);
        QVERIFY(train.size() > 1500);
        QVERIFY(test.size() > 350);
        // Digits are ink on a dark background: some pixels bright, most dark.
        int bright = 0;
        for (int j = 0; j < d.pixelCount(); ++j)
            bright += d.image(train[0])[j] > 128;
        QVERIFY(bright > 5 && bright < 120);
    }

    void roundTrips()
    {
        ImageDataset d;
        d.rows = 2;
        d.cols = 3;
        d.labels = {7, 1};
        d.splits = {0, 1};
        d.pixels = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        const auto back = ImageDataset::parse(d.serialize(), "x");
        QCOMPARE(back.labels, d.labels);
        QCOMPARE(back.splits, d.splits);
        QCOMPARE(back.pixels, d.pixels);
    }

    void refusesBrokenFiles()
    {
        ImageDataset d;
        d.rows = d.cols = 2;
        d.labels = {1};
        d.splits = {0};
        d.pixels = {0, 50, 100, 150};
        const auto good = d.serialize();

        QVERIFY(parseError({}).contains("too short"));
        auto flipped = good;
        flipped[30] ^= 0x10;
        QVERIFY(parseError(flipped).contains("checksum mismatch"));
        auto truncated = good;
        truncated.resize(truncated.size() - 3);
        QVERIFY(parseError(truncated).contains("truncated or corrupt"));
        auto magic = good;
        magic[0] = 'X';
        QVERIFY(parseError(magic).contains("magic"));
        QVERIFY(parseError(magic).startsWith("bad.plimg: offset 0:"));
        try {
            ImageDataset::load("/nonexistent/file.plimg");
            QFAIL("no error for a missing file");
        } catch (const InputError& e) {
            QVERIFY(QString(e.what()).contains("cannot open"));
        }
    }
};

QTEST_APPLESS_MAIN(TestImageDataset)
#include "tst_image_dataset.moc"
