#include "data/runner/runreport.h"

#include <QSaveFile>

namespace bs {

namespace {

QString outcomeText(RunReport::Outcome outcome)
{
    switch (outcome) {
    case RunReport::Outcome::Succeeded:
        return QStringLiteral("succeeded");
    case RunReport::Outcome::Failed:
        return QStringLiteral("FAILED");
    case RunReport::Outcome::Cancelled:
        return QStringLiteral("cancelled");
    case RunReport::Outcome::ConnectionFailed:
        return QStringLiteral("could not connect");
    case RunReport::Outcome::ScriptInvalid:
        return QStringLiteral("script not run (invalid GO line)");
    }
    return QString();
}

QString commented(const QString &text)
{
    QString out;
    const QStringList lines = text.split(u'\n');
    for (const QString &line : lines)
        out += QStringLiteral("--   ") + line + u'\n';
    return out;
}

} // namespace

QString RunReport::logText() const
{
    QString out;
    out += QStringLiteral("-- Broker Studio run log\n");
    out += QStringLiteral("-- script:   ") + scriptName + u'\n';
    out += QStringLiteral("-- started:  ") + startedUtc.toString(Qt::ISODateWithMs) + u'\n';
    out += QStringLiteral("-- finished: ") + finishedUtc.toString(Qt::ISODateWithMs) + u'\n';
    out += QStringLiteral("-- outcome:  %1; %2 of %3 batches succeeded\n")
               .arg(outcomeText(outcome))
               .arg(batchesSucceeded)
               .arg(batchCount);
    if (!message.isEmpty())
        out += commented(message);
    out += u'\n';
    for (const RunLogEntry &e : log) {
        QString head = QStringLiteral("-- batch %1 of %2, script line %3").arg(e.batchIndex + 1).arg(batchCount).arg(e.batch.startLine);
        if (e.batch.repeat > 1)
            head += QStringLiteral(", run %1 of %2").arg(e.iteration).arg(e.batch.repeat);
        head += QStringLiteral(", %1 UTC, %2 ms: ").arg(e.startedUtc.toString(Qt::ISODateWithMs)).arg(e.elapsedMs);
        if (e.result.ok) {
            head += QStringLiteral("ok\n");
        } else {
            head += QStringLiteral("error %1").arg(e.result.errorNumber);
            if (e.result.line > 0)
                head += QStringLiteral(" at line %1 of the batch (script line %2)").arg(e.result.line).arg(e.batch.scriptLine(e.result.line));
            head += u'\n';
        }
        out += head;
        if (!e.result.messages.isEmpty())
            out += commented(e.result.messages.join(u'\n'));
        out += e.batch.text + QStringLiteral("\nGO\n\n");
    }
    return out;
}

bool RunReport::saveLog(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    file.write(logText().toUtf8());
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace bs
