#pragma once
// The Bayesian network as GeNIe and Netica draw it: a box per variable, laid out by Graphviz
// (parents above children), with a bar per value — the exact posterior (black) and the
// network's estimate (green) — the module's KL or the evidence in its header, and what the
// variable means under its name. Click a value to observe it (again to clear), the name to
// open the module's table; right-click to lesion its module. Wheel or +/− zoom, dragging the
// background pans, a double click or 0 fits the whole network.
#include "BayesNetState.h"
#include "GraphvizLayout.h"

#include <QWidget>
#include <memory>

namespace plab {

class NetworkGraphView : public QWidget {
    Q_OBJECT
public:
    explicit NetworkGraphView(QWidget* parent = nullptr);
    void setState(std::shared_ptr<const BayesNetState> state);

    // Where things are on screen (tests click them).
    QPointF nodeCenter(int v) const;
    QPointF headerCenter(int v) const;
    QPointF valueCenter(int v, int value) const;
    QRectF nodeRect(int v) const;  // on screen
    /// What is drawn in node v's header besides its name ("KL 0.020" or "= yes"), and under
    /// its name (the BIF file's label).
    QString nodeText(int v) const;
    QString nodeCaption(int v) const;
    /// Evidence clicked that the engine has not applied yet (empty: none).
    const std::vector<int>& pendingEvidence() const { return pending_; }
    double zoom() const { return zoom_; }
    /// Scale from layout to screen (the fit times the zoom).
    double scale() const;
    bool laidOutByGraphviz() const { return layout_.byGraphviz; }
    void fitWhole();
    /// The network at its natural size (capped): what the panel asks the window for. Not the
    /// size hint: in a scroll area that would become the least height, and a small screen scroll.
    QSize naturalSize() const;

signals:
    /// Another network was laid out: its natural size may have changed.
    void laidOut();
    /// The state is of another network than the one before (other names, values, labels,
    /// arrows or modules): what was shown of the old one is stale.
    void networkChanged();
    void evidenceRequested(const QString& evidence);
    /// The name of a node was clicked: its module's table is wanted.
    void tableRequested(int variable);
    /// Right-click on a node: its variable's module, offered for a lesion.
    void moduleChosen(const QString& variable, QPoint at);

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void changeEvent(QEvent* event) override;
    bool event(QEvent* event) override;

private:
    struct Hit {
        int node = -1;
        int value = -1;  // −1: the header
    };
    void layOut();
    QTransform toScreen() const;
    Hit hitAt(QPointF screen) const;
    void zoomAround(QPointF screen, double factor);
    void requestEvidence(int node, int value);
    // Geometry of a node's box in layout coordinates.
    QRectF boxOf(int v) const;
    QRectF headerOf(int v) const;
    QRectF rowOf(int v, int value) const;
    double headerHeight() const;
    double captionLine() const;
    double rowHeight() const;
    QFont nameFont() const;
    QFont smallFont() const;
    void drawNode(QPainter& p, int v) const;

    std::shared_ptr<const BayesNetState> state_;
    // Evidence clicked but not applied yet (commands apply between steps: while paused, at the
    // next Play or Step): drawn dashed, and the next click builds on it. Dropped once a state
    // later than the click arrives (applied, or refused).
    std::vector<int> pending_;
    double pendingAt_ = 0;
    GraphLayout layout_;
    std::vector<QSizeF> sizes_;
    std::vector<std::string> laidOutShape_;  // the network the layout belongs to
    double zoom_ = 1;
    QPointF pan_;
    bool dragging_ = false;
    QPointF dragFrom_;
};

} // namespace plab
