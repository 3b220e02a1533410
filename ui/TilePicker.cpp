#include "TilePicker.h"

#include <QContextMenuEvent>
#include <QMouseEvent>
#include <QRubberBand>
#include <QWidget>

namespace plab {

TilePicker::TilePicker(QWidget* view, std::function<QList<QRect>()> tiles)
    : QObject(view), view_(view), tiles_(std::move(tiles)), band_(new QRubberBand(QRubberBand::Rectangle, view))
{
    view->installEventFilter(this);
}

bool TilePicker::eventFilter(QObject* watched, QEvent* event)
{
    if (watched != view_)
        return false;
    switch (event->type()) {
    case QEvent::MouseButtonPress: {
        auto* mouse = static_cast<QMouseEvent*>(event);
        if (mouse->button() != Qt::LeftButton)
            return false;
        from_ = mouse->position().toPoint();
        dragging_ = true;
        band_->setGeometry(QRect(from_, QSize()));
        return false;  // the view may still act on a click
    }
    case QEvent::MouseMove: {
        auto* mouse = static_cast<QMouseEvent*>(event);
        if (!dragging_ || !(mouse->buttons() & Qt::LeftButton))
            return false;
        const QRect r = QRect(from_, mouse->position().toPoint()).normalized();
        band_->setGeometry(r);
        band_->setVisible((r.width() > 4 || r.height() > 4));
        return band_->isVisible();
    }
    case QEvent::MouseButtonRelease: {
        auto* mouse = static_cast<QMouseEvent*>(event);
        if (mouse->button() != Qt::LeftButton || !dragging_)
            return false;
        dragging_ = false;
        if (!band_->isVisible())
            return false;  // a click, not a drag
        band_->hide();
        QList<int> chosen;
        const QRect area = band_->geometry();
        const QList<QRect> tiles = tiles_();
        for (int k = 0; k < tiles.size(); ++k)
            if (tiles[k].intersects(area))
                chosen << k;
        if (!chosen.isEmpty())
            emit picked(chosen, mouse->globalPosition().toPoint());
        return true;
    }
    case QEvent::ContextMenu: {
        auto* menu = static_cast<QContextMenuEvent*>(event);
        const QList<QRect> tiles = tiles_();
        for (int k = 0; k < tiles.size(); ++k)
            if (tiles[k].contains(menu->pos())) {
                emit picked({k}, menu->globalPos());
                return true;
            }
        return false;
    }
    default:
        return false;
    }
}

} // namespace plab
