#pragma once
// A directed graph laid out by Graphviz's `dot` (libgvc): ranks from parents to children,
// crossings reduced, edges as splines that go round the nodes. Coordinates are in pixels at
// zoom 1, y down, the drawing's top left at (0, 0).
#include <QPainterPath>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <utility>
#include <vector>

namespace plab {

struct GraphLayout {
    struct Edge {
        int from = 0, to = 0;
        QPainterPath path;     // from the parent's border to where the arrow head begins
        QPointF arrowBase, arrowTip;
    };
    std::vector<QPointF> centers;  // per node
    std::vector<Edge> edges;
    QRectF bounds;
    bool byGraphviz = false;  // false: Graphviz failed and the nodes stand in a plain grid
};

/// Lays out nodes of the given sizes (px) with edges (from, to). Never throws: if Graphviz
/// cannot lay the graph out, the nodes are put in a grid with straight edges.
GraphLayout layOutGraph(const std::vector<QSizeF>& nodeSizes, const std::vector<std::pair<int, int>>& edges);

} // namespace plab
