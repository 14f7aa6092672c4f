#pragma once

#include "core/sim/scenario.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace bs::sim {

/// Reads scenario files (JSON, schema "broker-studio-scenario" version 1, docs/scenarios.md).
/// Every error names the field by its JSON path and, where it can, the line and column:
/// "line 12, column 21: workloads[0].pattern.pool: must be between 1 and 32767".
class ScenarioLoader
{
public:
    static constexpr int SchemaVersion = 1;

    static std::optional<Scenario> fromJson(const QByteArray &text, QString *error = nullptr);
    static std::optional<Scenario> fromFile(const QString &path, QString *error = nullptr);
    /// A file path, a resource path (":/scenarios/demo.json") or a bare built-in name ("demo")
    /// turned into something QFile can open.
    static QString resolve(const QString &nameOrPath);
    /// Names of the scenarios embedded under :/scenarios (empty when bs_data is not linked).
    static QStringList builtInNames();
    /// Line and column (1-based) of the value at a JSON path such as "workloads[0].rate" in
    /// well-formed JSON text; {0, 0} when it cannot be found.
    static std::pair<int, int> locate(const QByteArray &text, const QString &path);
};

} // namespace bs::sim
