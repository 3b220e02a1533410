#include "Resources.h"

#include "core/Error.h"

#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>

namespace plab {

namespace {

std::mutex& lock()
{
    static std::mutex m;
    return m;
}

std::vector<std::string>& added()
{
    static std::vector<std::string> dirs;
    return dirs;
}

} // namespace

void Resources::addSearchDirectory(const std::string& dir)
{
    std::lock_guard guard(lock());
    added().insert(added().begin(), dir);
}

std::vector<std::string> Resources::searchDirectories()
{
    std::vector<std::string> dirs;
    if (const char* env = std::getenv("PLASTICITY_LAB_RESOURCES"); env && *env)
        dirs.emplace_back(env);
    {
        std::lock_guard guard(lock());
        dirs.insert(dirs.end(), added().begin(), added().end());
    }
#ifdef PLAB_SOURCE_RESOURCES
    dirs.emplace_back(PLAB_SOURCE_RESOURCES);
#endif
    return dirs;
}

std::string Resources::path(const std::string& relative)
{
    std::string looked;
    for (const auto& dir : searchDirectories()) {
        const auto candidate = std::filesystem::path(dir) / relative;
        std::error_code ec;
        if (std::filesystem::is_regular_file(candidate, ec))
            return candidate.string();
        looked += (looked.empty() ? "" : ", ") + dir;
    }
    throw InputError("resource '" + relative + "' not found (looked in: " + (looked.empty() ? "nowhere" : looked) + ")");
}

std::vector<std::string> Resources::list(const std::string& relativeDir, const std::string& extension)
{
    std::map<std::string, std::string> byName;  // sorted, first directory wins
    for (const auto& dir : searchDirectories()) {
        std::error_code ec;
        std::filesystem::directory_iterator it(std::filesystem::path(dir) / relativeDir, ec);
        for (; !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
            const auto& entry = it->path();
            const std::string name = entry.filename().string();
            if (name.size() > extension.size() && name.ends_with(extension) && it->is_regular_file(ec))
                byName.emplace(name, entry.string());
        }
    }
    std::vector<std::string> paths;
    for (auto& [name, path] : byName)
        paths.push_back(std::move(path));
    return paths;
}

} // namespace plab
