#include "SweepViewer.h"

#include "SweepCollect.h"
#include "SweepResults.h"

#include "core/Error.h"

#include <QDir>
#include <memory>

namespace plab {

SweepView* openSweepView(const QString& dir, QWidget* parent)
{
    auto results = std::make_shared<SweepResults>(SweepResults::load(dir.toStdString()));
    if (results->runs().empty())
        throw InputError(dir.toStdString() + ": none of its " + std::to_string(results->pointCount())
                         + " runs has finished yet");
    QStringList metrics;
    for (const auto& m : results->metrics())
        metrics << QString::fromStdString(m);
    const QString title = QObject::tr("Sweep %1 — %2 of %3 runs finished")
                              .arg(QDir::toNativeSeparators(dir))
                              .arg(results->runs().size())
                              .arg(results->pointCount());
    return new SweepView(title, metrics, [results](const QString& metric) {
        return sweepFigure(*results, metric.toStdString());
    }, parent);
}

} // namespace plab
