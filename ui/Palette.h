#pragma once
// The colours every view shares, so that "digit 2" has one colour in the raster, the
// receptive fields and the charts. Ten label colours (Tableau 10), then role colours.
#include <QColor>

namespace plab::palette {

inline constexpr int kLabelColors = 10;
inline constexpr int kInput = 10;    // input neurons
inline constexpr int kNetwork = 11;  // network neurons without a label
inline constexpr int kCount = 12;

inline QColor color(int index)
{
    static const QColor colors[kCount] = {
        QColor(0x4e, 0x79, 0xa7), QColor(0xf2, 0x8e, 0x2b), QColor(0xe1, 0x57, 0x59), QColor(0x76, 0xb7, 0xb2),
        QColor(0x59, 0xa1, 0x4f), QColor(0xed, 0xc9, 0x48), QColor(0xb0, 0x7a, 0xa1), QColor(0xff, 0x9d, 0xa7),
        QColor(0x9c, 0x75, 0x5f), QColor(0xba, 0xb0, 0xac), QColor(0x7f, 0x7f, 0x7f), QColor(0x1f, 0x3a, 0x5f),
    };
    return colors[(index % kCount + kCount) % kCount];
}

/// A chart's i-th series: the ten label colours, then darker, then lighter ones, so that no two
/// of up to thirty curves share a colour (bayesnet has a KL per module and then its figures).
inline QColor seriesColor(int i)
{
    const QColor c = color(i % kLabelColors);
    const int round = i / kLabelColors;
    return round == 0 ? c : round % 2 == 1 ? c.darker(165) : c.lighter(135);
}

inline QColor labelColor(int label)
{
    return label < 0 ? color(kNetwork) : color(label % kLabelColors);
}

} // namespace plab::palette
