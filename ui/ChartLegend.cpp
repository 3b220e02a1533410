#include "ChartLegend.h"

#include <QCheckBox>
#include <QEvent>
#include <QPainter>
#include <QScrollBar>
#include <QVBoxLayout>

namespace plab {

ChartLegend::ChartLegend(QWidget* parent) : QScrollArea(parent)
{
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setWidgetResizable(true);
    box_ = new QWidget;
    layout_ = new QVBoxLayout(box_);
    layout_->setContentsMargins(4, 4, 4, 4);
    layout_->setSpacing(2);
    layout_->addStretch(1);
    setWidget(box_);
    setToolTip(tr("Click an entry to show or hide its curve."));
    // The chart's background colour, so legend and plot read as one.
    viewport()->setBackgroundRole(QPalette::Base);
    viewport()->setAutoFillBackground(true);
    box_->setAutoFillBackground(false);
}

void ChartLegend::setEntries(const QStringList& names, const std::vector<QColor>& colors,
                             const std::vector<bool>& visible)
{
    for (QCheckBox* b : boxes_)
        delete b;
    boxes_.clear();
    colors_ = colors;
    for (qsizetype i = 0; i < names.size(); ++i) {
        auto* box = new QCheckBox(names[i]);
        box->setChecked(std::size_t(i) >= visible.size() || visible[std::size_t(i)]);
        box->setToolTip(tr("Show or hide the curve %1").arg(names[i]));
        box->setFocusPolicy(Qt::NoFocus);  // Space stays Play/Pause
        const int index = int(i);
        connect(box, &QCheckBox::toggled, this, [this, index](bool on) { emit toggled(index, on); });
        layout_->insertWidget(layout_->count() - 1, box);
        boxes_.push_back(box);
    }
    updateSwatches();
    updateGeometry();
}

void ChartLegend::updateSwatches()
{
    const int side = fontMetrics().height();
    for (std::size_t i = 0; i < boxes_.size(); ++i) {
        QPixmap swatch(side, side);
        swatch.fill(Qt::transparent);
        QPainter p(&swatch);
        p.fillRect(QRect(0, side / 2 - side / 6, side, std::max(2, side / 3)), i < colors_.size() ? colors_[i] : Qt::gray);
        p.end();
        boxes_[i]->setIcon(QIcon(swatch));
        boxes_[i]->setIconSize(QSize(side, side));
    }
}

int ChartLegend::neededWidth() const
{
    int widest = 0;
    for (QCheckBox* b : boxes_)
        widest = std::max(widest, b->sizeHint().width());
    return widest + layout_->contentsMargins().left() + layout_->contentsMargins().right()
           + verticalScrollBar()->sizeHint().width() + 2;
}

QSize ChartLegend::sizeHint() const
{
    return QSize(neededWidth(), QScrollArea::sizeHint().height());
}

void ChartLegend::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange || event->type() == QEvent::ApplicationFontChange) {
        updateSwatches();
        updateGeometry();
    }
    QScrollArea::changeEvent(event);
}

} // namespace plab
