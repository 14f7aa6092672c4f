#pragma once

#include <QStringList>

namespace bs::cli {

/// `broker-studio import FILE.sql [--format text|json] [--out FILE]`: reads a T-SQL script into a
/// design and prints it (text: one line per object and the statements skipped; json: a design
/// file). Exit code 0, 1 when a file cannot be read or written, 2 on a usage or parse error (each
/// error with its line, column and the text around it on standard error).
int runImportCommand(const QStringList &arguments);

} // namespace bs::cli
