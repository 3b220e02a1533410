#pragma once
// Choosing neurons where a view draws one tile per neuron (receptive fields, rows of a weight
// matrix, nodes of a graph): drag a rubber band over tiles, or right-click one. The view says
// where its tiles are; the picker reports which were chosen and where, and the panel offers
// them for a lesion (ExperimentPanel::lesionOffered).
#include <QList>
#include <QObject>
#include <QPoint>
#include <QRect>
#include <functional>

class QRubberBand;
class QWidget;

namespace plab {

class TilePicker : public QObject {
    Q_OBJECT
public:
    /// `tiles` gives each neuron's rectangle in `view`'s coordinates, as last drawn.
    TilePicker(QWidget* view, std::function<QList<QRect>()> tiles);

signals:
    /// Neurons (indices into the tiles) chosen, and the global position to offer them at.
    void picked(const QList<int>& neurons, QPoint at);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget* view_;
    std::function<QList<QRect>()> tiles_;
    QRubberBand* band_;
    QPoint from_;
    bool dragging_ = false;
};

} // namespace plab
