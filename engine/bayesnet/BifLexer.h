#pragma once
// The words of a BIF file (Cozman's Interchange Format, 0.15 and 0.3): words, quoted strings
// and punctuation, with // and /* */ comments skipped and line numbers kept for errors.
// Internal to the BIF reader.
#include "core/Error.h"

#include <cctype>
#include <string>
#include <string_view>

namespace plab::bif {

struct Token {
    enum Kind { Word, Quoted, Punct, End } kind;
    std::string text;
    long line;
};

class Lexer {
public:
    Lexer(std::string_view text, const std::string& file) : text_(text), file_(file) {}

    Token next()
    {
        skipSpaceAndComments();
        if (pos_ >= text_.size())
            return {Token::End, "", line_};
        const char c = text_[pos_];
        // BIF's separators; anything else belongs to a name: value names such as ">=7.5", "<5",
        // "12+" or "Asy/Patch" are written bare in bnlearn's files.
        if (std::string_view("{}()[],;|").find(c) != std::string_view::npos) {
            ++pos_;
            return {Token::Punct, std::string(1, c), line_};
        }
        if (c == '"') {
            const long startLine = line_;
            std::string s;
            ++pos_;
            while (pos_ < text_.size() && text_[pos_] != '"') {
                if (text_[pos_] == '\n')
                    ++line_;
                s += text_[pos_++];
            }
            if (pos_ >= text_.size())
                throw fileError(file_, startLine, "unterminated quoted string");
            ++pos_;
            return {Token::Quoted, s, startLine};
        }
        const std::size_t start = pos_;
        while (pos_ < text_.size() && !std::isspace((unsigned char)text_[pos_])
               && std::string_view("{}()[],;|\"").find(text_[pos_]) == std::string_view::npos) {
            if (text_[pos_] == '/' && pos_ + 1 < text_.size() && (text_[pos_ + 1] == '/' || text_[pos_ + 1] == '*'))
                break;
            if ((unsigned char)text_[pos_] < 0x20)
                throw fileError(file_, line_, "unexpected control character in a BIF file");
            ++pos_;
        }
        return {Token::Word, std::string(text_.substr(start, pos_ - start)), line_};
    }

private:
    void skipSpaceAndComments()
    {
        while (pos_ < text_.size()) {
            const char c = text_[pos_];
            if (c == '\n') {
                ++line_;
                ++pos_;
            } else if (std::isspace((unsigned char)c)) {
                ++pos_;
            } else if (c == '/' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '/') {
                while (pos_ < text_.size() && text_[pos_] != '\n')
                    ++pos_;
            } else if (c == '/' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '*') {
                const long startLine = line_;
                pos_ += 2;
                while (pos_ + 1 < text_.size() && !(text_[pos_] == '*' && text_[pos_ + 1] == '/')) {
                    if (text_[pos_] == '\n')
                        ++line_;
                    ++pos_;
                }
                if (pos_ + 1 >= text_.size())
                    throw fileError(file_, startLine, "unterminated /* comment");
                pos_ += 2;
            } else {
                return;
            }
        }
    }

    std::string_view text_;
    const std::string& file_;
    std::size_t pos_ = 0;
    long line_ = 1;
};

/// What a parser needs of its token stream, for the BIF and the Hugin reader alike: the current
/// token, tests on it, and errors at its line.
template <class TokenLexer>
class TokenCursor {
protected:
    TokenCursor(std::string_view text, const std::string& file) : lexer_(text, file), file_(file) { advance(); }

    void advance() { tok_ = lexer_.next(); }
    bool isWord(const char* w) const { return tok_.kind == Token::Word && tok_.text == w; }
    bool isPunct(char c) const { return tok_.kind == Token::Punct && tok_.text[0] == c; }
    [[noreturn]] void fail(const std::string& message) const { throw fileError(file_, tok_.line, message); }
    [[noreturn]] void failAt(long line, const std::string& message) const { throw fileError(file_, line, message); }

    static std::string describe(const Token& t)
    {
        switch (t.kind) {
        case Token::End: return "the end of the file";
        case Token::Quoted: return "\"" + t.text + "\"";
        default: return "'" + t.text + "'";
        }
    }

    void expectPunct(char c)
    {
        if (!isPunct(c))
            fail(std::string("expected '") + c + "', got " + describe(tok_));
        advance();
    }

    TokenLexer lexer_;
    const std::string& file_;
    Token tok_{Token::End, "", 1};
};

} // namespace plab::bif
