#include "SlideFigure.h"

#include <QPushButton>
#include <QLayout>
#include <QPainter>
#include <QWidget>
#include <algorithm>

namespace plab {

namespace {

/// Hides the visible buttons below `root` for as long as it lives; the layouts reflow.
class ButtonsHidden {
public:
    explicit ButtonsHidden(QWidget* root) : root_(root)
    {
        // Push buttons are controls; a legend's check boxes say which curves are drawn.
        for (QPushButton* b : root->findChildren<QPushButton*>())
            if (b->isVisible()) {
                b->hide();
                hidden_.push_back(b);
            }
        activate(root_);
    }
    ~ButtonsHidden()
    {
        for (QPushButton* b : hidden_)
            b->show();
        activate(root_);
    }
    ButtonsHidden(const ButtonsHidden&) = delete;
    ButtonsHidden& operator=(const ButtonsHidden&) = delete;

private:
    static void activate(QWidget* root)
    {
        QList<QWidget*> all = root->findChildren<QWidget*>();
        all.prepend(root);
        for (QWidget* w : all)
            if (w->layout())
                w->layout()->activate();
    }
    QWidget* root_;
    std::vector<QPushButton*> hidden_;
};

} // namespace

QImage slideFigure(const std::vector<QWidget*>& parts, const QColor& background, double scale)
{
    std::vector<QWidget*> shown;
    for (QWidget* w : parts)
        if (w && w->isVisible() && w->width() > 0 && w->height() > 0)
            shown.push_back(w);
    int width = 0, height = 0;
    for (QWidget* w : shown) {
        width = std::max(width, w->width());
        height += w->height();
    }
    // 16:9 around the content, never cropping it.
    const int canvasW = std::max(width, (height * 16 + 8) / 9 + 1);
    const int canvasH = std::max(height, (canvasW * 9 + 8) / 16);
    const int finalW = std::max(canvasW, (canvasH * 16 + 8) / 9);
    QImage image(QSize(finalW, (finalW * 9 + 8) / 16) * scale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(background);
    QPainter painter(&image);
    int y = ((finalW * 9 + 8) / 16 - height) / 2;
    for (QWidget* w : shown) {
        const ButtonsHidden noButtons(w);
        w->render(&painter, QPoint((finalW - w->width()) / 2, y), QRegion(), QWidget::DrawChildren);
        y += w->height();
    }
    return image;
}

} // namespace plab
