#pragma once
// Finds files under resources/ wherever the program runs from: the directory named by
// PLASTICITY_LAB_RESOURCES, directories the application adds (next to an installed
// executable), and the source tree's resources/ for a build-tree run.
#include <string>
#include <vector>

namespace plab {

class Resources {
public:
    /// Puts a directory in front of the search list.
    static void addSearchDirectory(const std::string& dir);
    static std::vector<std::string> searchDirectories();
    /// Full path of resources/<relative>; throws InputError listing where it looked.
    static std::string path(const std::string& relative);
    /// Every file ending in `extension` in resources/<relativeDir> of any search directory,
    /// sorted by name; a name found in several directories comes from the first one.
    static std::vector<std::string> list(const std::string& relativeDir, const std::string& extension);
};

} // namespace plab
