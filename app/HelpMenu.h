#pragma once
// The Help menu: What's this? (every control explains itself) and About.
class QMainWindow;
class QMenu;
class QToolBar;
class QWidget;

namespace plab {

/// Fills `help` and puts What's this? on the toolbar too.
void addHelpMenu(QMainWindow* window, QMenu* help, QToolBar* toolbar);
/// Gives every widget under `root` its tooltip as What's this? text (after a panel changes).
void explainWhatsThis(QWidget* root);
void showAboutBox(QWidget* parent);

} // namespace plab
