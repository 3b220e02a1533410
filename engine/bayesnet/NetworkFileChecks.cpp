#include "NetworkFileChecks.h"

#include "core/Error.h"
#include "core/Parameters.h"

#include <cmath>
#include <stdexcept>

namespace plab::netfile {

void checkTable(const BayesianNetwork& net, int v, const std::vector<double>& data, const std::string& file,
                long line, const std::string& what)
{
    const BnVariable& var = net.variables[std::size_t(v)];
    // Capped, so that many parents cannot wrap the count round to a size a short table has.
    constexpr std::size_t kMaxEntries = std::size_t(1) << 24;
    const std::size_t k = std::size_t(var.cardinality());
    std::size_t rows = 1;
    for (int p : var.parents) {
        rows *= std::size_t(net.variables[std::size_t(p)].cardinality());
        if (rows * k > kMaxEntries)
            throw fileError(file, line, "the " + what + " of '" + var.name + "' would have more than "
                                            + std::to_string(kMaxEntries) + " entries (" + std::to_string(var.parents.size())
                                            + " parents)");
    }
    if (data.size() != rows * k)
        throw fileError(file, line, "the " + what + " of '" + var.name + "' has " + std::to_string(data.size())
                                        + " numbers; its " + std::to_string(rows) + " parent configurations × "
                                        + std::to_string(k) + " states need " + std::to_string(rows * k));
    for (std::size_t r = 0; r < rows; ++r) {
        double sum = 0;
        for (std::size_t x = 0; x < k; ++x) {
            const double p = data[r * k + x];
            if (!(p >= 0 && p <= 1))
                throw fileError(file, line, "the " + what + " of '" + var.name + "' holds " + formatNumber(p)
                                                + ", which is not a probability");
            sum += p;
        }
        if (std::fabs(sum - 1.0) > 1e-6)
            throw fileError(file, line, "row " + std::to_string(r + 1) + " of the " + what + " of '" + var.name
                                            + "' sums to " + formatNumber(std::round(sum * 1e9) / 1e9) + ", not 1");
    }
}

void checkComplete(const BayesianNetwork& net, const std::map<int, long>& definedAt, const std::vector<long>& declaredAt,
                   const std::string& file, const std::string& variableWord, const std::string& tableWord)
{
    if (net.variables.empty())
        throw fileError(file, 1, "no " + variableWord + "s in this file");
    for (int i = 0; i < net.size(); ++i)
        if (!definedAt.count(i))
            throw fileError(file, declaredAt[std::size_t(i)],
                            variableWord + " '" + net.variables[std::size_t(i)].name + "' has no " + tableWord);
    try {
        net.topologicalOrder();
    } catch (const std::invalid_argument& e) {
        throw fileError(file, definedAt.at(net.find(e.what())), "the network has a cycle through '" + std::string(e.what()) + "'");
    }
}

} // namespace plab::netfile
