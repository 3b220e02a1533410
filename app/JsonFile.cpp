#include "JsonFile.h"

#include "core/Error.h"
#include "core/Parameters.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QString>
#include <algorithm>

namespace plab {

namespace {

/// "line:column" (both from 1) of a character offset.
std::string lineAndColumn(const QByteArray& text, qsizetype offset)
{
    int line = 1, column = 1;
    for (qsizetype i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return std::to_string(line) + ":" + std::to_string(column);
}

} // namespace

QJsonObject parseJsonObject(const QByteArray& text, const std::string& source, const std::string& noun)
{
    if (text.isEmpty())
        throw InputError(source + ": empty file, not a " + noun);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError)
        throw InputError(source + ":" + lineAndColumn(text, std::max(0, error.offset)) + ": not valid JSON ("
                         + error.errorString().toStdString() + ")");
    if (!doc.isObject())
        throw InputError(source + ": a " + noun + " is a JSON object");
    return doc.object();
}

std::string parameterText(const QString& name, const QJsonValue& value)
{
    if (value.isDouble())
        return formatNumber(value.toDouble());
    if (value.isString())
        return value.toString().toStdString();
    throw InputError("parameter '" + name.toStdString() + "' must be a number or a text");
}

} // namespace plab
