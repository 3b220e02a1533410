#include "SweepView.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QVBoxLayout>

namespace plab {

class SweepCanvas : public QWidget {
public:
    explicit SweepCanvas(SweepView* view) : QWidget(view), view_(view)
    {
        setMouseTracking(true);
        setMinimumSize(480, 300);
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    }

protected:
    void paintEvent(QPaintEvent*) override
    {
        QPainter painter(this);
        const bool dark = palette().color(QPalette::Window).lightness() < 128;
        painter.fillRect(rect(), palette().color(QPalette::Base));
        SweepPlot(view_->figure_).paint(painter, QRectF(rect()), font(), dark, view_->hovered_);
    }
    void mouseMoveEvent(QMouseEvent* event) override
    {
        const auto run = SweepPlot(view_->figure_).runAt(QRectF(rect()), font(), event->position(), 6);
        if (run == view_->hovered_)
            return;
        view_->hovered_ = run;
        if (run) {
            const auto& p = view_->figure_.points[std::size_t(run->point)];
            view_->hint_->setText(tr("%1, %2: click to replay this run").arg(p.name, p.runs[std::size_t(run->run)].label));
            setCursor(Qt::PointingHandCursor);
        } else {
            view_->hint_->setText(tr("Point at a thin line to see its seed; click it to replay that run."));
            unsetCursor();
        }
        update();
    }
    void mousePressEvent(QMouseEvent* event) override
    {
        if (event->button() != Qt::LeftButton)
            return;
        if (const auto run = SweepPlot(view_->figure_).runAt(QRectF(rect()), font(), event->position(), 6))
            emit view_->runChosen(view_->figure_.points[std::size_t(run->point)].runs[std::size_t(run->run)].runFile);
    }

private:
    SweepView* view_;
};

SweepView::SweepView(const QString& title, const QStringList& metrics, FigureSource figureFor, QWidget* parent)
    : QWidget(parent, Qt::Window), figureFor_(std::move(figureFor))
{
    setWindowTitle(title);
    setAttribute(Qt::WA_DeleteOnClose);
    metrics_ = new QComboBox(this);
    metrics_->addItems(metrics);
    metrics_->setToolTip(tr("The metric to show: its mean over the seeds of each point, the 95 % confidence "
                            "interval of that mean as a band, and one thin line per seed."));
    metrics_->setWhatsThis(metrics_->toolTip());
    hint_ = new QLabel(tr("Point at a thin line to see its seed; click it to replay that run."), this);
    canvas_ = new SweepCanvas(this);
    canvas_->setToolTip(tr("Mean over seeds (thick line) with its 95 % confidence band per point; thin lines are "
                           "the single seeds. Click a thin line to replay that run in the main window."));
    canvas_->setWhatsThis(canvas_->toolTip());
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Metric:"), this));
    top->addWidget(metrics_, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(canvas_, 1);
    layout->addWidget(hint_);
    connect(metrics_, &QComboBox::currentTextChanged, this, &SweepView::setMetric);
    setMetric(metrics_->currentText());
    resize(900, 560);
}

QString SweepView::metric() const
{
    return metrics_->currentText();
}

void SweepView::setMetric(const QString& metric)
{
    if (metrics_->currentText() != metric)
        metrics_->setCurrentText(metric);
    figure_ = figureFor_(metric);
    hovered_.reset();
    canvas_->update();
}

QPointF SweepView::runPosition(SweepRunIndex index) const
{
    // The first pixel whose nearest line is this run (lines may cross, so not just any point of it).
    const SweepPlot plot(figure_);
    for (int x = 0; x < canvas_->width(); x += 2)
        for (int y = 0; y < canvas_->height(); y += 2)
            if (plot.runAt(QRectF(canvas_->rect()), canvas_->font(), QPointF(x, y), 1.5) == index)
                return QPointF(x, y);
    return QPointF(-1, -1);
}

} // namespace plab
