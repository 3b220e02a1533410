// A network written back as BIF 0.3: variables with their values and labels, then each
// table with one row per parent configuration, the last parent fastest.
#include "BifFormat.h"

#include "core/Parameters.h"

#include <cctype>
#include <string_view>

namespace plab {

namespace {

std::string quoteIfNeeded(const std::string& s)
{
    for (char c : s)
        if (std::isspace((unsigned char)c) || std::string_view("{}()[],;|=\"/").find(c) != std::string_view::npos)
            return "\"" + s + "\"";
    return s;
}

} // namespace

std::string writeBif(const BayesianNetwork& net)
{
    std::string out = "network " + quoteIfNeeded(net.name.empty() ? "unknown" : net.name) + " {\n}\n";
    for (const auto& v : net.variables) {
        out += "variable " + quoteIfNeeded(v.name) + " {\n  type discrete [ " + std::to_string(v.values.size()) + " ] { ";
        for (std::size_t k = 0; k < v.values.size(); ++k)
            out += (k ? ", " : "") + quoteIfNeeded(v.values[k]);
        out += " };\n";
        if (!v.label.empty())
            out += "  property label = \"" + v.label + "\" ;\n";
        out += "}\n";
    }
    for (const auto& v : net.variables) {
        out += "probability ( " + quoteIfNeeded(v.name);
        for (std::size_t j = 0; j < v.parents.size(); ++j)
            out += (j ? ", " : " | ") + quoteIfNeeded(net.variables[std::size_t(v.parents[j])].name);
        out += " ) {\n";
        const std::size_t m = v.values.size();
        const std::size_t configs = v.cpt.size() / m;
        for (std::size_t c = 0; c < configs; ++c) {
            if (v.parents.empty()) {
                out += "  table ";
            } else {
                // Decode the configuration, last parent fastest.
                std::vector<std::string> labels(v.parents.size());
                std::size_t rest = c;
                for (std::size_t j = v.parents.size(); j-- > 0;) {
                    const auto& pv = net.variables[std::size_t(v.parents[j])];
                    labels[j] = quoteIfNeeded(pv.values[rest % pv.values.size()]);
                    rest /= pv.values.size();
                }
                out += "  (";
                for (std::size_t j = 0; j < labels.size(); ++j)
                    out += (j ? ", " : "") + labels[j];
                out += ") ";
            }
            for (std::size_t k = 0; k < m; ++k)
                out += (k ? ", " : "") + formatNumber(v.cpt[c * m + k]);
            out += ";\n";
        }
        out += "}\n";
    }
    return out;
}

} // namespace plab
