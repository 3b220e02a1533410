#pragma once
// Under the metric chart, once there was a lesion: what each did to the experiment's
// performance — the drop, the time back to 80 %, where it stands now — measured as
// summary.json measures it (analysis/LesionEffects.h), and while comparing, the lesioned
// run against its intact copy.
#include "analysis/LesionEffects.h"

#include <QLabel>
#include <memory>
#include <string>
#include <vector>

namespace plab {

struct LesionReport {
    std::string measure;                // "nmi", "1 − cond_entropy"
    std::vector<LesionEffect> effects;
    std::vector<std::string> commands;  // each lesion's command text(s), joined by "; "
    double now = 0;                     // performance over the last window
    double intactNow = 0;               // the intact copy's, while comparing (else NaN)
};

class LesionReportView : public QLabel {
    Q_OBJECT
public:
    explicit LesionReportView(QWidget* parent = nullptr);
    /// Null: no lesion yet (the view hides).
    void showReport(const std::shared_ptr<const LesionReport>& report);
    /// The lines shown, as plain text (tests read them).
    static QStringList lines(const LesionReport& report);
};

} // namespace plab
