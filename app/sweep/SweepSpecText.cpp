// The words of a sweep: folder-safe values, seed ranges ("1-5,9"), and the spec written back as
// sweep.json.
#include "SweepSpec.h"

#include "CommandLine.h"
#include "core/Error.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cctype>
#include <sstream>
#include <string_view>

namespace plab {

std::string folderSafe(const std::string& text)
{
    std::string out = text;
    for (char& c : out)
        if (!std::isalnum(static_cast<unsigned char>(c)) && std::string_view("._+-=").find(c) == std::string_view::npos)
            c = '_';
    return out;
}

std::vector<std::uint64_t> parseSeedRanges(const std::string& text)
{
    std::vector<std::uint64_t> seeds;
    std::stringstream parts(text);
    std::string part;
    const auto bad = [&] {
        throw InputError("seeds must look like \"1-20\" or \"1-5,9\", got \"" + text + "\"");
    };
    while (std::getline(parts, part, ',')) {
        const auto dash = part.find('-');
        std::uint64_t from = 0, to = 0;
        if (!parseSeed(part.substr(0, dash), from))
            bad();
        to = from;
        if (dash != std::string::npos && !parseSeed(part.substr(dash + 1), to))
            bad();
        if (to < from || to - from > 100000 || to > std::uint64_t(1e15))  // seeds stay exact in JSON
            bad();
        for (std::uint64_t k = 0; k <= to - from; ++k)
            seeds.push_back(from + k);
    }
    if (seeds.empty())
        bad();
    return seeds;
}

QByteArray SweepSpec::sweepJson() const
{
    QJsonObject out;
    out.insert("format", "plasticity-lab sweep");
    out.insert("version", 1);
    out.insert("spec", json);
    out.insert("experiment", QString::fromStdString(experiment));
    QJsonArray axes;
    for (const auto& a : axisNames)
        axes.append(QString::fromStdString(a));
    out.insert("axes", axes);
    QJsonArray points;
    for (const SweepPoint& p : this->points) {
        QJsonObject o;
        o.insert("folder", QString::fromStdString(p.folder));
        o.insert("point", QString::fromStdString(p.group));
        o.insert("seed", double(p.seed));
        QJsonObject values;
        for (const auto& [name, value] : p.axes)
            values.insert(QString::fromStdString(name), QString::fromStdString(value));
        o.insert("values", values);
        points.append(o);
    }
    out.insert("points", points);
    return QJsonDocument(out).toJson(QJsonDocument::Indented);
}

} // namespace plab
