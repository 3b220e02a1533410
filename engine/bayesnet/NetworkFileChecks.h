#pragma once
// The checks every network reader makes, with the same FILE:LINE messages: a table of the right
// size whose rows sum to 1, every variable with a table, no cycle. Internal to the readers of
// Hugin and XMLBIF files (the BIF reader has its own, finer-grained row messages).
#include "BayesianNetwork.h"

#include <map>
#include <string>
#include <vector>

namespace plab::netfile {

/// Throws InputError at `line` unless `data` is variable v's table given its parents (set):
/// rows × values numbers, each row summing to 1 within 1e-6. `what` names the block ("potential").
void checkTable(const BayesianNetwork& net, int v, const std::vector<double>& data, const std::string& file,
                long line, const std::string& what);

/// Throws InputError unless the network has variables, each has a table (`definedAt`: variable
/// → line of its table; `declaredAt`: variable → line of its declaration) and there is no cycle.
void checkComplete(const BayesianNetwork& net, const std::map<int, long>& definedAt, const std::vector<long>& declaredAt,
                   const std::string& file, const std::string& variableWord, const std::string& tableWord);

} // namespace plab::netfile
