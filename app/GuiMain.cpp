#include "GuiMain.h"

#include <QApplication>
#include <QLabel>

namespace plab {

int runGui(const GuiOptions& options, int argc, char** argv)
{
    (void)options;
    QApplication app(argc, argv);
    QLabel label("Plasticity Lab");
    label.show();
    return app.exec();
}

} // namespace plab
