#include "LessonPanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace plab {

LessonPanel::LessonPanel(QWidget* parent) : QWidget(parent)
{
    title_ = new QLabel;
    title_->setWordWrap(true);
    QFont big = title_->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    title_->setFont(big);
    counter_ = new QLabel;
    text_ = new QTextBrowser;
    text_->setOpenExternalLinks(false);
    text_->setWhatsThis(tr("The lesson's current step: what the plots show now, the equation behind it and what "
                           "to do next."));
    progress_ = new QProgressBar;
    progress_->setToolTip(tr("How far the simulation has come towards this step's time; Next waits for it."));
    restart_ = new QPushButton(tr("Restart"));
    restart_->setObjectName("restart");
    restart_->setToolTip(tr("Begin the lesson again from its first step (a new run)."));
    next_ = new QPushButton(tr("Next ▶"));
    next_->setObjectName("next");
    next_->setDefault(true);
    next_->setToolTip(tr("Go to the next step: the lesson then starts, changes or runs the simulation for you."));
    connect(restart_, &QPushButton::clicked, this, &LessonPanel::restart);
    connect(next_, &QPushButton::clicked, this, &LessonPanel::next);

    changed_ = new QLabel;
    changed_->setObjectName("changed");
    changed_->setWordWrap(true);
    changed_->setTextFormat(Qt::RichText);
    changed_->setToolTip(tr("What you changed by hand in this run. The lesson's text describes what happens with "
                            "the lesson's own settings."));
    changed_->hide();

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(restart_);
    buttons->addStretch(1);
    buttons->addWidget(next_);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title_);
    layout->addWidget(counter_);
    layout->addWidget(text_, 1);
    layout->addWidget(changed_);
    layout->addWidget(progress_);
    layout->addLayout(buttons);
    setFocusPolicy(Qt::StrongFocus);  // holds the focus while Next is disabled
    setMinimumWidth(260);
    updateButtons();
}

void LessonPanel::setLesson(Lesson lesson)
{
    lesson_ = std::move(lesson);
    title_->setText(lesson_.title);
    title_->setToolTip(lesson_.path);
    enter(0);
}

void LessonPanel::restart()
{
    if (hasLesson())
        enter(0);
}

void LessonPanel::next()
{
    if (!hasLesson())
        return;
    const auto& step = lesson_.steps[std::size_t(step_)];
    if (!reached_ && !running_ && step.runUntil) {  // paused half-way: this button goes on
        emit continueRequested(*step.runUntil);
        return;
    }
    if (!reached_)
        return;
    if (step_ + 1 >= int(lesson_.steps.size())) {
        emit finished();
        return;
    }
    enter(step_ + 1);
}

void LessonPanel::enter(int index)
{
    step_ = index;
    const LessonStep& step = lesson_.steps[std::size_t(index)];
    counter_->setText(tr("Step %1 of %2").arg(index + 1).arg(lesson_.steps.size()));
    QString html = "<h3>" + step.title + "</h3>";
    if (index == 0 && !lesson_.summary.isEmpty())
        html += "<p><i>" + lesson_.summary + "</i></p>";
    html += step.text;
    if (!step.equation.isEmpty())
        html += "<table width='100%' cellpadding='10' style='margin-top:8px; margin-bottom:8px'>"
                "<tr><td align='center' style='border: 1px solid palette(mid)'><span style='font-size:x-large; "
                "font-family:serif'>"
                + step.equation + "</span></td></tr></table>";
    if (!step.task.isEmpty())
        html += "<p style='margin-top:10px'><b>▶ " + tr("Now:") + "</b> " + step.task + "</p>";
    text_->setHtml(html);
    if (!step.experiment.isEmpty()) {  // a new run: nothing changed by hand yet
        changes_.clear();
        changed_->hide();
    }
    reached_ = !step.runUntil.has_value();
    time_ = 0;
    running_ = false;
    updateButtons();
    emit stepEntered(index);
}

void LessonPanel::noteUserChange(const QString& what)
{
    changes_ << what;
    QStringList shown = changes_.mid(std::max<qsizetype>(0, changes_.size() - 3));
    changed_->setText(tr("<b>You changed the run:</b> %1.<br>What the text says assumes the lesson's settings, so "
                         "what you see may differ — that is worth a look. <i>Restart</i> brings the lesson's "
                         "settings back.")
                          .arg(shown.join("; ").toHtmlEscaped()));
    changed_->show();
}

void LessonPanel::showSimulation(double time, bool running)
{
    time_ = time;
    running_ = running;
    if (hasLesson()) {
        const auto& step = lesson_.steps[std::size_t(step_)];
        // Half a millisecond of slack: the engine reports times as step × dt.
        if (step.runUntil && !running && time >= *step.runUntil - 5e-4)
            reached_ = true;
    }
    updateButtons();
}

void LessonPanel::updateButtons()
{
    const bool has = hasLesson();
    restart_->setEnabled(has);
    if (!has) {
        next_->setEnabled(false);
        progress_->hide();
        counter_->clear();
        return;
    }
    const auto& step = lesson_.steps[std::size_t(step_)];
    const bool last = step_ + 1 >= int(lesson_.steps.size());
    if (step.runUntil && !reached_) {
        progress_->show();
        const double until = *step.runUntil;
        progress_->setRange(0, 1000);
        progress_->setFormat(tr("simulating to t = %1 s… %p %").arg(until));
        progress_->setValue(until > 0 ? int(std::lround(1000 * std::clamp(time_ / until, 0.0, 1.0))) : 1000);
        if (running_) {
            next_->setText(tr("Next ▶"));
            // A disabled button hands the keyboard focus to the next widget in the window,
            // a parameter field, which would then eat the Space meant for Play/Pause.
            if (next_->hasFocus())
                setFocus(Qt::OtherFocusReason);
            next_->setEnabled(false);
        } else {
            next_->setText(tr("Continue to t = %1 s").arg(until));
            next_->setEnabled(true);
        }
    } else {
        progress_->setVisible(step.runUntil.has_value());
        progress_->setValue(progress_->maximum());
        if (step.runUntil)
            progress_->setFormat(tr("reached t = %1 s").arg(*step.runUntil));
        next_->setText(last ? tr("Finish") : tr("Next ▶"));
        next_->setEnabled(true);
    }
}

} // namespace plab
