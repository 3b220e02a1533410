#include "ViewStyle.h"

#include "MetricChartView.h"

#include <QAbstractAxis>
#include <QAbstractSeries>
#include <QBarCategoryAxis>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QFontMetrics>
#include <QLegend>
#include <QLegendMarker>
#include <QPalette>
#include <QStyle>
#include <QXYSeries>
#include <QBarSeries>
#include <QBarSet>

namespace plab {

namespace {

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x31), base(0x1e, 0x1f, 0x22), text(0xe8, 0xe8, 0xea);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3c, 0x41));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x98));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x35, 0x37, 0x3c));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Light, QColor(0x50, 0x52, 0x58));
    p.setColor(QPalette::Midlight, QColor(0x42, 0x44, 0x49));
    p.setColor(QPalette::Mid, QColor(0x5a, 0x5c, 0x62));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x7e, 0xc9));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x7a, 0xb3, 0xff));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x80, 0x80, 0x86));
    return p;
}

QFont scaled(QFont font, double factor)
{
    font.setPointSizeF(font.pointSizeF() * factor);
    return font;
}

const char* kBaseWidth = "plab_baseWidth";  // of a series' pen
const char* kBaseColor = "plab_baseColor";

/// Black and dark-grey lines (true distributions, priors, markers) would vanish on a dark
/// background: there they are drawn in the text colour.
QColor themed(const QColor& base, const ViewStyle& style, const QColor& text)
{
    return style.theme == ViewStyle::Theme::Dark && base.lightness() < 90 ? text : base;
}

} // namespace

void applyApplicationStyle(const ViewStyle& style)
{
    static const QFont startFont = QApplication::font();  // what the system gave us
    QApplication::setPalette(style.theme == ViewStyle::Theme::Dark ? darkPalette()
                                                                   : QApplication::style()->standardPalette());
    QApplication::setFont(scaled(startFont, style.fontScale()));
}

void styleChart(QChart* chart, const ViewStyle& style)
{
    const QPalette pal = QApplication::palette();
    const QColor text = pal.color(QPalette::WindowText);
    QColor grid = text;
    grid.setAlphaF(style.theme == ViewStyle::Theme::Dark ? 0.18f : 0.12f);
    chart->setBackgroundBrush(pal.color(QPalette::Base));
    chart->setPlotAreaBackgroundVisible(false);
    chart->setTitleBrush(text);
    const QFont font = QApplication::font();
    QFont title = font;
    title.setBold(true);
    chart->setTitleFont(title);
    chart->legend()->setLabelColor(text);
    chart->legend()->setFont(scaled(font, 0.9));
    for (QAbstractAxis* axis : chart->axes()) {
        axis->setLabelsColor(text);
        axis->setLabelsFont(scaled(font, 0.9));
        axis->setTitleBrush(text);
        axis->setTitleFont(scaled(font, 0.9));
        axis->setGridLineColor(grid);
        axis->setMinorGridLineColor(grid);
        axis->setLinePenColor(grid);
    }
    // Line widths scale from the width each series was given when it was made.
    for (QAbstractSeries* series : chart->series()) {
        if (auto* xy = qobject_cast<QXYSeries*>(series)) {
            QPen pen = xy->pen();
            if (!xy->property(kBaseWidth).isValid()) {
                xy->setProperty(kBaseWidth, pen.widthF());
                xy->setProperty(kBaseColor, pen.color());
            }
            pen.setWidthF(xy->property(kBaseWidth).toDouble() * style.lineScale());
            pen.setColor(themed(xy->property(kBaseColor).value<QColor>(), style, text));
            xy->setPen(pen);
        } else if (auto* bars = qobject_cast<QBarSeries*>(series)) {
            for (QBarSet* set : bars->barSets()) {
                if (!set->property(kBaseColor).isValid())
                    set->setProperty(kBaseColor, set->color());
                set->setColor(themed(set->property(kBaseColor).value<QColor>(), style, text));
                set->setLabelColor(text);
            }
        }
    }
}

namespace {

/// Keeps a chart view at least as large as its texts need in their current fonts: as wide as
/// its title, as tall as title, legend, axis labels and titles and a plot in which the
/// vertical axes' titles fit (Qt Charts elides what does not fit, "dens..."); a panel then
/// scrolls rather than cut them.
class ChartSizeKeeper : public QObject {
public:
    explicit ChartSizeKeeper(QChartView* view)
        : QObject(view), view_(view), base_(view->minimumSize())
    {
        setObjectName(kName);
    }
    static constexpr const char* kName = "plab_chartSizeKeeper";
    /// The owner's own minimum, given here rather than set on the view, so that the view's
    /// minimum changes once, not twice, when the owner's does.
    void setFloor(QSize floor)
    {
        base_ = floor;
        set_ = view_->minimumSize();  // the view's current minimum is ours, not the owner's
    }
    void fit()
    {
        // The view's owner may have set its own minimum since: that one is the floor now.
        if (view_->minimumWidth() != set_.width())
            base_.setWidth(view_->minimumWidth());
        if (view_->minimumHeight() != set_.height())
            base_.setHeight(view_->minimumHeight());
        set_ = QSize(std::max(base_.width(), widthForTitle(view_->chart())),
                     std::max(base_.height(), heightForTexts(view_->chart())));
        if (view_->minimumSize() != set_)
            view_->setMinimumSize(set_);
    }

protected:
    bool eventFilter(QObject*, QEvent* event) override
    {
        if (event->type() == QEvent::Show || event->type() == QEvent::Resize || event->type() == QEvent::FontChange)
            fit();
        return false;
    }

private:
    QChartView* view_;
    QSize base_;
    QSize set_{-1, -1};
};

} // namespace

int widthForTitle(const QChart* chart)
{
    // The title and the chart's margins and layout padding around it.
    return QFontMetrics(chart->titleFont()).horizontalAdvance(chart->title()) + 70;
}

int heightForTexts(const QChart* chart)
{
    const QMargins m = chart->margins();
    int texts = m.top() + m.bottom() + 30;  // the chart layout's padding and the view's frame
    if (!chart->title().isEmpty())
        texts += QFontMetrics(chart->titleFont()).height() + 8;
    const QLegend* legend = chart->legend();
    if (legend->isVisible() && !legend->markers().isEmpty()
        && (legend->alignment() & (Qt::AlignTop | Qt::AlignBottom)))
        texts += QFontMetrics(legend->font()).height() + 12;
    int plot = 0;
    for (QAbstractAxis* axis : chart->axes()) {
        if (!axis->isVisible())
            continue;
        const int labels = axis->labelsVisible() ? QFontMetrics(axis->labelsFont()).height() : 0;
        const bool titled = axis->isTitleVisible() && !axis->titleText().isEmpty();
        if (axis->orientation() == Qt::Horizontal) {
            int tall = labels;
            auto* categories = qobject_cast<QBarCategoryAxis*>(axis);
            if (categories && axis->labelsVisible() && axis->labelsAngle() % 180 != 0) {  // turned names
                const QFontMetrics fm(axis->labelsFont());
                for (const QString& c : categories->categories())
                    tall = std::max(tall, fm.horizontalAdvance(c) + 4);
            }
            texts += tall + 6 + (titled ? QFontMetrics(axis->titleFont()).height() + 4 : 0);
        } else {
            // Four labels one above the other (a log axis over two decades has three, and Qt
            // wants room around them), and the turned title along the axis.
            plot = std::max(plot, 4 * labels + 8);
            if (titled)
                plot = std::max(plot, QFontMetrics(axis->titleFont()).horizontalAdvance(axis->titleText()) + 16);
        }
    }
    return texts + plot;
}

namespace {

ChartSizeKeeper* keeperOf(QChartView* view)
{
    // Found by name: without Q_OBJECT, findChild<ChartSizeKeeper*> would match any QObject.
    auto* keeper = static_cast<ChartSizeKeeper*>(view->findChild<QObject*>(ChartSizeKeeper::kName, Qt::FindDirectChildrenOnly));
    if (!keeper) {
        keeper = new ChartSizeKeeper(view);
        view->installEventFilter(keeper);
    }
    return keeper;
}

} // namespace

void keepChartReadable(QChartView* view)
{
    keeperOf(view)->fit();
}

void keepChartReadable(QChartView* view, QSize floor)
{
    ChartSizeKeeper* keeper = keeperOf(view);
    keeper->setFloor(floor);
    keeper->fit();
}

void styleCharts(QWidget* root, const ViewStyle& style)
{
    for (QChartView* view : root->findChildren<QChartView*>()) {
        styleChart(view->chart(), style);
        if (auto* metrics = qobject_cast<MetricChartView*>(view)) {
            metrics->fitToFont();  // its legend's width counts too
            continue;
        }
        keepChartReadable(view);
    }
}

} // namespace plab
