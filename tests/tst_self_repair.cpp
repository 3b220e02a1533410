// self-repair: the data load with the expected shapes, lesioned neurons never spike again,
// cut synapses never return, the PCA columns are filled, and a corrupt data file is an error.
#include "core/Error.h"
#include "core/ExperimentRegistry.h"
#include "core/Simulation.h"
#include "data/ImageDataset.h"
#include "experiments/SelfRepairExperiment.h"
#include "io/Resources.h"

#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <cstdlib>
#include <fstream>

using namespace plab;

namespace {

std::unique_ptr<Simulation> make(std::initializer_list<std::string> sets, std::uint64_t seed = 1)
{
    const auto& registry = ExperimentRegistry::builtin();
    ParameterSet p = registry.defaults("self-repair");
    for (const auto& s : sets)
        p.setAssignment(s);
    return std::make_unique<Simulation>(registry.create("self-repair", p, seed));
}

} // namespace

class TestSelfRepair : public QObject {
    Q_OBJECT
private slots:
    void spokenDigitsHaveTheExpectedShape()
    {
        const auto d = ImageDataset::load(Resources::path("data/spoken-digits.plimg"));
        QCOMPARE(d.rows, 20);  // frequency bands
        QCOMPARE(d.cols, 10);  // time frames
        QVERIFY(d.count() >= 800);
        const auto oneTrain = d.select({1}, ImageDataset::Training), twoTest = d.select({2}, ImageDataset::Test);
        QVERIFY(oneTrain.size() > 300 && twoTest.size() > 60);
        for (auto l : d.labels)
            QVERIFY(l == 1 || l == 2);
    }

    void lesionsAreForGood()
    {
        auto sim = make({"lesion1_at=600", "lesion2_at=900", "test_every=200", "test_items=10"});
        sim->runUntil(600);
        auto& e = static_cast<SelfRepairExperiment&>(sim->experiment());
        sim->step();  // the scheduled lesion 1 applies
        std::vector<int> removed;
        for (int k = 0; k < e.zvSize(); ++k)
            if (e.neuronRemoved(k))
                removed.push_back(k);
        QVERIFY(!removed.empty());
        QVERIFY(int(removed.size()) < e.zvSize());
        const auto preferred = e.preferredDigits();
        for (int k : removed)
            QCOMPARE(preferred[std::size_t(k)], 2);
        e.spikes().setEnabled(true);
        sim->runUntil(1500);
        const int hiddenBase = e.visualInputs() + e.auditoryInputs();
        for (const auto& s : e.spikes().take())
            for (int k : removed)
                QVERIFY(s.neuron != hiddenBase + k);
        // Lesion 2 at 900 s: no zV<->zA synapse exists, and none ever comes back.
        QCOMPARE(e.lesionTimes().size(), std::size_t(2));
        QCOMPARE(e.activeSynapses(SelfRepairExperiment::ZvToZa), std::int64_t(0));
        QCOMPARE(e.activeSynapses(SelfRepairExperiment::ZaToZv), std::int64_t(0));
        QCOMPARE(e.potentialSynapses(SelfRepairExperiment::ZaToZv), std::int64_t(0));
        sim->runUntil(2500);
        QCOMPARE(e.activeSynapses(SelfRepairExperiment::ZvToZa), std::int64_t(0));
        QCOMPARE(e.activeSynapses(SelfRepairExperiment::ZaToZv), std::int64_t(0));
        // The lesions went through the command log, at their times.
        QCOMPARE(sim->appliedCommands()[0].text(), std::string("lesion zv-digit 2"));
        QCOMPARE(sim->appliedCommands()[1].time, 900.0);
    }

    void recordsPerformanceAndThePcaTrajectory()
    {
        auto sim = make({"lesion1_at=-1", "lesion2_at=-1", "test_every=120", "test_items=10"});
        sim->runUntil(600);
        auto& e = static_cast<SelfRepairExperiment&>(sim->experiment());
        QVERIFY(std::isfinite(e.performance()));
        QVERIFY(e.performance() >= 0 && e.performance() <= 1.0);
        const MetricSeries s = sim->finalSeries();
        const auto pc1 = std::size_t(std::find(s.names.begin(), s.names.end(), "pc1") - s.names.begin());
        QVERIFY(pc1 < s.names.size());
        for (const auto& row : s.rows)
            for (int j = 0; j < 3; ++j)
                QVERIFY(std::isfinite(row[pc1 + std::size_t(j)]));
        Eigen::MatrixXd scores;
        std::vector<int> phases;
        e.pcaTrajectory(scores, phases);
        QCOMPARE(scores.rows(), Eigen::Index(s.rows.size()));
        QVERIFY(scores.col(0).norm() > 0);  // θ moves
    }

    void corruptDataFileIsAnError()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath("data"));
        for (const char* name : {"mnist-14x14.plimg", "spoken-digits.plimg"}) {
            QFile::copy(QString::fromStdString(Resources::path(std::string("data/") + name)), dir.filePath(QString("data/") + name));
            QFile::setPermissions(dir.filePath(QString("data/") + name), QFile::ReadOwner | QFile::WriteOwner);
        }
        {
            std::fstream f(dir.filePath("data/spoken-digits.plimg").toStdString(), std::ios::in | std::ios::out | std::ios::binary);
            f.seekp(1000);
            f.put('\x5a');
        }
        qputenv("PLASTICITY_LAB_RESOURCES", dir.path().toUtf8());
        try {
            make({});
            QFAIL("no error for a corrupt data file");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains("checksum mismatch"), e.what());
            QVERIFY(QString(e.what()).contains("spoken-digits.plimg"));
        }
        qunsetenv("PLASTICITY_LAB_RESOURCES");
    }
};

QTEST_APPLESS_MAIN(TestSelfRepair)
#include "tst_self_repair.moc"
