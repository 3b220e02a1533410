#pragma once
// The Experiment dock: which experiment, what it is, its seed, the two live sliders, every
// parameter, and "Apply and reset". It shows and collects; the window decides what happens.
#include <QDockWidget>
#include <cstdint>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace plab {

struct ExperimentInfo;
class LiveSlider;
class ParameterPanel;
class ParameterSet;

class ExperimentDock : public QDockWidget {
    Q_OBJECT
public:
    explicit ExperimentDock(QWidget* parent = nullptr);

    /// Shows the experiment as the chosen one, with its title, description and paper.
    void describe(const ExperimentInfo& info);
    QString experiment() const;
    /// The seed typed; false if it is not a whole number from 0 to 2^64 − 1.
    bool seed(std::uint64_t& seed) const;
    void setSeed(std::uint64_t seed);
    ParameterPanel* parameters() const { return parameters_; }
    LiveSlider* learningRate() const { return learningRate_; }
    LiveSlider* temperature() const { return temperature_; }
    /// Binds the sliders to the run's live learning rate and temperature, or disables them.
    void bindLiveSliders(const ParameterSet& params);

signals:
    /// The user picked another experiment in the list.
    void experimentChosen(const QString& name);
    void applyRequested();
    /// A live parameter typed into the panel ("set NAME VALUE" follows).
    void liveParameterTyped(const QString& name, const QString& value);

private:
    QComboBox* experiments_ = nullptr;
    QLabel* description_ = nullptr;
    QLineEdit* seed_ = nullptr;
    ParameterPanel* parameters_ = nullptr;
    QPushButton* applyButton_ = nullptr;
    LiveSlider* learningRate_ = nullptr;
    LiveSlider* temperature_ = nullptr;
};

} // namespace plab
