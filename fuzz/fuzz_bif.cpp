// libFuzzer target: the BIF parser (Bayesian networks from users and other tools), and the
// merging of the deterministic families in what it reads. Any input
// must end in a network or an InputError; anything else (a crash, a sanitizer report, another
// exception) is a finding.
#include "bayesnet/BifFormat.h"
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
        const auto net = plab::parseBif(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.bif");
        (void)plab::writeBif(net);  // what parsed must also write back
        const plab::MergedFamilies families(net, true);  // and its deterministic families merge or say why not
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
