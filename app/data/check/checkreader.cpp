#include "data/check/checkreader.h"

#include "data/check/checkassembler.h"
#include "data/monitor/sampleassembler.h"
#include "data/odbc/odbccatalogreader.h"

namespace bs {

CheckReadResult CheckReader::read(const QString &connectionString, int loginTimeoutSeconds,
                                  const CancelCheck &isCancelled, const Progress &progress)
{
    const QStringList catalogQueries = CatalogAssembler::queryNames();
    const QStringList checkQueries = CheckAssembler::queryNames();
    const QStringList sampleQueries = SampleAssembler::queryNames();
    const OdbcReadResult read = OdbcCatalogReader::run(connectionString, loginTimeoutSeconds,
                                                       catalogQueries + checkQueries + sampleQueries, isCancelled, progress);
    CheckReadResult out;
    out.connected = read.connected;
    if (!read.connected) {
        out.error = read.connectError;
        return out;
    }
    out.input.now = QDateTime::currentDateTimeUtc();
    out.input.catalog = CatalogAssembler::assemble(read.results);
    out.input.facts = CheckAssembler::assemble(read.results);
    for (const CatalogProblem &p : out.input.catalog.problems)
        out.input.facts.unavailable.append({p.part, p.message, p.permission});
    SampleAssembler sample(out.input.now);
    sample.setCatalog(out.input.catalog);
    for (const QString &name : sampleQueries) {
        const QueryResult r = read.results.value(name);
        if (r.failed || !read.results.contains(name)) {
            sample.addFailure(name, r.errorText, r.nativeCode);
            continue;
        }
        sample.addRows(name, r.rowMaps());
    }
    out.input.sample = sample.finish();
    if (out.input.catalog.database.databaseName.isEmpty() && !out.input.catalog.problems.isEmpty())
        out.error = out.input.catalog.problems.first().message;
    return out;
}

} // namespace bs
