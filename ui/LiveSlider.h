#pragma once
// A labelled slider for one live parameter (learning rate, temperature), on a logarithmic
// scale where the range spans decades. Moving it sends one `set` command when the hand
// rests (after a short pause), not one per pixel, so the command log stays readable.
#include <QWidget>
#include <string>

class QLabel;
class QSlider;
class QTimer;

namespace plab {

struct ParameterSpec;

class LiveSlider : public QWidget {
    Q_OBJECT
public:
    LiveSlider(const QString& title, QWidget* parent = nullptr);

    /// Binds to a parameter; nullptr disables the slider and says why in its tooltip.
    void bind(const ParameterSpec* spec, double value, const QString& whyDisabled = {});
    void setValue(double value);  // shows a value without emitting
    double value() const { return value_; }
    QSlider* slider() const { return slider_; }
    static constexpr int kSteps = 1000;

    /// The parameter it is bound to ("" when unbound).
    const std::string& parameter() const { return parameter_; }

signals:
    void valueCommitted(double value);
    /// The same, with the parameter's name: connects straight to SimulationController::setParameter.
    void parameterCommitted(const QString& name, double value);

private:
    double fromPosition(int position) const;
    int toPosition(double value) const;
    void showValue();
    void commit();

    QLabel* title_;
    QSlider* slider_;
    QLabel* valueLabel_;
    QTimer* commit_;
    double lo_ = 0, hi_ = 1, value_ = 0;
    bool log_ = false;
    bool updating_ = false;
    QString unit_;
    QString baseTitle_;
    std::string parameter_;
};

} // namespace plab
