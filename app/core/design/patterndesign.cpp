#include "core/design/patterndesign.h"

namespace bs {

DdlImportResult PatternDesign::fromOptions(const PatternOptions &options)
{
    const GeneratedScripts generated = generateScripts(options);
    DdlImportResult result;
    if (!generated.error.isEmpty()) {
        result.errors.append({0, 0, generated.error, {}});
        return result;
    }
    for (const GeneratedScript &script : generated.scripts) {
        if (script.fileName == QLatin1String("install.sql")) {
            result = DesignDdlParser::parse(script.text);
            if (result.ok() && !options.database.isEmpty())
                result.design.databaseName = options.database;
            return result;
        }
    }
    result.errors.append({0, 0, QStringLiteral("The pattern generated no install.sql."), {}});
    return result;
}

} // namespace bs
