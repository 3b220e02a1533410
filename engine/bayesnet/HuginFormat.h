#pragma once
// Hugin's .net format, as Hugin, GeNIe and bnlearn's write.net write it:
//
//   net { node_size = (80 40); }
//   node asia { label = "visit to Asia"; states = ("yes" "no"); position = (100 200); }
//   potential ( tub | asia ) { data = (( 0.05 0.95 )    % asia = yes
//                                      ( 0.01 0.99 )); } % asia = no
//
// `%` starts a comment to the end of the line. Attributes other than `states` and `label` are
// read and skipped. `discrete node` is a node; continuous, decision and utility nodes are
// refused (the lab's networks are discrete and have no decisions). `data` lists the rows in
// parent order, the first parent changing slowest, the child's values within each row; its
// parentheses may nest per parent or not at all. Mistakes are InputErrors "FILE:LINE: what".
#include "BayesianNetwork.h"

#include <string>
#include <string_view>

namespace plab {

BayesianNetwork parseHugin(std::string_view text, const std::string& sourceName);

/// A network file by its extension: `.net` is Hugin's format, `.xml` and `.xmlbif` XMLBIF,
/// anything else BIF.
BayesianNetwork readNetworkFile(const std::string& path);

} // namespace plab
