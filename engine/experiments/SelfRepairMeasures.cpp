// self-repair: what is measured: preferred digits, synapses per pathway, the series (test-block
// performance, active synapses, the θ trajectory) and the performance around each lesion.
#include "SelfRepairExperiment.h"

#include "io/JsonWriter.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace plab {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

} // namespace

std::vector<int> SelfRepairExperiment::preferredDigits() const
{
    std::vector<int> out(std::size_t(zv_ + za_), 0);
    for (int k = 0; k < zv_ + za_; ++k)
        if (preference_.row(k).sum() > 0)
            out[std::size_t(k)] = preference_(k, 1) > preference_(k, 0) ? 2 : 1;
    return out;
}

int SelfRepairExperiment::pathwayOf(int row, int col) const
{
    const bool toZv = row < zv_;
    if (col < visualN_)
        return toZv ? VisualToZv : VisualToZa;
    if (col < visualN_ + auditoryN_)
        return toZv ? AuditoryToZv : AuditoryToZa;
    const bool fromZv = col < visualN_ + auditoryN_ + zv_;
    if (fromZv)
        return toZv ? ZvToZv : ZvToZa;
    return toZv ? ZaToZv : ZaToZa;
}

std::int64_t SelfRepairExperiment::activeSynapses(int pathway) const
{
    std::int64_t n = 0;
    for (int r = 0; r < net_.synapses().sampler().rows(); ++r)
        for (int c = 0; c < net_.synapses().sampler().cols(); ++c)
            if (net_.synapses().sampler().theta()(r, c) > 0 && pathwayOf(r, c) == pathway)
                ++n;
    return n;
}

std::int64_t SelfRepairExperiment::potentialSynapses(int pathway) const
{
    std::int64_t n = 0;
    for (int r = 0; r < net_.synapses().sampler().rows(); ++r)
        for (int c = 0; c < net_.synapses().sampler().cols(); ++c)
            if (!net_.synapses().sampler().removed(r, c) && pathwayOf(r, c) == pathway)
                ++n;
    return n;
}

std::vector<std::string> SelfRepairExperiment::seriesNames() const
{
    std::vector<std::string> names = {"performance", "performance_za", "performance_visual"};
    for (int p = 0; p < Pathways; ++p)
        names.push_back(std::string("active_") + pathwayName(p));
    names.insert(names.end(), {"phase", "pc1", "pc2", "pc3"});
    return names;
}

std::vector<double> SelfRepairExperiment::sampleSeries()
{
    if (testPhase_ == 0)
        net_.synapses().advanceAll(time());
    preference_ *= std::exp(-params_.number("record_interval") / params_.number("preference_time"));
    // Synapses removed by a lesion, or onto or from a removed neuron, leave the PCA.
    const int hiddenBase = visualN_ + auditoryN_;
    const auto& sampler = net_.synapses().sampler();
    const auto removed = [&](int r, int c) {
        return sampler.removed(r, c) || net_.isLesioned(r) || (c >= hiddenBase && net_.isLesioned(c - hiddenBase));
    };
    const std::string& space = params_.text("pca_space");
    pca_.record(sampler.theta(), lesions_, space == "theta-raw" ? PcaMonitor::Removed() : removed, space == "existing");
    std::vector<double> row = {performance_, performanceZa_, performanceVisual_};
    std::vector<std::int64_t> active(Pathways, 0);
    for (int r = 0; r < net_.synapses().sampler().rows(); ++r)
        for (int c = 0; c < net_.synapses().sampler().cols(); ++c)
            if (net_.synapses().sampler().theta()(r, c) > 0)
                ++active[std::size_t(pathwayOf(r, c))];
    for (std::int64_t a : active)
        row.push_back(double(a));
    row.insert(row.end(), {double(lesions_), kNaN, kNaN, kNaN});
    return row;
}

void SelfRepairExperiment::finalizeSeries(MetricSeries& series) const
{
    Eigen::MatrixXd scores;
    std::vector<int> phases;
    pca_.trajectory(scores, phases);
    const auto column = [&](const char* name) {
        return std::size_t(std::find(series.names.begin(), series.names.end(), name) - series.names.begin());
    };
    const std::size_t pc1 = column("pc1");
    for (std::size_t r = 0; r < series.rows.size() && Eigen::Index(r) < scores.rows(); ++r)
        for (int j = 0; j < 3; ++j)
            series.rows[r][pc1 + std::size_t(j)] = scores(Eigen::Index(r), j);
}

MetricList SelfRepairExperiment::summary() const
{
    // Performance around the lesions: the mean of the tests in the last `perf_window` seconds
    // before an event (single tests scatter by ±0.1 bits), and the first test after it.
    const double window = params_.number("perf_window");
    // Tests are logged at their start: "before" a lesion means started (and so, since a
    // lesion waits for no test, mostly run) before it; "after" means started after it.
    const auto before = [this, window](double t) {
        double sum = 0;
        int n = 0;
        for (const auto& [when, perf] : performanceLog_)
            if (when + testDuration_ < t - 1e-9 && when >= t - window) {
                sum += perf;
                ++n;
            }
        return n ? sum / n : kNaN;
    };
    const auto after = [this](double t) {
        // A lesion applies before the step that starts at t: a test starting at t sees it.
        for (const auto& [when, perf] : performanceLog_)
            if (when >= t - 1e-9)
                return perf;
        return kNaN;
    };
    // Time to recovery: from the lesion to the end of the first `perf_window` that lies
    // wholly after it (and before `until`) in which the mean of the tests reaches 80 % of
    // perf_pre — a mean, since single tests scatter; so never less than perf_window. NaN if
    // it never does.
    const auto recoveryTime = [this, window](double lesion, double until, double target) {
        for (const auto& [when, perf] : performanceLog_) {
            const double ended = when + testDuration_;
            if (ended - window < lesion - 1e-9 || ended > until + 1e-9)
                continue;
            double sum = 0;
            int n = 0;
            for (const auto& [w, p] : performanceLog_)
                if (w > ended - window + 1e-9 && w <= when + 1e-9) {
                    sum += p;
                    ++n;
                }
            if (n && sum / n >= target)
                return ended - lesion;
        }
        return kNaN;
    };
    const double l1 = lesionTimes_.size() > 0 ? lesionTimes_[0] : kNaN;
    const double l2 = lesionTimes_.size() > 1 ? lesionTimes_[1] : kNaN;
    const double end = time() + 1.0;
    const double pre = std::isnan(l1) ? before(end) : before(l1);
    const double after1 = std::isnan(l1) ? kNaN : after(l1);
    const double recovered1 = std::isnan(l1) ? kNaN : before(std::isnan(l2) ? end : l2);
    const double after2 = std::isnan(l2) ? kNaN : after(l2);
    const double recovered2 = std::isnan(l2) ? kNaN : before(end);
    MetricList m = {
        {"perf_pre", pre},
        {"perf_after_lesion1", after1},
        {"perf_recovered1", recovered1},
        {"perf_after_lesion2", after2},
        {"perf_recovered2", recovered2},
        // The same relative to perf_pre (the README's "below 60 %", "recovers to 80 %").
        {"relative_after_lesion1", after1 / pre},
        {"relative_recovered1", recovered1 / pre},
        {"relative_after_lesion2", after2 / pre},
        {"relative_recovered2", recovered2 / pre},
        {"recovery_time_lesion1", std::isnan(l1) ? kNaN : recoveryTime(l1, std::isnan(l2) ? end : l2, 0.8 * pre)},
        {"recovery_time_lesion2", std::isnan(l2) ? kNaN : recoveryTime(l2, end, 0.8 * pre)},
        {"performance", performance_},
        {"performance_za", performanceZa_},
        {"performance_visual", performanceVisual_},
    };
    for (int p = 0; p < Pathways; ++p)
        m.push_back({std::string("active_") + pathwayName(p), double(activeSynapses(p))});
    // Whether a lesion leaves a mark on the θ trajectory (in the full space, not only on the
    // three components drawn): the move across the lesion against the median move between
    // two recordings, and the mean move in the perf_window after it against the one before.
    std::vector<double> steps;
    for (std::size_t i = 1; i < pca_.size(); ++i)
        steps.push_back(pca_.stepSquared(i));
    std::vector<double> sorted = steps;
    std::sort(sorted.begin(), sorted.end());
    const double median = sorted.empty() ? kNaN : sorted[sorted.size() / 2];
    const auto span = std::size_t(std::max(1.0, std::round(window / params_.number("record_interval"))));
    for (int k = 1; k <= 2; ++k) {
        const auto& phases = pca_.phases();
        const auto at = std::size_t(std::find_if(phases.begin(), phases.end(), [k](int p) { return p >= k; }) -
                                    phases.begin());
        double jump = kNaN, pace = kNaN;
        if (at >= 1 && at < pca_.size()) {
            jump = steps[at - 1] / median;
            if (at >= span + 1 && at + span < pca_.size()) {
                double movedBefore = 0, movedAfter = 0;
                for (std::size_t i = at - span; i < at; ++i)
                    movedBefore += steps[i - 1];
                for (std::size_t i = at + 1; i <= at + span; ++i)
                    movedAfter += steps[i - 1];
                pace = movedAfter / movedBefore;
            }
        }
        m.push_back({"theta_jump_lesion" + std::to_string(k), jump});
        m.push_back({"theta_pace_lesion" + std::to_string(k), pace});
    }
    const Eigen::VectorXd explained = pca_.explained();
    m.push_back({"pc1_explained", explained.size() ? explained[0] : kNaN});
    return m;
}

void SelfRepairExperiment::writeSummaryExtras(JsonWriter& json) const
{
    std::vector<double> times, perf;
    for (const auto& [t, p] : performanceLog_) {
        times.push_back(t);
        perf.push_back(p);
    }
    json.key("performance_tests").beginObject();
    json.key("t").value(times);
    json.key("performance").value(perf);
    json.endObject();
    json.key("lesion_times").value(lesionTimes_);
}

} // namespace plab
