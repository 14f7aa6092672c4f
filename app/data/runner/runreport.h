#pragma once

#include "core/script/batchsplitter.h"
#include "data/runner/batchexecutor.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

namespace bs {

/// One execution of one batch, as the run log records it.
struct RunLogEntry
{
    int batchIndex = 0; ///< 0-based index in the script's batches
    int iteration = 1;  ///< 1..repeat for `GO <count>`
    SqlBatch batch;
    QDateTime startedUtc;
    qint64 elapsedMs = 0;
    ExecResult result;
};

/// The outcome of running a script: what ran, and where and why it stopped.
struct RunReport
{
    enum class Outcome { Succeeded, Failed, Cancelled, ConnectionFailed, ScriptInvalid };

    Outcome outcome = Outcome::Succeeded;
    QString scriptName;
    QDateTime startedUtc;
    QDateTime finishedUtc;
    int batchCount = 0;
    /// Batches that completed without error.
    int batchesSucceeded = 0;
    /// The failing batch (Failed) with its 0-based index; -1 otherwise.
    int failedBatchIndex = -1;
    SqlBatch failedBatch;
    ExecResult failure;
    /// Line of the error in the whole script: batch start line + error line in the batch - 1.
    int failedScriptLine = 0;
    /// One sentence for the user: the server's message, or why nothing ran.
    QString message;
    QList<RunLogEntry> log;

    bool succeeded() const { return outcome == Outcome::Succeeded; }
    /// A readable log: a header, then each batch that ran with its outcome as T-SQL comments
    /// followed by the batch and GO, so the log itself can be reviewed or re-run by hand.
    QString logText() const;
    /// Writes logText() atomically (QSaveFile) as UTF-8.
    bool saveLog(const QString &path, QString *error) const;
};

} // namespace bs

Q_DECLARE_METATYPE(bs::RunReport)
