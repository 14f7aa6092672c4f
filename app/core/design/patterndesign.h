#pragma once

#include "core/design/designddlparser.h"
#include "core/script/patternoptions.h"

namespace bs {

/// A pattern of the wizard as a design, so a pattern becomes a starting point: the install script
/// the wizard would generate for `options` (the same templates, generateScripts) read back by the
/// DDL import (DesignDdlParser). The broker objects become the design; the tables, procedures and
/// grants the script also creates are not broker objects and come back in `skipped`. Activation
/// procedures stay named on their queues. Errors: the options' (nothing generated) or the
/// parser's, never a partial design.
class PatternDesign
{
public:
    static DdlImportResult fromOptions(const PatternOptions &options);
};

} // namespace bs
