// libFuzzer target: the Hugin .net parser, and the merging of deterministic families in what it
// reads (a network from a user). Any input must end in a network or an InputError; anything else
// (a crash, a sanitizer report, another exception) is a finding.
#include "bayesnet/BifFormat.h"
#include "bayesnet/HuginFormat.h"
#include "bayesnet/MergedFamilies.h"
#include "bayesnet/VariableElimination.h"
#include "core/Error.h"

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        const auto net = plab::parseHugin(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.net");
        (void)plab::writeBif(net);  // what parsed must also write as BIF
        const plab::MergedFamilies families(net, true);
        (void)families.network().size();
        // What it reads is used: exact marginals (a factor the elimination refuses is an InputError).
        if (net.size() <= 12) {
            const plab::VariableElimination elimination(net);
            (void)elimination.marginals(std::vector<int>(std::size_t(net.size()), -1));
        }
    } catch (const plab::InputError&) {
    }
    return 0;
}
