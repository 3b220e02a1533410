#include "RunOutput.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <thread>

#include "JsonWriter.h"
#include "core/Error.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <unistd.h>

namespace plab {

std::string summaryJson(const RunRecord& run)
{
    const Experiment& e = *run.experiment;
    JsonWriter w;
    w.beginObject();
    w.key("experiment").value(e.info().name);
    w.key("seed").value((unsigned long long)e.seed());
    w.key("sim_seconds").value(run.simSeconds);
    w.key("wall_seconds").value(run.wallSeconds);
    w.key("complete").value(run.complete);
    w.key("parameters").beginObject();
    for (const auto& spec : e.parameters().specs()) {
        w.key(spec.name);
        if (spec.isNumeric())
            w.value(e.parameters().number(spec.name));
        else
            w.value(e.parameters().text(spec.name));
    }
    w.endObject();
    w.key("metrics").beginObject();
    for (const auto& [name, value] : run.metrics) {
        w.key(name);
        std::visit([&w](const auto& v) { w.value(v); }, value);
    }
    w.endObject();
    e.writeSummaryExtras(w);
    w.endObject();
    return w.str() + "\n";
}

std::string metricsCsv(const MetricSeries& series)
{
    // Appending piecewise (not "," + text) also sidesteps GCC 12's false -Wrestrict warning.
    std::string out = "t";
    for (const auto& n : series.names)
        out.append(",").append(n);
    out += '\n';
    for (std::size_t r = 0; r < series.size(); ++r) {
        out += formatNumber(series.times[r]);
        for (double v : series.rows[r])
            out.append(",").append(formatNumber(v));
        out += '\n';
    }
    return out;
}

std::string spikesCsv(const std::vector<SpikeEvent>& spikes, const std::vector<NeuronGroup>& groups)
{
    std::vector<std::string> names;
    for (const auto& g : groups) {
        if (g.name.find_first_of(",\"\n") == std::string::npos) {
            names.push_back(g.name);
            continue;
        }
        std::string quoted = "\"";
        for (char c : g.name)
            quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
        names.push_back(quoted + "\"");
    }
    const auto groupOf = [&](int neuron) -> const std::string& {
        static const std::string none;
        for (std::size_t k = 0; k < groups.size(); ++k)
            if (neuron >= groups[k].first && neuron < groups[k].first + groups[k].count)
                return names[k];
        return none;
    };
    std::string out = "t,neuron,group\n";
    out.reserve(out.size() + spikes.size() * 24);
    for (const auto& s : spikes)
        out.append(formatNumber(s.t)).append(",").append(std::to_string(s.neuron)).append(",").append(groupOf(s.neuron)).append("\n");
    return out;
}

void writeFileAtomically(const std::string& path, const std::string& content)
{
    namespace fs = std::filesystem;
    const fs::path target(path);
    const fs::path temp = target.parent_path() / (std::string(".") + target.filename().string() + ".tmp-" + std::to_string(::getpid()));
    const auto fail = [&](const std::string& what) {
        const std::string reason = std::strerror(errno);
        ::unlink(temp.c_str());
        return InputError(path + ": " + what + ": " + reason);
    };
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        throw InputError(path + ": cannot create temporary file: " + std::strerror(errno));
    // Fault injection for the test that kills a save half-way: "NAME=SECONDS" stalls the write
    // of the file called NAME after half of its bytes.
    const char* fault = std::getenv("PLASTICITY_LAB_TEST_WRITE_STALL");
    const std::string faultSpec = fault ? fault : "";
    const auto eq = faultSpec.find('=');
    const bool stall = eq != std::string::npos && faultSpec.substr(0, eq) == target.filename().string();
    std::size_t written = 0;
    bool stalled = false;
    while (written < content.size()) {
        if (stall && !stalled && written >= content.size() / 2) {
            stalled = true;
            std::this_thread::sleep_for(std::chrono::duration<double>(std::atof(faultSpec.c_str() + eq + 1)));
        }
        const std::size_t chunk = stall && !stalled ? content.size() / 2 - written : content.size() - written;
        const ssize_t n = ::write(fd, content.data() + written, std::max<std::size_t>(chunk, 1));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            ::close(fd);
            throw fail("write failed");
        }
        written += std::size_t(n);
    }
    if (::fsync(fd) != 0) {
        ::close(fd);
        throw fail("fsync failed");
    }
    if (::close(fd) != 0)
        throw fail("close failed");
    if (::rename(temp.c_str(), target.c_str()) != 0)
        throw fail("rename failed");
}

} // namespace plab
