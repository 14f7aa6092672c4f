#include "data/ops/scriptdeploy.h"

#include "core/script/batchsplitter.h"
#include "data/runner/batchexecutor.h"

#include <QCoreApplication>
#include <QElapsedTimer>

namespace bs {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("bs::ScriptDeploy", text);
}

} // namespace

OperationResult ScriptDeploy::run(BatchExecutor &executor, const QString &script)
{
    QElapsedTimer timer;
    timer.start();
    OperationResult out;
    const BatchSplit split = BatchSplitter::split(script);
    if (!split.ok()) {
        out.message = tr("Line %1: %2; nothing was sent.").arg(split.errorLine).arg(split.error);
        return out;
    }
    QStringList lines;
    const int count = int(split.batches.size());
    for (int i = 0; i < count; ++i) {
        const SqlBatch &batch = split.batches.at(i);
        for (int n = 0; n < batch.repeat; ++n) {
            const ExecResult r = executor.execute(batch.text);
            if (!r.ok) {
                // The server counts lines from the batch's first line (ERROR_LINE); 0 = it did not say.
                const QString where = r.line > 0 ? tr("line %1").arg(batch.scriptLine(r.line))
                                                 : tr("the batch starting on line %1").arg(batch.startLine);
                lines.append(tr("Batch %1 of %2 failed at %3: %4%5")
                                 .arg(i + 1).arg(count).arg(where, r.message,
                                                             r.errorNumber ? tr(" [error %1]").arg(r.errorNumber) : QString()));
                if (i + 2 == count)
                    lines.append(tr("Batch %1 was not run.").arg(count));
                else if (i + 2 < count)
                    lines.append(tr("Batches %1 to %2 were not run.").arg(i + 2).arg(count));
                out.errorNumber = r.errorNumber;
                out.message = lines.join(QLatin1Char('\n'));
                out.elapsedMs = timer.elapsed();
                return out;
            }
        }
        lines.append(tr("Batch %1 of %2 (line %3) succeeded.").arg(i + 1).arg(count).arg(batch.startLine));
    }
    out.ok = true;
    out.message = lines.join(QLatin1Char('\n'));
    out.elapsedMs = timer.elapsed();
    return out;
}

} // namespace bs
