#include "StateFile.h"

#include "Crc32.h"
#include "RunOutput.h"
#include "StateArchive.h"
#include "core/Error.h"
#include "core/ExperimentRegistry.h"

#include <cstring>
#include <fstream>
#include <sstream>

namespace plab {

namespace {

constexpr char kMagic[8] = {'P', 'L', 'A', 'B', 'S', 'T', 'A', 'T'};
constexpr std::size_t kHeader = 8 + 4 + 8;

template <class T>
void put(std::string& out, T value)
{
    out.append(reinterpret_cast<const char*>(&value), sizeof(T));
}

template <class T>
T get(std::string_view bytes, std::size_t at)
{
    T value;
    std::memcpy(&value, bytes.data() + at, sizeof(T));
    return value;
}

} // namespace

std::string encodeState(Simulation& sim)
{
    StateArchive a;
    Experiment& e = sim.experiment();
    std::string name = e.info().name;
    std::uint64_t seed = e.seed();
    a.value(name);
    a.value(seed);
    const ParameterSet& initial = e.initialParameters();
    std::uint64_t count = initial.specs().size();
    a.value(count);
    for (const auto& spec : initial.specs()) {
        std::string key = spec.name, value = initial.formatted(spec.name);
        a.value(key);
        a.value(value);
    }
    sim.serializeState(a);

    std::string out(kMagic, sizeof kMagic);
    put(out, kStateFormatVersion);
    put(out, std::uint64_t(a.bytes().size()));
    out += a.bytes();
    put(out, crc32(out.data(), out.size()));
    return out;
}

std::unique_ptr<Simulation> decodeState(std::string_view bytes, const std::string& source)
{
    const auto fail = [&](const std::string& what) { return InputError(source + ": " + what); };
    if (bytes.empty())
        throw fail("empty file, not a state file");
    if (bytes.size() < sizeof kMagic || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0)
        throw fail("not a Plasticity Lab state file (it does not start with PLABSTAT)");
    if (bytes.size() < kHeader + 4)
        throw fail("truncated state file (" + std::to_string(bytes.size()) + " bytes)");
    const auto version = get<std::uint32_t>(bytes, 8);
    if (version > kStateFormatVersion)
        throw fail("state format version " + std::to_string(version) + " was written by a newer Plasticity Lab");
    if (version == 0)
        throw fail("state format version 0 is not valid");
    const auto length = get<std::uint64_t>(bytes, 12);
    if (length != bytes.size() - kHeader - 4)
        throw fail("truncated or extended state file: the header announces " + std::to_string(length)
                   + " bytes of state, the file holds " + std::to_string(bytes.size() - kHeader - 4));
    const auto stored = get<std::uint32_t>(bytes, bytes.size() - 4);
    if (crc32(bytes.data(), bytes.size() - 4) != stored)
        throw fail("checksum mismatch: the file is damaged");

    StateArchive a(bytes.substr(kHeader, std::size_t(length)), source, version);
    std::string name;
    std::uint64_t seed = 0, count = 0;
    a.value(name);
    a.value(seed);
    a.value(count);
    const ExperimentRegistry& registry = ExperimentRegistry::builtin();
    if (!registry.find(name))
        a.fail("unknown experiment '" + name.substr(0, 60) + "'");
    ParameterSet params = registry.defaults(name);
    if (count > params.specs().size())
        a.fail("more parameters than the experiment has");
    std::vector<std::string> names;
    for (std::uint64_t k = 0; k < count; ++k) {
        std::string key, value;
        a.value(key);
        a.value(value);
        names.push_back(key);
        try {
            params.set(key, value);
        } catch (const InputError& e) {
            a.fail(e.what());
        }
    }
    params.setValuesBefore(names);
    std::unique_ptr<Simulation> sim;
    try {
        sim = std::make_unique<Simulation>(registry.create(name, params, seed));
    } catch (const InputError& e) {
        a.fail(std::string("cannot rebuild the experiment: ") + e.what());
    }
    a.setParameterNames(std::move(names));  // the order format 1 keeps the current values in
    sim->serializeState(a);
    if (!a.atEnd())
        a.fail("unexpected data after the state");
    return sim;
}

void saveStateFile(Simulation& sim, const std::string& path)
{
    writeFileAtomically(path, encodeState(sim));
}

std::unique_ptr<Simulation> loadStateFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError(path + ": cannot open the state file");
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (in.bad())
        throw InputError(path + ": cannot read the state file");
    const std::string data = bytes.str();
    return decodeState(data, path);
}

} // namespace plab
