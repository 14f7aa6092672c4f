#pragma once

#include "core/check/healthcheck.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace bs {

/// Writes a HealthReport for people and pipelines: plain text, JSON, JUnit XML (one test case per
/// rule, a failure per finding) and SARIF 2.1.0 (one result per finding; code findings carry the
/// module and line). The same for the `check` command and the Health panel's Save.
class HealthReportWriter
{
public:
    enum class Format { Text, Json, JUnit, Sarif };
    static std::optional<Format> formatFromName(const QString &name); ///< text, json, junit, sarif
    static QString fileSuffix(Format format);                          ///< txt, json, xml, sarif

    static QByteArray write(const HealthReport &report, Format format);
    static QString text(const HealthReport &report);
    static QByteArray json(const HealthReport &report);
    static QByteArray junit(const HealthReport &report);
    static QByteArray sarif(const HealthReport &report);
    /// One finding as text (title, seen, why, fix), for Copy.
    static QString findingText(const HealthFinding &finding);
};

} // namespace bs
