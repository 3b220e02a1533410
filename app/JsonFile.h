#pragma once
// What the project's JSON files (run files, lessons) share: the same errors for the same
// faults, and the same reading of a parameter's value.
#include <QJsonObject>
#include <QJsonValue>
#include <string>

class QByteArray;
class QString;

namespace plab {

/// Parses a JSON object; InputError "SOURCE: empty file, not a NOUN", "SOURCE:LINE:COLUMN: not
/// valid JSON (…)" or "SOURCE: a NOUN is a JSON object".
QJsonObject parseJsonObject(const QByteArray& text, const std::string& source, const std::string& noun);

/// A parameter's value as a JSON file writes it: a number (as its shortest round-trip text) or
/// a text; InputError "parameter 'NAME' must be a number or a text" otherwise.
std::string parameterText(const QString& name, const QJsonValue& value);

} // namespace plab
