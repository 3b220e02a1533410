#include "TransportControls.h"

#include "MainWindow.h"
#include "SpeedChoices.h"

#include <QActionGroup>
#include <QComboBox>
#include <QLabel>
#include <QMenu>
#include <QStyle>
#include <QToolBar>
#include <algorithm>
#include <cmath>
#include <iterator>

namespace plab {

TransportControls::TransportControls(MainWindow& window, SimulationController& controller)
    : QObject(&window), w_(window), controller_(controller)
{
}

void TransportControls::addTo(QMenu* menu, QToolBar* toolbar)
{
    playAction_ = menu->addAction(w_.style()->standardIcon(QStyle::SP_MediaPlay), tr("Play"), this, &TransportControls::togglePlay);
    playAction_->setShortcut(Qt::Key_Space);
    playAction_->setToolTip(tr("Run or pause the simulation (Space)"));
    connect(&controller_, &SimulationController::runningChanged, this, [this](bool running) {
        playAction_->setText(running ? tr("Pause") : tr("Play"));
        playAction_->setIcon(w_.style()->standardIcon(running ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    });
    auto* step = menu->addAction(w_.style()->standardIcon(QStyle::SP_MediaSeekForward), tr("Step"), this,
                                [this] { controller_.step(1); });
    step->setShortcut(Qt::Key_Period);
    step->setToolTip(tr("Advance one simulation step (.)"));
    auto* step100 = menu->addAction(tr("Step 100 ms"), this, [this] {
        controller_.step(std::max<std::int64_t>(1, std::llround(0.1 / controller_.dt())));
    });
    step100->setShortcut(Qt::SHIFT | Qt::Key_Greater);
    auto* reset = menu->addAction(w_.style()->standardIcon(QStyle::SP_BrowserReload), tr("Reset"), this,
                                 [this] { w_.resetRun(); });
    reset->setShortcut(Qt::CTRL | Qt::Key_R);
    reset->setToolTip(tr("Start the run again from t = 0 with the parameters on the left (Ctrl+R)"));
    menu->addSeparator();
    auto* speedMenu = menu->addMenu(tr("Speed"));
    speedGroup_ = new QActionGroup(&w_);
    auto* speedBox = speedBox_ = new QComboBox;
    speedBox->setToolTip(tr("Simulated time per wall-clock time"));
    int shortcut = 1;
    for (const auto& s : kSpeeds) {
        auto* a = speedMenu->addAction(tr(s.label));
        a->setCheckable(true);
        a->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_0 + shortcut++)));
        speedGroup_->addAction(a);
        speedBox->addItem(tr(s.label));
        const double factor = s.factor;
        connect(a, &QAction::triggered, this, [this, factor] { setSpeed(factor); });
    }
    connect(speedBox, &QComboBox::activated, this, [this](int i) { setSpeed(kSpeeds[i].factor); });

    toolbar->addAction(playAction_);
    toolbar->addAction(step);
    toolbar->addAction(reset);
    toolbar->addSeparator();
    toolbar->addWidget(new QLabel(tr(" Speed ")));
    toolbar->addWidget(speedBox);
    speedGroup_->actions().first()->setChecked(true);
}

void TransportControls::setSpeed(double factor)
{
    controller_.setSpeed(factor);
    // The menu and the toolbar show the speed however it was chosen (menu, toolbar, lesson).
    for (std::size_t i = 0; i < std::size(kSpeeds); ++i)
        if (kSpeeds[i].factor == factor) {
            speedGroup_->actions()[qsizetype(i)]->setChecked(true);
            speedBox_->setCurrentIndex(int(i));
        }
}


QString TransportControls::speedChoiceText() const
{
    return speedBox_->currentText();
}


void TransportControls::togglePlay()
{
    if (controller_.isRunning())
        controller_.pause();
    else
        controller_.play();
}


} // namespace plab
