// plasticity-lab: the GUI, or the headless command line (list, run, sweep, collect). The
// headless paths never need a display (collect draws its figures on Qt's offscreen platform).
#include "CommandLine.h"
#include "GuiMain.h"
#include "HeadlessRunner.h"
#include "SweepCollect.h"
#include "SweepRunner.h"

#include "core/Error.h"
#include "io/Resources.h"

#include <filesystem>
#include <iostream>

namespace {

void addResourceDirectories()
{
    // Installed: <prefix>/bin/plasticity-lab and <prefix>/share/plasticity-lab/resources.
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec)
        return;
    const auto prefix = exe.parent_path().parent_path();
    plab::Resources::addSearchDirectory((prefix / "share" / "plasticity-lab" / "resources").string());
}

} // namespace

int main(int argc, char** argv)
{
    addResourceDirectories();
    std::vector<std::string> args(argv + 1, argv + argc);
    try {
        const auto cl = plab::CommandLine::parse(args);
        switch (cl.mode) {
        case plab::CommandLine::Mode::Help:
            std::cout << plab::CommandLine::usage();
            return 0;
        case plab::CommandLine::Mode::List:
            return plab::listExperiments(std::cout);
        case plab::CommandLine::Mode::Run:
            return plab::runHeadless(cl.run);
        case plab::CommandLine::Mode::SweepHelp:
            std::cout << plab::CommandLine::sweepUsage();
            return 0;
        case plab::CommandLine::Mode::Sweep:
            return plab::runSweep(cl.sweep);
        case plab::CommandLine::Mode::Collect:
            return plab::collectSweep(cl.collect);
        case plab::CommandLine::Mode::Gui:
            return plab::runGui(cl.gui, argc, argv);
        }
    } catch (const plab::InputError& e) {
        std::cerr << "plasticity-lab: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "plasticity-lab: internal error: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
