// libFuzzer target: the XMLBIF reader (tinyxml2 underneath) and the merging of deterministic
// families in what it reads. Any input must end in a network or an InputError; anything else (a
// crash, a sanitizer report, another exception) is a finding.
#include "bayesnet/BifFormat.h"
#include "bayesnet/MergedFamilies.h"
#include "bayesnet/VariableElimination.h"
#include "bayesnet/XmlBifFormat.h"
#include "core/Error.h"

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        const auto net = plab::parseXmlBif(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.xml");
        (void)plab::writeBif(net);
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
