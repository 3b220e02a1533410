#include "GraphvizLayout.h"

#include <QByteArray>
#include <graphviz/gvc.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>

namespace plab {

namespace {

// Graphviz works in points (1/72 inch) and takes node sizes in inches: a pixel is given as a
// point, so what comes back is in pixels.
constexpr double kPointsPerInch = 72.0;

char* text(const char* s)
{
    return const_cast<char*>(s);  // cgraph's C API takes char* it does not change
}

/// Where the segment from a box's centre towards `towards` leaves the box.
QPointF borderPoint(QPointF center, QSizeF size, QPointF towards)
{
    const QPointF d = towards - center;
    const double sx = std::abs(d.x()) > 1e-9 ? size.width() / 2 / std::abs(d.x()) : 1e9;
    const double sy = std::abs(d.y()) > 1e-9 ? size.height() / 2 / std::abs(d.y()) : 1e9;
    return center + d * std::min({sx, sy, 1.0});
}

GraphLayout gridLayout(const std::vector<QSizeF>& sizes, const std::vector<std::pair<int, int>>& edges)
{
    GraphLayout layout;
    QSizeF cell(1, 1);
    for (const QSizeF& s : sizes)
        cell = cell.expandedTo(s);
    cell += QSizeF(30, 40);
    const int columns = std::max(1, int(std::ceil(std::sqrt(double(sizes.size())))));
    for (std::size_t v = 0; v < sizes.size(); ++v)
        layout.centers.emplace_back(cell.width() * (double(v % std::size_t(columns)) + 0.5),
                                    cell.height() * (double(v / std::size_t(columns)) + 0.5));
    const int rows = int((sizes.size() + std::size_t(columns) - 1) / std::size_t(columns));
    layout.bounds = QRectF(0, 0, cell.width() * columns, cell.height() * std::max(1, rows));
    for (const auto& [from, to] : edges) {
        GraphLayout::Edge e;
        e.from = from;
        e.to = to;
        const QPointF a = layout.centers[std::size_t(from)], b = layout.centers[std::size_t(to)];
        const QPointF start = borderPoint(a, sizes[std::size_t(from)], b);
        e.arrowTip = borderPoint(b, sizes[std::size_t(to)], a);
        const QPointF d = e.arrowTip - start;
        const double len = std::max(1e-9, std::hypot(d.x(), d.y()));
        e.arrowBase = e.arrowTip - d / len * std::min(9.0, len);
        e.path.moveTo(start);
        e.path.lineTo(e.arrowBase);
        layout.edges.push_back(std::move(e));
    }
    return layout;
}

/// One Graphviz context for the program: creating one loads its plugins, and libgvc keeps a
/// little of each for good (LeakSanitizer saw 11 kB after three contexts).
GVC_t* sharedContext()
{
    static GVC_t* const context = gvContext();
    return context;
}

struct GraphvizSession {
    GVC_t* context = sharedContext();
    Agraph_t* graph = agopen(text("network"), Agdirected, nullptr);
    bool laidOut = false;
    ~GraphvizSession()
    {
        if (laidOut)
            gvFreeLayout(context, graph);
        if (graph)
            agclose(graph);
    }
};

} // namespace

GraphLayout layOutGraph(const std::vector<QSizeF>& nodeSizes, const std::vector<std::pair<int, int>>& edges)
{
    if (nodeSizes.empty())
        return {};
    agseterr(AGMAX);  // no warnings on stderr: a failure falls back to the grid below
    GraphvizSession gv;
    if (!gv.context || !gv.graph)
        return gridLayout(nodeSizes, edges);
    agattr(gv.graph, AGRAPH, text("rankdir"), text("TB"));
    agattr(gv.graph, AGRAPH, text("nodesep"), text("0.25"));
    agattr(gv.graph, AGRAPH, text("ranksep"), text("0.45"));
    agattr(gv.graph, AGNODE, text("shape"), text("box"));
    agattr(gv.graph, AGNODE, text("fixedsize"), text("true"));
    agattr(gv.graph, AGNODE, text("label"), text(""));
    agattr(gv.graph, AGNODE, text("width"), text("1"));
    agattr(gv.graph, AGNODE, text("height"), text("1"));
    std::vector<Agnode_t*> nodes;
    for (std::size_t v = 0; v < nodeSizes.size(); ++v) {
        Agnode_t* n = agnode(gv.graph, text(("n" + std::to_string(v)).c_str()), 1);
        // Written with a point whatever the locale (std::to_string would write "2,08" in a
        // German one, which Graphviz reads as 2).
        agset(n, text("width"), QByteArray::number(nodeSizes[v].width() / kPointsPerInch, 'f', 4).data());
        agset(n, text("height"), QByteArray::number(nodeSizes[v].height() / kPointsPerInch, 'f', 4).data());
        nodes.push_back(n);
    }
    std::vector<Agedge_t*> drawn;
    for (const auto& [from, to] : edges)
        drawn.push_back(agedge(gv.graph, nodes[std::size_t(from)], nodes[std::size_t(to)], nullptr, 1));
    if (gvLayout(gv.context, gv.graph, "dot") != 0)
        return gridLayout(nodeSizes, edges);
    gv.laidOut = true;

    GraphLayout layout;
    layout.byGraphviz = true;
    const boxf bb = GD_bb(gv.graph);
    const auto toView = [&](pointf p) { return QPointF(p.x - bb.LL.x, bb.UR.y - p.y); };  // Graphviz's y points up
    layout.bounds = QRectF(0, 0, bb.UR.x - bb.LL.x, bb.UR.y - bb.LL.y);
    for (Agnode_t* n : nodes)
        layout.centers.push_back(toView(ND_coord(n)));
    for (std::size_t j = 0; j < edges.size(); ++j) {
        GraphLayout::Edge e;
        e.from = edges[j].first;
        e.to = edges[j].second;
        const splines* spl = drawn[j] ? ED_spl(drawn[j]) : nullptr;
        if (!spl || spl->size < 1 || spl->list[0].size < 4) {
            // No spline (should not happen with dot): a straight edge.
            const QSizeF& a = nodeSizes[std::size_t(e.from)];
            const QSizeF& b = nodeSizes[std::size_t(e.to)];
            const QPointF ca = layout.centers[std::size_t(e.from)], cb = layout.centers[std::size_t(e.to)];
            e.arrowTip = borderPoint(cb, b, ca);
            e.arrowBase = e.arrowTip;
            e.path.moveTo(borderPoint(ca, a, cb));
            e.path.lineTo(e.arrowTip);
        } else {
            const bezier& bz = spl->list[0];
            e.path.moveTo(toView(bz.list[0]));
            for (int i = 1; i + 2 < bz.size; i += 3)
                e.path.cubicTo(toView(bz.list[i]), toView(bz.list[i + 1]), toView(bz.list[i + 2]));
            e.arrowBase = toView(bz.list[bz.size - 1]);
            e.arrowTip = bz.eflag ? toView(bz.ep) : e.arrowBase;
        }
        layout.edges.push_back(std::move(e));
    }
    return layout;
}

} // namespace plab
