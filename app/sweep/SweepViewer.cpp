#include "SweepViewer.h"

#include "SweepCollect.h"
#include "SweepResults.h"

#include "core/Error.h"

#include <QDir>
#include <map>
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
    // Dose–response: each final metric against each numeric axis ("relative_after_lesion1
    // against fraction"), after the metrics over time.
    auto against = std::make_shared<std::map<QString, std::pair<std::string, std::string>>>();
    for (const auto& axis : doseAxes(*results))
        for (const auto& m : finalMetrics(*results)) {
            const QString name = QObject::tr("%1 against %2").arg(QString::fromStdString(m), QString::fromStdString(axis));
            (*against)[name] = {axis, m};
            metrics << name;
        }
    const QString title = QObject::tr("Sweep %1 — %2 of %3 runs finished")
                              .arg(QDir::toNativeSeparators(dir))
                              .arg(results->runs().size())
                              .arg(results->pointCount());
    return new SweepView(title, metrics, [results, against](const QString& metric) {
        if (const auto it = against->find(metric); it != against->end())
            return doseResponseFigure(*results, it->second.first, it->second.second);
        return sweepFigure(*results, metric.toStdString());
    }, parent);
}

} // namespace plab
