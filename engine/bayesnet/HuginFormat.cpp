#include "HuginFormat.h"

#include "BifFormat.h"
#include "BifLexer.h"
#include "NetworkFileChecks.h"
#include "XmlBifFormat.h"
#include "core/Error.h"
#include "core/Parameters.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

namespace plab {

namespace {

using bif::Token;  // the BIF reader's tokens: words, quoted strings, punctuation

/// Words, quoted strings and the punctuation `{}()=;|`, with `%` comments skipped.
class Lexer {
public:
    Lexer(std::string_view text, const std::string& file) : text_(text), file_(file) {}

    Token next()
    {
        for (;;) {
            while (pos_ < text_.size() && std::isspace((unsigned char)text_[pos_]))
                line_ += text_[pos_++] == '\n' ? 1 : 0;
            if (pos_ < text_.size() && text_[pos_] == '%') {
                while (pos_ < text_.size() && text_[pos_] != '\n')
                    ++pos_;
                continue;
            }
            break;
        }
        if (pos_ >= text_.size())
            return {Token::End, "", line_};
        const char c = text_[pos_];
        if (std::string_view("{}()=;|").find(c) != std::string_view::npos) {
            ++pos_;
            return {Token::Punct, std::string(1, c), line_};
        }
        if (c == '"') {
            const long start = line_;
            std::string s;
            for (++pos_; pos_ < text_.size() && text_[pos_] != '"'; ++pos_) {
                line_ += text_[pos_] == '\n' ? 1 : 0;
                s += text_[pos_];
            }
            if (pos_ >= text_.size())
                throw fileError(file_, start, "unterminated quoted string");
            ++pos_;
            return {Token::Quoted, s, start};
        }
        const std::size_t start = pos_;
        while (pos_ < text_.size() && !std::isspace((unsigned char)text_[pos_])
               && std::string_view("{}()=;|\"%").find(text_[pos_]) == std::string_view::npos) {
            if ((unsigned char)text_[pos_] < 0x20)
                throw fileError(file_, line_, "unexpected control character in a Hugin file");
            ++pos_;
        }
        return {Token::Word, std::string(text_.substr(start, pos_ - start)), line_};
    }

private:
    std::string_view text_;
    const std::string& file_;
    std::size_t pos_ = 0;
    long line_ = 1;
};

class Parser : bif::TokenCursor<Lexer> {
public:
    Parser(std::string_view text, const std::string& file) : TokenCursor(text, file) {}

    BayesianNetwork parse()
    {
        net_.name = std::filesystem::path(file_).stem().string();
        while (tok_.kind != Token::End) {
            if (isWord("net")) {
                advance();
                skipAttributes();
            } else if (isWord("node") || isWord("discrete")) {
                parseNode();
            } else if (isWord("potential")) {
                parsePotential();
            } else if (isWord("continuous") || isWord("decision") || isWord("utility")) {
                fail(tok_.text + " nodes are not supported: the lab's networks are discrete chance nodes");
            } else {
                fail("expected 'net', 'node' or 'potential', got " + describe(tok_));
            }
        }
        finish();
        return std::move(net_);
    }

private:

    std::string expectWord(const char* what)
    {
        if (tok_.kind != Token::Word)
            fail(std::string("expected ") + what + ", got " + describe(tok_));
        std::string s = tok_.text;
        advance();
        return s;
    }

    // One level per parent in a potential's data; deeper is a broken file, and would use up the stack.
    static constexpr int kMaxNesting = 256;

    /// A value: a word, a string, or a parenthesised list of values.
    void skipValue(int depth = 0)
    {
        if (isPunct('(')) {
            if (depth >= kMaxNesting)
                fail("lists nested deeper than " + std::to_string(kMaxNesting));
            advance();
            while (!isPunct(')')) {
                if (tok_.kind == Token::End)
                    fail("unclosed '('");
                skipValue(depth + 1);
            }
            advance();
        } else if (tok_.kind == Token::Word || tok_.kind == Token::Quoted) {
            advance();
        } else {
            fail("expected a value, got " + describe(tok_));
        }
    }

    /// `{ name = value; ... }`, every attribute skipped.
    void skipAttributes()
    {
        expectPunct('{');
        while (!isPunct('}')) {
            expectWord("an attribute name");
            expectPunct('=');
            skipValue();
            expectPunct(';');
        }
        advance();
    }

    void parseNode()
    {
        if (isWord("discrete"))
            advance();
        if (!isWord("node"))
            fail("expected 'node' after 'discrete', got " + describe(tok_));
        advance();
        const long line = tok_.line;
        BnVariable v;
        v.name = expectWord("a node name");
        if (net_.find(v.name) >= 0)
            fail("node '" + v.name + "' is declared twice");
        expectPunct('{');
        bool hasStates = false;
        while (!isPunct('}')) {
            const std::string key = expectWord("an attribute name");
            expectPunct('=');
            if (key == "states") {
                expectPunct('(');
                while (!isPunct(')')) {
                    if (tok_.kind != Token::Quoted && tok_.kind != Token::Word)
                        fail("expected a state name, got " + describe(tok_));
                    for (const auto& s : v.values)
                        if (s == tok_.text)
                            fail("state '" + s + "' of node '" + v.name + "' is listed twice");
                    v.values.push_back(tok_.text);
                    advance();
                }
                advance();
                hasStates = true;
            } else if (key == "label" && tok_.kind == Token::Quoted) {
                v.label = tok_.text;
                advance();
            } else {
                skipValue();
            }
            expectPunct(';');
        }
        advance();
        if (!hasStates || v.values.size() < 2)
            throw fileError(file_, line, "node '" + v.name + "' needs states = (...) with at least two states");
        declaredAt_.push_back(line);
        net_.variables.push_back(std::move(v));
    }

    int expectNode()
    {
        const std::string name = expectWord("a node name");
        const int v = net_.find(name);
        if (v < 0)
            fail("node '" + name + "' is not declared (declare nodes before their potentials)");
        return v;
    }

    void readNumbers(std::vector<double>& out, int depth = 0)
    {
        if (isPunct('(')) {
            if (depth >= kMaxNesting)
                fail("data nested deeper than " + std::to_string(kMaxNesting));
            advance();
            while (!isPunct(')')) {
                if (tok_.kind == Token::End)
                    fail("unclosed '(' in data");
                readNumbers(out, depth + 1);
            }
            advance();
            return;
        }
        double x = 0;
        if (tok_.kind != Token::Word || !parseNumber(tok_.text, x))
            fail("expected a probability, got " + describe(tok_));
        out.push_back(x);
        advance();
    }

    void parsePotential()
    {
        const long line = tok_.line;
        advance();
        expectPunct('(');
        const int child = expectNode();
        BnVariable& var = net_.variables[std::size_t(child)];
        if (defined_.count(child))
            fail("node '" + var.name + "' has a second potential (the first is on line "
                 + std::to_string(defined_[child]) + ")");
        std::vector<int> parents;
        if (isPunct('|')) {
            advance();
            while (!isPunct(')')) {
                const int p = expectNode();
                if (p == child)
                    fail("node '" + var.name + "' is its own parent");
                if (std::find(parents.begin(), parents.end(), p) != parents.end())
                    fail("node '" + var.name + "' has parent '" + net_.variables[std::size_t(p)].name + "' twice");
                parents.push_back(p);
            }
        }
        expectPunct(')');
        expectPunct('{');
        std::vector<double> data;
        bool hasData = false;
        while (!isPunct('}')) {
            const std::string key = expectWord("an attribute name");
            expectPunct('=');
            if (key == "data") {
                readNumbers(data);
                hasData = true;
            } else {
                skipValue();
            }
            expectPunct(';');
        }
        advance();
        if (!hasData)
            throw fileError(file_, line, "the potential of '" + var.name + "' has no data");
        var.parents = std::move(parents);
        netfile::checkTable(net_, child, data, file_, line, "potential");
        var.cpt = std::move(data);  // first parent slowest, the child fastest: the engine's layout
        defined_[child] = line;
    }

    void finish() { netfile::checkComplete(net_, defined_, declaredAt_, file_, "node", "potential"); }

    BayesianNetwork net_;
    std::map<int, long> defined_;
    std::vector<long> declaredAt_;  // per node
};

} // namespace

BayesianNetwork parseHugin(std::string_view text, const std::string& sourceName)
{
    if (text.find('\0') != std::string_view::npos)
        throw fileError(sourceName, 1, "binary data: not a Hugin file");
    return Parser(text, sourceName).parse();
}

BayesianNetwork readNetworkFile(const std::string& path)
{
    const std::string extension = std::filesystem::path(path).extension().string();
    if (extension != ".net" && extension != ".xml" && extension != ".xmlbif")
        return readBifFile(path);
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError(path + ": cannot open network file");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return extension == ".net" ? parseHugin(buffer.str(), path) : parseXmlBif(buffer.str(), path);
}

} // namespace plab
