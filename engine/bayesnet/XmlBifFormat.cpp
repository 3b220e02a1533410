#include "XmlBifFormat.h"

#include "NetworkFileChecks.h"
#include "core/Error.h"
#include "core/Parameters.h"

#include <algorithm>
#include <map>
#include <sstream>
#include <tinyxml2.h>

namespace plab {

namespace {

using tinyxml2::XMLElement;

std::string textOf(const XMLElement* e)
{
    const char* t = e ? e->GetText() : nullptr;
    std::string s = t ? t : "";
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return {};
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

} // namespace

BayesianNetwork parseXmlBif(std::string_view text, const std::string& file)
{
    tinyxml2::XMLDocument doc;
    if (doc.Parse(text.data(), text.size()) != tinyxml2::XML_SUCCESS)
        throw fileError(file, doc.ErrorLineNum() > 0 ? doc.ErrorLineNum() : 1,
                        std::string("not well-formed XML (") + doc.ErrorName() + ")");
    const XMLElement* bif = doc.FirstChildElement("BIF");
    if (!bif)
        throw fileError(file, 1, "no <BIF> element: not an XMLBIF file");
    const XMLElement* network = bif->FirstChildElement("NETWORK");
    if (!network)
        throw fileError(file, bif->GetLineNum(), "<BIF> holds no <NETWORK>");

    BayesianNetwork net;
    net.name = textOf(network->FirstChildElement("NAME"));
    std::vector<long> declaredAt;
    for (const XMLElement* v = network->FirstChildElement("VARIABLE"); v; v = v->NextSiblingElement("VARIABLE")) {
        const long line = v->GetLineNum();
        const char* type = v->Attribute("TYPE");
        if (type && std::string(type) != "nature")
            throw fileError(file, line, std::string("variables of TYPE \"") + type
                                            + "\" are not supported: the lab's networks are of chance (\"nature\") variables");
        BnVariable var;
        var.name = textOf(v->FirstChildElement("NAME"));
        if (var.name.empty())
            throw fileError(file, line, "a <VARIABLE> without a <NAME>");
        if (net.find(var.name) >= 0)
            throw fileError(file, line, "variable '" + var.name + "' is declared twice");
        // Evidence names a variable in "VAR=value,...", a command is split at spaces.
        if (var.name.find_first_of(" \t\n,=") != std::string::npos)
            throw fileError(file, line, "variable name '" + var.name + "' holds a space, ',' or '=': evidence could not name it");
        for (const XMLElement* o = v->FirstChildElement("OUTCOME"); o; o = o->NextSiblingElement("OUTCOME")) {
            const std::string value = textOf(o);
            for (const auto& seen : var.values)
                if (seen == value)
                    throw fileError(file, o->GetLineNum(), "outcome '" + value + "' of '" + var.name + "' is listed twice");
            var.values.push_back(value);
        }
        if (var.values.size() < 2)
            throw fileError(file, line, "variable '" + var.name + "' needs at least two <OUTCOME>s");
        net.variables.push_back(std::move(var));
        declaredAt.push_back(line);
    }

    std::map<int, long> definedAt;
    for (const char* tag : {"DEFINITION", "PROBABILITY"})
        for (const XMLElement* d = network->FirstChildElement(tag); d; d = d->NextSiblingElement(tag)) {
            const long line = d->GetLineNum();
            const auto variable = [&](const XMLElement* e) {
                const std::string name = textOf(e);
                const int v = net.find(name);
                if (v < 0)
                    throw fileError(file, e->GetLineNum(), "'" + name + "' is not a declared <VARIABLE>");
                return v;
            };
            const XMLElement* forElement = d->FirstChildElement("FOR");
            if (!forElement)
                throw fileError(file, line, std::string("a <") + tag + "> without <FOR>");
            const int child = variable(forElement);
            if (definedAt.count(child))
                throw fileError(file, line, "'" + net.variables[std::size_t(child)].name + "' has a second table (the first is on line "
                                                + std::to_string(definedAt[child]) + ")");
            std::vector<int> parents;
            for (const XMLElement* g = d->FirstChildElement("GIVEN"); g; g = g->NextSiblingElement("GIVEN")) {
                const int p = variable(g);
                if (p == child)
                    throw fileError(file, g->GetLineNum(), "'" + net.variables[std::size_t(p)].name + "' is given itself");
                if (std::find(parents.begin(), parents.end(), p) != parents.end())
                    throw fileError(file, g->GetLineNum(), "'" + net.variables[std::size_t(p)].name + "' is given twice");
                parents.push_back(p);
            }
            const XMLElement* table = d->FirstChildElement("TABLE");
            if (!table)
                throw fileError(file, line, "the table of '" + net.variables[std::size_t(child)].name + "' is missing (<TABLE>)");
            std::vector<double> data;
            std::istringstream numbers(textOf(table));
            std::string word;
            while (numbers >> word) {
                double x = 0;
                if (!parseNumber(word, x))
                    throw fileError(file, table->GetLineNum(), "expected a probability in <TABLE>, got '" + word + "'");
                data.push_back(x);
            }
            net.variables[std::size_t(child)].parents = std::move(parents);
            netfile::checkTable(net, child, data, file, table->GetLineNum(), "table");
            net.variables[std::size_t(child)].cpt = std::move(data);
            definedAt[child] = line;
        }
    netfile::checkComplete(net, definedAt, declaredAt, file, "variable", "<DEFINITION>");
    return net;
}

} // namespace plab
