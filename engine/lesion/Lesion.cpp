#include "Lesion.h"

#include "core/Error.h"
#include "core/Parameters.h"
#include "core/Random.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace plab {

namespace {

std::string joinNames(const std::vector<std::string>& names)
{
    std::string s;
    for (const auto& n : names)
        s += (s.empty() ? "" : ", ") + n;
    return s;
}

template <class T>
std::vector<std::string> namesOf(const std::vector<T>& items)
{
    std::vector<std::string> names;
    for (const auto& x : items)
        names.push_back(x.name);
    return names;
}

/// Finds the population or pathway named by args[at], if it is one; else the only one there
/// is. Advances `at` past a name that was given.
template <class T>
int findTarget(const std::vector<T>& items, const std::vector<std::string>& args, std::size_t& at,
               const std::string& what)
{
    if (at < args.size())
        for (std::size_t i = 0; i < items.size(); ++i)
            if (items[i].name == args[at]) {
                ++at;
                return int(i);
            }
    if (items.size() == 1)
        return 0;
    if (items.empty())
        throw InputError("this network has no " + what + " to lesion");
    throw InputError("say which " + what + ": " + joinNames(namesOf(items))
                     + (at < args.size() ? " (got '" + args[at] + "')" : std::string()));
}

double fractionArgument(const std::string& text, const std::string& where)
{
    double x = 0;
    if (!parseNumber(text, x) || !(x >= 0 && x <= 1))
        throw InputError(where + ": FRACTION must be between 0 and 1, got '" + text + "'");
    return x;
}

/// "3", "2,5,9", "1-4" (numbers from 1) into 0-based indices.
std::vector<int> neuronList(const std::string& text, int size, const std::string& where)
{
    std::vector<int> out;
    std::size_t start = 0;
    const auto bad = [&](const std::string& part) {
        return InputError(where + ": '" + part + "' is not a neuron number from 1 to " + std::to_string(size)
                          + " (or K-L, or a list K,L,...)");
    };
    const auto number = [&](const std::string& part, const std::string& whole) {
        double x = 0;
        if (!parseNumber(part, x) || x != std::floor(x) || x < 1 || x > size)
            throw bad(whole);
        return int(x) - 1;
    };
    while (start <= text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        const std::string part = text.substr(start, comma - start);
        const std::size_t dash = part.find('-', 1);
        if (dash == std::string::npos) {
            out.push_back(number(part, part));
        } else {
            const int a = number(part.substr(0, dash), part), b = number(part.substr(dash + 1), part);
            if (b < a)
                throw bad(part);
            for (int k = a; k <= b; ++k)
                out.push_back(k);
        }
        start = comma + 1;
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::string understood(const std::string& experiment)
{
    return experiment + " understands 'lesion neurons [POP] SELECTION', 'silence neurons [POP] SELECTION', "
                        "'restore neurons [POP] SELECTION|all', 'lesion synapses [PATHWAY] random|strongest|weakest "
                        "FRACTION' and 'lesion weights [PATHWAY] noise SD|scale FACTOR' (run EXPERIMENT --help)";
}

/// The first `count` of `candidates`: drawn at random, or by strength (ties: lower index first).
template <class Index, class Strength>
std::vector<Index> choose(std::vector<Index> candidates, std::int64_t count, Lesion::Selection selection,
                          RandomStream& rng, Strength strength)
{
    count = std::min<std::int64_t>(count, std::int64_t(candidates.size()));
    if (selection == Lesion::Selection::Random) {
        for (std::int64_t i = 0; i < count; ++i) {  // partial Fisher–Yates: exactly `count`
            const auto j = i + std::int64_t(rng.index(std::uint64_t(std::int64_t(candidates.size()) - i)));
            std::swap(candidates[std::size_t(i)], candidates[std::size_t(j)]);
        }
    } else if (selection == Lesion::Selection::Strongest || selection == Lesion::Selection::Weakest) {
        std::vector<double> s(candidates.size());
        for (std::size_t i = 0; i < candidates.size(); ++i)
            s[i] = strength(candidates[i]);
        std::vector<std::size_t> order(candidates.size());
        std::iota(order.begin(), order.end(), std::size_t(0));
        const bool strongest = selection == Lesion::Selection::Strongest;
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t a, std::size_t b) { return strongest ? s[a] > s[b] : s[a] < s[b]; });
        std::vector<Index> sorted;
        for (const std::size_t i : order)
            sorted.push_back(candidates[i]);
        candidates = std::move(sorted);
    }
    candidates.resize(std::size_t(count));
    return candidates;
}

} // namespace

bool isLesionCommand(const Command& c)
{
    if (c.args.empty())
        return false;
    const std::string& what = c.args[0];
    if (c.verb == "lesion")
        return what == "neurons" || what == "neuron" || what == "synapses" || what == "weights";
    return (c.verb == "silence" || c.verb == "restore") && what == "neurons";
}

bool countsAsLesion(const Command& c)
{
    return c.verb == "lesion" || (c.verb == "silence" && isLesionCommand(c));
}

Lesion parseLesion(const Command& c, const LesionSite& site, const std::string& experiment)
{
    if (!isLesionCommand(c))
        throw InputError(understood(experiment));
    const auto& args = c.args;
    const std::string where = c.text();
    Lesion lesion;
    std::size_t at = 1;
    const auto need = [&](std::size_t n) {
        if (args.size() != n)
            throw InputError(where + ": " + understood(experiment));
    };

    if (c.verb == "lesion" && args[0] == "neuron") {  // the older form
        const auto pops = site.populations();
        if (pops.empty())
            throw InputError(where + ": this network has no neurons to lesion");
        need(2);
        double x = 0;
        if (!parseNumber(args[1], x) || x != std::floor(x) || x < 1 || x > pops[0].size)
            throw InputError("lesion neuron: K must be a neuron number from 1 to " + std::to_string(pops[0].size)
                             + ", got '" + args[1] + "'");
        lesion.neurons = {int(x) - 1};
        return lesion;
    }

    if (args[0] == "neurons") {
        lesion.action = c.verb == "lesion"    ? Lesion::Action::RemoveNeurons
                        : c.verb == "silence" ? Lesion::Action::SilenceNeurons
                                              : Lesion::Action::RestoreNeurons;
        const auto pops = site.populations();
        lesion.target = findTarget(pops, args, at, "population");
        const LesionPopulation& pop = pops[std::size_t(lesion.target)];
        if (at >= args.size())
            throw InputError(where + ": say which neurons: K, K,L,..., K-L, random|strongest|weakest FRACTION, "
                                     "preferring VALUE or all");
        const std::string& how = args[at];
        if (how == "all") {
            need(at + 1);
            lesion.selection = Lesion::Selection::All;
        } else if (how == "random" || how == "strongest" || how == "weakest") {
            need(at + 2);
            lesion.selection = how == "random"      ? Lesion::Selection::Random
                               : how == "strongest" ? Lesion::Selection::Strongest
                                                    : Lesion::Selection::Weakest;
            lesion.amount = fractionArgument(args[at + 1], where);
        } else if (how == "preferring") {
            need(at + 2);
            if (pop.preferences.empty())
                throw InputError(where + ": the neurons of " + pop.name
                                 + " have no preferred value; choose them by number, at random or by weight");
            const auto it = std::find(pop.preferences.begin(), pop.preferences.end(), args[at + 1]);
            if (it == pop.preferences.end())
                throw InputError(where + ": " + pop.name + "'s neurons prefer one of " + joinNames(pop.preferences)
                                 + ", not '" + args[at + 1] + "'");
            lesion.selection = Lesion::Selection::Preferring;
            lesion.preference = int(it - pop.preferences.begin());
        } else {
            need(at + 1);
            lesion.selection = Lesion::Selection::List;
            lesion.neurons = neuronList(how, pop.size, c.verb + " neurons " + pop.name);
        }
        return lesion;
    }

    if (c.verb != "lesion")
        throw InputError(understood(experiment));
    const auto paths = site.pathways();
    lesion.target = findTarget(paths, args, at, "pathway");
    if (args[0] == "synapses") {
        need(at + 2);
        const std::string& how = args[at];
        if (how != "random" && how != "strongest" && how != "weakest")
            throw InputError(where + ": lesion synapses takes random, strongest or weakest, then a FRACTION; got '"
                             + how + "'");
        lesion.action = Lesion::Action::RemoveSynapses;
        lesion.selection = how == "random"      ? Lesion::Selection::Random
                           : how == "strongest" ? Lesion::Selection::Strongest
                                                : Lesion::Selection::Weakest;
        lesion.amount = fractionArgument(args[at + 1], where);
        return lesion;
    }
    // weights
    need(at + 2);
    double x = 0;
    const bool number = parseNumber(args[at + 1], x);
    if (args[at] == "noise") {
        if (!number || !(x >= 0) || !std::isfinite(x))
            throw InputError(where + ": SD must be a number ≥ 0, got '" + args[at + 1] + "'");
        lesion.action = Lesion::Action::WeightNoise;
    } else if (args[at] == "scale") {
        if (!number || !(x > 0) || !std::isfinite(x))
            throw InputError(where + ": FACTOR must be a number > 0 (to remove synapses, use lesion synapses), got '"
                             + args[at + 1] + "'");
        lesion.action = Lesion::Action::WeightScale;
    } else {
        throw InputError(where + ": lesion weights takes noise SD or scale FACTOR; got '" + args[at] + "'");
    }
    lesion.selection = Lesion::Selection::All;
    lesion.amount = x;
    return lesion;
}

std::int64_t applyLesion(const Lesion& lesion, LesionSite& site, RandomStream& rng)
{
    const int target = lesion.target;
    switch (lesion.action) {
    case Lesion::Action::RemoveNeurons:
    case Lesion::Action::SilenceNeurons:
    case Lesion::Action::RestoreNeurons: {
        const LesionPopulation pop = site.populations()[std::size_t(target)];
        const bool restore = lesion.action == Lesion::Action::RestoreNeurons;
        // Candidates: the neurons this can change.
        std::vector<int> candidates;
        for (int k = 0; k < pop.size; ++k) {
            const NeuronState s = site.neuronState(target, k);
            // Restore brings back the silenced; silence takes the active; removal takes both.
            const bool fits = restore ? s == NeuronState::Silenced
                              : lesion.action == Lesion::Action::SilenceNeurons
                                  ? s == NeuronState::Active
                                  : s != NeuronState::Removed;
            if (fits)
                candidates.push_back(k);
        }
        std::vector<int> chosen;
        switch (lesion.selection) {
        case Lesion::Selection::All:
            chosen = candidates;
            break;
        case Lesion::Selection::List:
            for (const int k : lesion.neurons)
                if (std::binary_search(candidates.begin(), candidates.end(), k))
                    chosen.push_back(k);
            break;
        case Lesion::Selection::Preferring: {
            const std::vector<int> preferred = site.neuronPreferences(target);
            for (const int k : candidates)
                if (std::size_t(k) < preferred.size() && preferred[std::size_t(k)] == lesion.preference)
                    chosen.push_back(k);
            break;
        }
        default:
            chosen = choose(candidates, std::llround(lesion.amount * pop.size), lesion.selection, rng,
                            [&](int k) { return site.neuronStrength(target, k); });
        }
        const NeuronState to = lesion.action == Lesion::Action::RemoveNeurons   ? NeuronState::Removed
                               : lesion.action == Lesion::Action::SilenceNeurons ? NeuronState::Silenced
                                                                                 : NeuronState::Active;
        for (const int k : chosen)
            site.setNeuronState(target, k, to);
        return std::int64_t(chosen.size());
    }
    case Lesion::Action::RemoveSynapses: {
        site.prepareSynapses();
        const std::int64_t size = site.pathways()[std::size_t(target)].size;
        std::vector<std::int64_t> candidates;
        for (std::int64_t i = 0; i < size; ++i)
            if (!site.synapseRemoved(target, i))
                candidates.push_back(i);
        const auto chosen = choose(candidates, std::llround(lesion.amount * double(size)), lesion.selection, rng,
                                   [&](std::int64_t i) { return site.synapseStrength(target, i); });
        for (const std::int64_t i : chosen)
            site.removeSynapse(target, i);
        return std::int64_t(chosen.size());
    }
    case Lesion::Action::WeightNoise:
    case Lesion::Action::WeightScale: {
        site.prepareSynapses();
        const std::int64_t size = site.pathways()[std::size_t(target)].size;
        std::int64_t changed = 0;
        for (std::int64_t i = 0; i < size; ++i) {
            if (site.synapseRemoved(target, i))
                continue;
            if (lesion.action == Lesion::Action::WeightNoise)
                site.perturbSynapse(target, i, rng.normal(0.0, lesion.amount));
            else
                site.scaleSynapse(target, i, lesion.amount);
            ++changed;
        }
        return changed;
    }
    }
    return 0;
}

std::vector<std::string> lesionHelp(const LesionSite& site)
{
    std::vector<std::string> lines;
    const auto pops = site.populations();
    const auto paths = site.pathways();
    std::string popText, pathText;
    for (const auto& p : pops)
        popText += (popText.empty() ? "" : ", ") + p.name + " (" + std::to_string(p.size) + ")"
                   + (p.preferences.empty() ? "" : " preferring " + joinNames(p.preferences));
    for (const auto& p : paths)
        pathText += (pathText.empty() ? "" : ", ") + p.name + " (" + std::to_string(p.size) + ")";
    if (!pops.empty()) {
        lines.push_back("lesion neurons [POP] SELECTION   (removes them for good; POP: " + popText + ")");
        lines.push_back("    SELECTION: K | K,L,... | K-L (from 1) | random FRACTION | strongest FRACTION | weakest "
                        "FRACTION (by total weight onto them) | preferring VALUE | all");
        lines.push_back("silence neurons [POP] SELECTION  (they stop firing until restored)");
        lines.push_back("restore neurons [POP] SELECTION|all  (silenced neurons fire again)");
    }
    if (!paths.empty()) {
        lines.push_back("lesion synapses [PATHWAY] random|strongest|weakest FRACTION   (removes that share of the "
                        "pathway's synapses for good; PATHWAY: " + pathText + ")");
        lines.push_back("lesion weights [PATHWAY] noise SD   (adds N(0, SD^2) to each synapse's parameter)");
        lines.push_back("lesion weights [PATHWAY] scale FACTOR   (multiplies each weight by FACTOR > 0)");
    }
    if (pops.size() + paths.size() > 2)
        lines.push_back("    POP or PATHWAY may be left out only where there is one");
    return lines;
}

} // namespace plab
