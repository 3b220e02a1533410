#include "LiveSlider.h"

#include "ParameterPanel.h"
#include "core/Parameters.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QTimer>
#include <cmath>

namespace plab {

LiveSlider::LiveSlider(const QString& title, QWidget* parent) : QWidget(parent)
{
    baseTitle_ = title;
    title_ = new QLabel(title);
    slider_ = new QSlider(Qt::Horizontal);
    slider_->setRange(0, kSteps);
    valueLabel_ = new QLabel;
    valueLabel_->setMinimumWidth(70);
    valueLabel_->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(title_);
    layout->addWidget(slider_, 1);
    layout->addWidget(valueLabel_);
    commit_ = new QTimer(this);
    commit_->setSingleShot(true);
    connect(commit_, &QTimer::timeout, this, [this] { commit(); });
    // A drag is one intervention: one `set` command (and one chart mark) when the hand lets
    // go. Keys and the wheel send theirs once they have rested for a moment.
    commit_->setInterval(400);
    connect(slider_, &QSlider::valueChanged, this, [this](int position) {
        if (updating_)
            return;
        value_ = fromPosition(position);
        showValue();
        if (slider_->isSliderDown())
            commit_->stop();
        else
            commit_->start();
    });
    connect(slider_, &QSlider::sliderReleased, this, [this] {
        commit_->stop();
        commit();
    });
}

void LiveSlider::commit()
{
    emit valueCommitted(value_);
    if (!parameter_.empty())
        emit parameterCommitted(QString::fromStdString(parameter_), value_);
}

void LiveSlider::bind(const ParameterSpec* spec, double value, const QString& whyDisabled)
{
    commit_->stop();
    setEnabled(spec != nullptr);
    parameter_ = spec ? spec->name : std::string();
    // The quantity as its paper names it: "learning rate η" here, "learning rate b" there.
    title_->setText(spec && !spec->symbol.empty() ? baseTitle_ + " " + QString::fromStdString(spec->symbol) : baseTitle_);
    if (!spec) {
        setToolTip(whyDisabled);
        valueLabel_->setText("—");
        return;
    }
    lo_ = spec->minimum;
    hi_ = spec->maximum;
    unit_ = QString::fromStdString(spec->unit);
    // A range that spans decades (0 .. 1 for a learning rate) is easier on a log scale; its
    // lowest position means exactly zero.
    log_ = hi_ > 0 && (lo_ <= 0 ? hi_ / 1e-5 : hi_ / lo_) >= 100;
    // A tick per decade on a log scale: a drag across one tick is a factor of ten.
    slider_->setTickPosition(log_ ? QSlider::TicksBelow : QSlider::NoTicks);
    if (log_) {
        const double decades = std::log10(hi_) - std::log10(lo_ > 0 ? lo_ : hi_ * 1e-5);
        slider_->setTickInterval(std::max(1, int(std::lround(kSteps / decades))));
    }
    setToolTip(describe(*spec) + (log_ ? tr("\nLogarithmic scale: each tick is a factor of ten.") : QString()));
    setValue(value);
}

void LiveSlider::setValue(double value)
{
    value_ = value;
    updating_ = true;
    slider_->setValue(toPosition(value));
    updating_ = false;
    showValue();
}

double LiveSlider::fromPosition(int position) const
{
    const double f = double(position) / kSteps;
    if (!log_)
        return lo_ + f * (hi_ - lo_);
    if (position == 0 && lo_ <= 0)
        return lo_;
    const double a = std::log10(lo_ > 0 ? lo_ : hi_ * 1e-5), b = std::log10(hi_);
    // Three significant digits, as the nearest double to their decimal text: the command log
    // and status bar then read "0.00172", not 0.0017200000000000002.
    const double v = std::pow(10.0, a + f * (b - a));
    return QString::number(v, 'g', 3).toDouble();
}

int LiveSlider::toPosition(double value) const
{
    if (!log_)
        return int(std::lround((value - lo_) / (hi_ - lo_) * kSteps));
    const double a = std::log10(lo_ > 0 ? lo_ : hi_ * 1e-5), b = std::log10(hi_);
    if (value <= 0)
        return 0;
    return std::clamp(int(std::lround((std::log10(value) - a) / (b - a) * kSteps)), 0, kSteps);
}

void LiveSlider::showValue()
{
    valueLabel_->setText(QString::number(value_, 'g', 3) + (unit_.isEmpty() ? "" : " " + unit_));
}

} // namespace plab
