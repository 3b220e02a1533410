#include "LesionReportView.h"

#include <cmath>

namespace plab {

LesionReportView::LesionReportView(QWidget* parent) : QLabel(parent)
{
    setObjectName("lesion report");
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setContentsMargins(6, 2, 6, 2);
    setToolTip(tr("What each lesion did to the experiment's performance, as summary.json reports it:\n"
                  "before: the mean over one measuring window before the lesion; lowest: the lowest point in the window\n"
                  "after it; back to 80 %: the end of the first window after the lesion whose mean is at least 80 % of\n"
                  "before; now: the mean over the last window. While comparing, the intact copy's figure is beside it."));
    hide();
}

QStringList LesionReportView::lines(const LesionReport& r)
{
    const auto percent = [](double x) { return std::isfinite(x) ? QString("%1 %").arg(x * 100, 0, 'f', 0) : QString("—"); };
    const QString measure = QString::fromStdString(r.measure);
    QStringList out;
    for (std::size_t k = 0; k < r.effects.size(); ++k) {
        const LesionEffect& e = r.effects[k];
        const QString what = k < r.commands.size() ? QString::fromStdString(r.commands[k]) : QString();
        const QString recovered = std::isfinite(e.recoveryTime)
                                      ? tr("back to 80 % after %1 s").arg(e.recoveryTime, 0, 'f', 0)
                                      : tr("not back to 80 %");
        // One arg() call: a '%' in a command's text is not taken for a place holder.
        out << tr("Lesion %1 at %2 s (%3): %4 before %5; lowest %6 of it; %7; latest %8 of it")
                   .arg(QString::number(k + 1), QString::number(e.time, 'f', 0), what, measure,
                        QString::number(e.before, 'g', 3), percent(e.relativeAfter), recovered, percent(e.relativeFinal));
    }
    if (std::isfinite(r.intactNow))
        out << tr("Now: %1 = %2 lesioned, %3 intact copy (%4 of the intact)")
                   .arg(measure, QString::number(r.now, 'g', 3), QString::number(r.intactNow, 'g', 3),
                        r.intactNow != 0 ? percent(r.now / r.intactNow) : QString("—"));
    return out;
}

void LesionReportView::showReport(const std::shared_ptr<const LesionReport>& report)
{
    if (!report || report->effects.empty()) {
        if (isVisible())
            hide();
        return;
    }
    const QString text = lines(*report).join('\n');
    if (text != this->text())
        setText(text);
    if (!isVisible())
        show();
}

} // namespace plab
