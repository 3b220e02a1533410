#pragma once
// The BIF format of the bnlearn repository (Interchange Format for Bayesian Networks):
//
//   network name { }
//   variable X { type discrete [ 2 ] { yes, no }; property label = "what X means"; }
//   probability ( X ) { table 0.3, 0.7; }
//   probability ( Y | X, Z ) { (yes, a) 0.1, 0.9; (yes, b) 0.5, 0.5; ... }
//
// `//` and `/* */` comments and property lines are accepted. A `table` with parents lists
// the rows in parent-configuration order (last parent changing fastest), the child's values
// within each row — the same order as writing every row out. Any mistake (undeclared
// variable, unknown value, wrong number of entries, a row that does not sum to 1 within
// 1e-6, a missing or repeated row, a cycle) is an InputError "FILE:LINE: what is wrong".
#include "BayesianNetwork.h"

#include <string>
#include <string_view>

namespace plab {

BayesianNetwork parseBif(std::string_view text, const std::string& sourceName);
BayesianNetwork readBifFile(const std::string& path);
/// BIF text that parseBif reads back to the same network.
std::string writeBif(const BayesianNetwork& network);

} // namespace plab
