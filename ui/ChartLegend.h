#pragma once
// A chart's legend as a column of check boxes beside the plot: every entry is shown whole
// (Qt Charts' own legend elides or drops entries when many curves meet a short chart or a
// large font), a click shows or hides its curve, and a long list scrolls.
#include <QColor>
#include <QScrollArea>
#include <vector>

class QCheckBox;
class QVBoxLayout;

namespace plab {

class ChartLegend : public QScrollArea {
    Q_OBJECT
public:
    explicit ChartLegend(QWidget* parent = nullptr);

    void setEntries(const QStringList& names, const std::vector<QColor>& colors, const std::vector<bool>& visible);
    int count() const { return int(boxes_.size()); }
    QCheckBox* entry(int i) const { return boxes_[std::size_t(i)]; }
    /// Width that shows every entry whole (and a scroll bar, should the list scroll).
    int neededWidth() const;
    QSize sizeHint() const override;

signals:
    void toggled(int index, bool visible);

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateSwatches();

    QWidget* box_ = nullptr;
    QVBoxLayout* layout_ = nullptr;
    std::vector<QCheckBox*> boxes_;
    std::vector<QColor> colors_;
};

} // namespace plab
