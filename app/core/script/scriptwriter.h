#pragma once

#include "core/script/patternoptions.h"

#include <QString>

namespace bs {

/// Writes generated scripts and their options.json into one folder, the same way for the
/// command line and the wizard, so that both produce identical files.
class ScriptWriter
{
public:
    /// The text of options.json for these options (indented JSON, UTF-8).
    static QByteArray optionsJson(const PatternOptions &options);
    /// Creates `directory` if needed and writes every script (UTF-8) plus options.json,
    /// each atomically. Returns an error text, or an empty string on success.
    static QString write(const QString &directory, const PatternOptions &options, const GeneratedScripts &scripts);
};

} // namespace bs
