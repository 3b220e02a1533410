#include "BifFormat.h"

#include "core/Error.h"
#include "core/Parameters.h"
#include "BifLexer.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace plab {

namespace {

using bif::Lexer;
using bif::Token;

class Parser : bif::TokenCursor<Lexer> {
public:
    Parser(std::string_view text, const std::string& file) : TokenCursor(text, file) {}

    BayesianNetwork parse()
    {
        while (tok_.kind != Token::End) {
            if (isWord("network"))
                parseNetwork();
            else if (isWord("variable"))
                parseVariable();
            else if (isWord("probability"))
                parseProbability();
            else if (isWord("property"))  // between blocks, as some writers put them
                parseProperty();
            else
                fail("expected 'network', 'variable', 'probability' or 'property', got " + describe(tok_));
        }
        finish();
        return std::move(net_);
    }

private:

    std::string expectName(const char* what)
    {
        if (tok_.kind != Token::Word && tok_.kind != Token::Quoted)
            fail(std::string("expected ") + what + ", got " + describe(tok_));
        std::string s = tok_.text;
        advance();
        return s;
    }

    double expectProbability()
    {
        double v = 0;
        if (tok_.kind != Token::Word || !parseNumber(tok_.text, v))
            fail("expected a probability, got " + describe(tok_));
        if (v < 0 || v > 1)
            fail("probability " + tok_.text + " is outside [0, 1]");
        advance();
        return v;
    }

    /// property ... ; (returns its tokens)
    std::vector<Token> parseProperty()
    {
        advance();  // 'property'
        std::vector<Token> tokens;
        while (!isPunct(';')) {
            if (tok_.kind == Token::End || isPunct('}'))
                fail("property without its closing ';'");
            tokens.push_back(tok_);
            advance();
        }
        advance();
        return tokens;
    }

    void parseNetwork()
    {
        advance();
        if (!isPunct('{'))
            net_.name = expectName("a network name");
        while (!isPunct('{')) {  // names with spaces: "network unknown {"
            if (tok_.kind == Token::End)
                fail("network without '{'");
            net_.name += " " + tok_.text;
            advance();
        }
        advance();
        while (!isPunct('}')) {
            if (isWord("property"))
                parseProperty();
            else
                fail("expected 'property' or '}' in the network block, got " + describe(tok_));
        }
        advance();
    }

    void parseVariable()
    {
        advance();
        const long line = tok_.line;
        BnVariable v;
        v.name = expectName("a variable name");
        if (net_.find(v.name) >= 0)
            failAt(line, "variable '" + v.name + "' is declared twice");
        expectPunct('{');
        bool typed = false;
        while (!isPunct('}')) {
            if (isWord("property")) {
                const auto p = parseProperty();
                // property label = "text" ;  (or  property "label = text" ;)
                if (p.size() >= 3 && p[0].text == "label" && p[1].text == "=")
                    v.label = p[2].text;
                else if (p.size() == 2 && p[0].text == "label=")  // '=' is part of a word now
                    v.label = p[1].text;
                else if (p.size() == 2 && p[0].text == "label" && p[1].kind == Token::Word && p[1].text[0] == '=')
                    v.label = p[1].text.substr(1);
                else if (p.size() == 1 && p[0].kind == Token::Word && p[0].text.rfind("label=", 0) == 0)
                    v.label = p[0].text.substr(6);
                else if (p.size() == 1 && p[0].kind == Token::Quoted && p[0].text.rfind("label = ", 0) == 0)
                    v.label = p[0].text.substr(8);
            } else if (isWord("type")) {
                advance();
                if (!isWord("discrete"))
                    fail("only discrete variables are supported, got type " + describe(tok_));
                advance();
                expectPunct('[');
                double n = 0;
                const long nLine = tok_.line;
                if (tok_.kind != Token::Word || !parseNumber(tok_.text, n) || n != std::floor(n) || n < 1 || n > 1000)
                    fail("expected the number of values, got " + describe(tok_));
                advance();
                expectPunct(']');
                expectPunct('{');
                // Values separated by commas (BIF 0.3, bnlearn) or by spaces (BIF 0.15, JavaBayes).
                std::set<std::string> seen;
                do {
                    const long valueLine = tok_.line;
                    std::string value = expectName("a value name");
                    if (!seen.insert(value).second)
                        failAt(valueLine, "value '" + value + "' of '" + v.name + "' appears twice");
                    v.values.push_back(value);
                    if (isPunct(','))
                        advance();
                } while (!isPunct('}'));
                expectPunct('}');
                expectPunct(';');
                if (int(v.values.size()) != int(n))
                    failAt(nLine, "variable '" + v.name + "' declares " + std::to_string(int(n)) + " values but lists "
                                      + std::to_string(v.values.size()));
                if (v.values.size() < 2)
                    failAt(nLine, "variable '" + v.name + "' needs at least two values");
                typed = true;
            } else {
                fail("expected 'type', 'property' or '}' in variable '" + v.name + "', got " + describe(tok_));
            }
        }
        advance();
        if (!typed)
            failAt(line, "variable '" + v.name + "' has no type declaration");
        declaredAt_[v.name] = line;
        net_.variables.push_back(std::move(v));
    }

    int variableIndex(const std::string& name, long line) const
    {
        const int i = net_.find(name);
        if (i < 0)
            failAt(line, "variable '" + name + "' is not declared (declare it before its probability block)");
        return i;
    }

    void parseProbability()
    {
        advance();
        const long blockLine = tok_.line;
        expectPunct('(');
        const long childLine = tok_.line;
        const int child = variableIndex(expectName("a variable name"), childLine);
        BnVariable& var = net_.variables[std::size_t(child)];
        if (defined_.count(child))
            failAt(childLine, "a second probability block for '" + var.name + "'");
        // "( child | a, b )"; BIF 0.15 (JavaBayes) writes "( child a b )".
        std::vector<int> parents;
        const bool bar = isPunct('|');
        if (bar)
            advance();
        if (bar || !isPunct(')')) {
            do {
                const long line = tok_.line;
                const int p = variableIndex(expectName("a parent name"), line);
                if (p == child)
                    failAt(line, "'" + var.name + "' cannot be its own parent");
                if (std::find(parents.begin(), parents.end(), p) != parents.end())
                    failAt(line, "parent '" + net_.variables[std::size_t(p)].name + "' is listed twice");
                parents.push_back(p);
                if (isPunct(','))
                    advance();
            } while (!isPunct(')') && tok_.kind != Token::End);
        }
        expectPunct(')');
        expectPunct('{');

        const std::size_t m = var.values.size();
        std::size_t configs = 1;
        for (int p : parents)
            configs *= net_.variables[std::size_t(p)].values.size();
        if (configs > 10'000'000)
            failAt(blockLine, "the table of '" + var.name + "' is too large");
        std::vector<double> cpt(configs * m, 0.0);
        std::vector<char> given(configs, 0);

        // Probabilities separated by commas or spaces, up to the ';'.
        const auto readValues = [&](std::vector<double>& row, std::size_t count, const std::string& what, long line) {
            row.clear();
            do {
                row.push_back(expectProbability());
                if (isPunct(','))
                    advance();
            } while (!isPunct(';'));
            if (row.size() != count)
                failAt(line, what + " has " + std::to_string(row.size()) + " entries, expected " + std::to_string(count));
            expectPunct(';');
        };
        const auto checkSum = [&](const double* row, long line, const std::string& what) {
            double sum = 0;
            for (std::size_t k = 0; k < m; ++k)
                sum += row[k];
            if (std::fabs(sum - 1.0) > 1e-6)
                failAt(line, what + " sums to " + formatNumber(std::round(sum * 1e9) / 1e9) + ", not 1");
        };

        std::vector<double> row, defaultRow;
        long defaultLine = 0;
        while (!isPunct('}')) {
            const long line = tok_.line;
            if (isWord("property")) {
                parseProperty();
            } else if (isWord("table")) {
                advance();
                readValues(row, configs * m, "the table of '" + var.name + "'", line);
                if (!bar && !parents.empty()) {
                    // BIF 0.15 lists "( child parent … )" with the last variable fastest, so the
                    // child varies slowest: reorder to one row per parent configuration.
                    std::vector<double> byConfig(row.size());
                    for (std::size_t k = 0; k < m; ++k)
                        for (std::size_t c = 0; c < configs; ++c)
                            byConfig[c * m + k] = row[k * configs + c];
                    row.swap(byConfig);
                }
                for (std::size_t c = 0; c < configs; ++c) {
                    if (given[c])
                        failAt(line, "the table of '" + var.name + "' repeats rows given before");
                    checkSum(row.data() + c * m, line, "row " + std::to_string(c + 1) + " of the table of '" + var.name + "'");
                    given[c] = 1;
                }
                std::copy(row.begin(), row.end(), cpt.begin());
            } else if (isWord("default")) {
                // The row of every parent configuration not listed (in any order in the block).
                if (defaultLine)
                    failAt(line, "a second 'default' row for '" + var.name + "' (the first is on line "
                                     + std::to_string(defaultLine) + ")");
                advance();
                readValues(defaultRow, m, "the default row of '" + var.name + "'", line);
                checkSum(defaultRow.data(), line, "the default row of '" + var.name + "'");
                defaultLine = line;
            } else if (isPunct('(')) {
                advance();
                std::size_t config = 0;
                std::string label;
                for (std::size_t j = 0; j < parents.size(); ++j) {
                    const BnVariable& pv = net_.variables[std::size_t(parents[j])];
                    const std::string value = expectName("a parent value");
                    const auto it = std::find(pv.values.begin(), pv.values.end(), value);
                    if (it == pv.values.end())
                        failAt(line, "'" + value + "' is not a value of '" + pv.name + "'");
                    config = config * pv.values.size() + std::size_t(it - pv.values.begin());
                    label += (j ? ", " : "") + value;
                    if (isPunct(','))
                        advance();
                }
                if (parents.empty())
                    fail("a row in parentheses needs parents; '" + var.name + "' has none (use 'table')");
                if (!isPunct(')'))
                    fail("row (" + label + ") of '" + var.name + "' has more values than '" + var.name + "' has parents");
                advance();
                readValues(row, m, "row (" + label + ") of '" + var.name + "'", line);
                if (given[config])
                    failAt(line, "row (" + label + ") of '" + var.name + "' is given twice");
                checkSum(row.data(), line, "row (" + label + ") of '" + var.name + "'");
                std::copy(row.begin(), row.end(), cpt.begin() + std::ptrdiff_t(config * m));
                given[config] = 1;
            } else {
                fail("expected a row '(…)', 'table' or '}' in the probability block of '" + var.name + "', got "
                     + describe(tok_));
            }
        }
        const long closeLine = tok_.line;
        advance();
        for (std::size_t c = 0; c < configs; ++c)
            if (!given[c] && defaultLine) {
                std::copy(defaultRow.begin(), defaultRow.end(), cpt.begin() + std::ptrdiff_t(c * m));
                given[c] = 1;
            }
        for (std::size_t c = 0; c < configs; ++c)
            if (!given[c])
                failAt(closeLine, "the probability block of '" + var.name + "' misses row " + std::to_string(c + 1)
                                      + " of " + std::to_string(configs));
        var.parents = parents;
        var.cpt = std::move(cpt);
        defined_[child] = blockLine;
    }

    void finish()
    {
        if (net_.variables.empty())
            failAt(1, "no variables in this BIF file");
        for (int i = 0; i < net_.size(); ++i)
            if (!defined_.count(i))
                failAt(declaredAt_[net_.variables[std::size_t(i)].name],
                       "variable '" + net_.variables[std::size_t(i)].name + "' has no probability block");
        try {
            net_.topologicalOrder();
        } catch (const std::invalid_argument& e) {
            const int v = net_.find(e.what());
            failAt(defined_[v], "the network has a cycle through '" + std::string(e.what()) + "'");
        }
    }

    BayesianNetwork net_;
    std::map<int, long> defined_;
    std::map<std::string, long> declaredAt_;
};

} // namespace

BayesianNetwork parseBif(std::string_view text, const std::string& sourceName)
{
    if (text.find('\0') != std::string_view::npos)
        throw fileError(sourceName, 1, "binary data: not a BIF file");
    return Parser(text, sourceName).parse();
}

BayesianNetwork readBifFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError(path + ": cannot open network file");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return parseBif(buffer.str(), path);
}

} // namespace plab
