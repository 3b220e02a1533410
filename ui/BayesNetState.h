#pragma once
// What the bayesnet panel shows of the experiment at one moment (captured in the engine's
// thread, read in the GUI's).
#include "PanelState.h"
#include "experiments/BayesNetExperiment.h"

#include <limits>
#include <string>
#include <vector>

namespace plab {

struct BayesNetState : PanelState {
    struct Variable {
        std::string name, label;
        std::vector<std::string> values;
        std::vector<int> parents;
        int evidence = -1;
        double kl = 0;       // of the module that samples it
        std::string module;  // that module's name: the variable's own, or a merged family's
        int moduleIndex = 0;
        /// Exact (posterior) marginal and the network's: while learning, the marginal of the
        /// modules' own distribution; while sampling, the sampled one. Empty where unknown.
        std::vector<double> exact, estimate;
        /// Sampling diagnostics over the chains: the largest split R-hat and the smallest
        /// effective sample size over its values (NaN: learning, observed, too few readings).
        double rhat = std::numeric_limits<double>::quiet_NaN();
        double ess = std::numeric_limits<double>::quiet_NaN();
    };
    /// A module as its table names it: the variable's, or a merged family's (values "yes+no").
    struct Module {
        std::string name;
        std::vector<std::string> values;
    };
    std::vector<Variable> variables;
    std::vector<Module> modules;
    std::vector<ModuleTable> tables;  // per module, its heaviest rows
    bool learning = true;
    double learningSeconds = 0;
    std::vector<double> trueJoint, learnedJoint;          // empty if not shown
    std::vector<std::vector<double>> trueMarginals, learnedMarginals;
    std::int64_t samples = 0;
    int chains = 1;
    std::vector<std::string> deterministic;  // variables that are functions of their parents
    std::vector<std::string> mergedModules;  // modules that sample a family jointly
    std::string unmerged;                    // why the deterministic families are not merged
};

} // namespace plab
