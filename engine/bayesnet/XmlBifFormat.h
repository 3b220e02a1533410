#pragma once
// XMLBIF 0.3, the XML form of BIF (Cozman), as JavaBayes, Weka and pgmpy write it:
//
//   <BIF VERSION="0.3"><NETWORK><NAME>dog-problem</NAME>
//     <VARIABLE TYPE="nature"><NAME>light-on</NAME><OUTCOME>true</OUTCOME><OUTCOME>false</OUTCOME>
//       <PROPERTY>position = (218, 195)</PROPERTY></VARIABLE>
//     <DEFINITION><FOR>light-on</FOR><GIVEN>family-out</GIVEN><TABLE>0.6 0.4 0.05 0.95</TABLE></DEFINITION>
//   </NETWORK></BIF>
//
// TABLE lists the rows in GIVEN order, the last GIVEN changing fastest, the FOR variable's values
// within each row. PROBABILITY is read as DEFINITION (older writers); decision and utility
// variables are refused. Parsed with tinyxml2; mistakes are InputErrors "FILE:LINE: what".
#include "BayesianNetwork.h"

#include <string>
#include <string_view>

namespace plab {

BayesianNetwork parseXmlBif(std::string_view text, const std::string& sourceName);

} // namespace plab
