#include "RemovedSynapses.h"

#include "io/StateArchive.h"

namespace plab {

void RemovedSynapses::serialize(StateArchive& a)
{
    if (a.format() < 4)  // lesions came with format 4
        return;
    a.fixed(flags_, "removed synapses");
    if (a.reading())
        count_ = flags_.cast<std::int64_t>().sum();
}

} // namespace plab
