#include "RasterDecorations.h"

#include <QEvent>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace plab {

namespace {

constexpr int kBarSpace = 12;  // right of the text: the band's bar and a gap

QString sizeLine(int count)
{
    return QString("%1 neurons").arg(count);
}

/// The common leading words of two names ("Z1 output", "Z1 hidden" → "Z1"), else `a`.
QString commonName(const QString& a, const QString& b)
{
    const QStringList wa = a.split(' '), wb = b.split(' ');
    QStringList common;
    for (qsizetype i = 0; i < std::min(wa.size(), wb.size()) && wa[i] == wb[i]; ++i)
        common << wa[i];
    return common.isEmpty() ? a : common.join(' ');
}

/// A band's top and bottom pixel rows in a widget `h` pixels high (bands run bottom to top).
int pixelTop(const RasterModel::Band& band, int h)
{
    return int((1.0f - band.top) * float(h));
}

int pixelBottom(const RasterModel::Band& band, int h)
{
    return int((1.0f - band.bottom) * float(h));
}

} // namespace

RasterBandLabels::RasterBandLabels(const RasterModel& model, QWidget* parent) : QWidget(parent), model_(model)
{
    fitToLabels();
}

void RasterBandLabels::fitToLabels()
{
    // Wide enough for every text a band may show at any height: name, size, shared names.
    const QFontMetrics fm = fontMetrics();
    int widest = fm.horizontalAdvance(sizeLine(200));
    const auto& bands = model_.bands();
    for (const auto& band : bands)  // a shared name is never longer than its bands' names
        widest = std::max({widest, fm.horizontalAdvance(band.name), fm.horizontalAdvance(sizeLine(band.count))});
    setFixedWidth(widest + kBarSpace + 4);
    update();
}

void RasterBandLabels::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange)
        fitToLabels();
    QWidget::changeEvent(event);
}

namespace {

/// The rectangle a label's text takes, centred in its band (as it is drawn): a tall band
/// (a module of many hidden neurons) leaves the room around its name to crowded neighbours.
QRect centredIn(int top, int bottom, int textHeight, int textRight)
{
    const int y = top + (bottom - top - textHeight) / 2;
    return QRect(2, y, textRight - 2, textHeight);
}

} // namespace

std::vector<DrawnText> RasterBandLabels::labels() const
{
    std::vector<DrawnText> out;
    const QFontMetrics fm = fontMetrics();
    const int line = std::max(1, fm.height());
    const int h = height();
    const int textRight = width() - kBarSpace;
    const auto& bands = model_.bands();
    for (std::size_t b = 0; b < bands.size();) {
        // A run of bands of one colour (a Bayesian-network module's output and hidden layer)
        // shares one label, their common name, as soon as one of them is too thin for its own.
        std::size_t end = b + 1;
        while (bands[b].color >= 0 && end < bands.size() && bands[end].color == bands[b].color)
            ++end;
        bool thin = false;
        for (std::size_t k = b; k < end; ++k)
            thin = thin || (pixelBottom(bands[k], h) - pixelTop(bands[k], h)) / line < 1;
        if (end - b > 1 && thin) {
            QString name = bands[b].name;
            for (std::size_t k = b + 1; k < end; ++k)
                name = commonName(name, bands[k].name);
            // Bands run bottom to top: the run spans from the last one's top to the first one's bottom.
            const int top = pixelTop(bands[end - 1], h), bottom = pixelBottom(bands[b], h);
            if (bottom - top >= line) {
                out.push_back({centredIn(top, bottom, line, textRight), name});
            } else {
                // Thinner than a line (many modules in a small raster): a line's height centred
                // on the run, moved off-centre below where labels crowd.
                const int centre = (top + bottom) / 2;
                out.push_back({QRect(2, std::clamp(centre - line / 2, 0, std::max(0, h - line)), textRight - 2, line), name, true});
            }
            b = end;
            continue;
        }
        for (; b < end; ++b) {
            const int top = pixelTop(bands[b], h), bottom = pixelBottom(bands[b], h);
            const int lines = (bottom - top) / line;
            if (lines >= 1)  // nothing in a sliver
                out.push_back({centredIn(top, bottom, std::min(lines, 2) * line, textRight),
                               lines >= 2 ? bands[b].name + "\n" + sizeLine(bands[b].count) : bands[b].name});
        }
    }
    // Crowded one-line labels make room for each other: pushed up past the label below (the
    // list runs bottom to top), then down from the top edge where that ran out of room;
    // bands' own labels stay. One that still collides is left out, so every other one at
    // worst stays named rather than none.
    for (std::size_t i = 1; i < out.size(); ++i)
        if (out[i].movable && out[i].rect.intersects(out[i - 1].rect))
            out[i].rect.moveTop(out[i - 1].rect.top() - line);
    for (std::size_t i = out.size(); i-- > 0;) {
        if (!out[i].movable)
            continue;
        if (out[i].rect.top() < 0)
            out[i].rect.moveTop(0);
        if (i + 1 < out.size() && out[i].rect.intersects(out[i + 1].rect))
            out[i].rect.moveTop(out[i + 1].rect.bottom() + 1);
        if (out[i].rect.bottom() >= h)
            out[i].rect.moveTop(h - line);
    }
    std::vector<DrawnText> kept;
    for (const DrawnText& d : out)
        if (!d.movable || ((kept.empty() || !kept.back().rect.intersects(d.rect)) && d.rect.top() >= 0))
            kept.push_back(d);
    for (std::size_t i = 0; i + 1 < kept.size();)  // a moved line never covers a band's own label
        if (kept[i].movable && kept[i].rect.intersects(kept[i + 1].rect))
            kept.erase(kept.begin() + std::ptrdiff_t(i));
        else
            ++i;
    out = std::move(kept);
    return out;
}

void RasterBandLabels::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    const int h = height();
    for (const auto& band : model_.bands()) {
        const int top = pixelTop(band, h);
        p.fillRect(QRect(width() - 5, top, 3, pixelBottom(band, h) - top), QColor(120, 120, 120));
    }
    p.setPen(palette().color(QPalette::WindowText));
    for (const DrawnText& label : labels())
        p.drawText(label.rect, Qt::AlignRight | Qt::AlignVCenter, label.text);
}

RasterTimeAxis::RasterTimeAxis(const RasterModel& model, QWidget* parent) : QWidget(parent), model_(model)
{
    fitToFont();
}

void RasterTimeAxis::fitToFont()
{
    setFixedHeight(fontMetrics().height() + 8);
}

void RasterTimeAxis::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange)
        fitToFont();
    QWidget::changeEvent(event);
}

std::vector<DrawnText> RasterTimeAxis::labels(std::vector<int>* ticks) const
{
    std::vector<DrawnText> out;
    const QFontMetrics fm = fontMetrics();
    const double window = model_.window();
    const double t1 = model_.now(), t0 = t1 - window;
    // The widest label this window can have, plus a gap, sets how many ticks fit.
    const int widest = fm.horizontalAdvance(QString::number(std::max(t1, 0.0), 'f', 1) + " s");
    const int slot = widest + fm.horizontalAdvance("  ") + 8;
    const double raw = window / std::clamp(width() / std::max(1, slot), 1, 8);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    // The smallest round step at least `raw`, so that the labels never crowd.
    const double f = raw / magnitude;
    const double step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
    for (double t = std::max(0.0, std::ceil(t0 / step) * step); t <= t1 + 1e-9; t += step) {
        const int x = int((t - t0) / window * width());
        const QString text = QString::number(t, 'f', step < 1 ? 1 : 0) + " s";
        const int w = fm.horizontalAdvance(text) + 4;
        // Labels at the ends are pushed inside rather than cut in half.
        const int left = std::clamp(x - w / 2, 0, std::max(0, width() - w));
        out.push_back({QRect(left, 4, w, height() - 4), text});
        if (ticks)
            ticks->push_back(x);
    }
    return out;
}

void RasterTimeAxis::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setPen(palette().color(QPalette::WindowText));
    p.drawLine(0, 0, width(), 0);
    std::vector<int> ticks;
    const auto texts = labels(&ticks);
    for (std::size_t i = 0; i < texts.size(); ++i) {
        p.drawLine(ticks[i], 0, ticks[i], 4);
        p.drawText(texts[i].rect, Qt::AlignHCenter | Qt::AlignTop, texts[i].text);
    }
}

} // namespace plab
