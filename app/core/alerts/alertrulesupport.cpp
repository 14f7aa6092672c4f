#include "core/alerts/alertrulesupport.h"

#include "core/sqlquote.h"

#include <QLocale>

#include <algorithm>

namespace bs {

bool AlertRule::canSee(const MonitorSample &sample) const
{
    const QStringList parts = reads();
    return std::all_of(parts.cbegin(), parts.cend(), [&](const QString &p) { return sample.isAvailable(p); });
}

namespace alertrules {

QString number(qint64 n)
{
    return QLocale::c().toString(n);
}

QString queueLabel(const QString &schema, const QString &name)
{
    return quoteIdentifier(schema) + QLatin1Char('.') + quoteIdentifier(name);
}

QString pairLabel(const QString &local, const QString &far)
{
    return local + QStringLiteral(" ↔ ") + far;
}

QString duration(qint64 seconds)
{
    if (seconds < 120)
        return QStringLiteral("%1 s").arg(seconds);
    if (seconds < 7200)
        return QStringLiteral("%1 min").arg(seconds / 60);
    return QStringLiteral("%1 h").arg(seconds / 3600);
}

bool growsSteadily(const QList<qint64> &values, qint64 minIncrease, double steadyFraction)
{
    if (values.size() < 2 || values.last() - values.first() < std::max<qint64>(minIncrease, 1))
        return false;
    qsizetype notDown = 0;
    for (qsizetype i = 1; i < values.size(); ++i) {
        if (values[i] >= values[i - 1])
            ++notDown;
    }
    return double(notDown) >= steadyFraction * double(values.size() - 1);
}

Alert makeAlert(const AlertRule &rule, AlertSeverity severity, const QString &subject, bool subjectInKey)
{
    Alert a;
    a.kind = rule.kind();
    a.severity = severity;
    a.subject = subject;
    a.key = subjectInKey ? rule.name() + QLatin1Char(':') + subject : rule.name();
    return a;
}

const Alert *raisedAlert(const AlertContext &context, AlertKind kind, const QString &subject)
{
    for (const Alert &a : context.raised) {
        if (a.kind == kind && a.subject == subject)
            return &a;
    }
    return nullptr;
}

} // namespace alertrules
} // namespace bs
