// bench_design: a 2,000-object broker (400 message types, 400 contracts, 400 queues with
// activation, 400 services, 200 routes, 200 remote service bindings). Times, best of five:
// importing its 2,000-statement DDL script, and diffing that design against a 2,000-object
// catalog in which a tenth of the objects differ (targets: under 0.5 s each).
#include "core/design/designddlparser.h"
#include "core/design/designddlwriter.h"
#include "core/design/designdiff.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

#include <algorithm>

using namespace bs;

namespace {

BrokerDesign bigDesign()
{
    BrokerDesign d;
    for (int i = 0; i < 400; ++i) {
        const QString n = QString::number(i);
        d.messageTypes.append({u"//Bench/Message/"_qs + n, {}, i % 3 == 0 ? MessageValidation::WellFormedXml : MessageValidation::None, {}});
        d.contracts.append({u"//Bench/Contract/"_qs + n, {}, {{u"//Bench/Message/"_qs + n, SentBy::Initiator},
                                                             {u"//Bench/Message/"_qs + QString::number((i + 1) % 400), SentBy::Target}}});
        DesignQueue q;
        q.name = u"BenchQueue_"_qs + n;
        q.activation = DesignActivation{true, u"[dbo].[Bench_Activate_"_qs + n + u"]"_qs, 1 + i % 8, ExecuteAs::Owner, {}};
        d.queues.append(q);
        d.services.append({u"//Bench/Service/"_qs + n, {}, u"dbo"_qs, q.name, {u"//Bench/Contract/"_qs + n}});
    }
    for (int i = 0; i < 200; ++i) {
        const QString n = QString::number(i);
        DesignRoute r;
        r.name = u"BenchRoute_"_qs + n;
        r.serviceName = u"//Remote/Service/"_qs + n;
        r.brokerInstance = u"3F2504E0-4F89-11D3-9A0C-0305E82C3301"_qs;
        r.address = u"TCP://remote"_qs + n + u".example:4022"_qs;
        d.routes.append(r);
        d.bindings.append({u"BenchBinding_"_qs + n, {}, u"//Remote/Service/"_qs + n, u"cert_user_"_qs + n, i % 2 == 0});
    }
    return d;
}

template<typename F>
double bestOfFive(F &&f)
{
    QList<double> ms;
    for (int run = 0; run < 5; ++run) {
        QElapsedTimer t;
        t.start();
        f();
        ms.append(t.nsecsElapsed() / 1e6);
    }
    return *std::min_element(ms.begin(), ms.end());
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const BrokerDesign design = bigDesign();
    const QString script = DesignDdlWriter::write(design);
    DdlImportResult imported;
    const double importMs = bestOfFive([&] { imported = DesignDdlParser::parse(script); });
    if (!imported.ok() || imported.design.objectCount() != 2000) {
        out << "import failed: " << (imported.errors.isEmpty() ? QString() : imported.errors.first().toString()) << '\n';
        return 1;
    }
    // The live side: the same broker read as a catalog, with a tenth of it different.
    BrokerDesign changed = design;
    for (int i = 0; i < 400; i += 10) {
        changed.queues[i].activation->maxQueueReaders += 1;
        changed.contracts[i].usages.removeLast();
        changed.services[i + 5].contracts.clear();
    }
    for (int i = 0; i < 200; i += 10)
        changed.routes[i].address = u"TCP://moved.example:4022"_qs;
    const BrokerCatalog catalog = changed.toCatalog();
    DesignMigration migration;
    const double diffMs = bestOfFive([&] { migration = DesignDiff::diff(BrokerDesign::fromCatalog(catalog), imported.design); });
    double writeMs = bestOfFive([&] { (void)DesignDdlWriter::write(design); });
    out << "objects:            " << design.objectCount() << '\n'
        << "script:             " << script.size() / 1024 << " KiB, " << script.count(QLatin1Char('\n')) << " lines\n"
        << "write DDL:          " << QString::number(writeMs, 'f', 1) << " ms\n"
        << "import DDL:         " << QString::number(importMs, 'f', 1) << " ms (target < 500)\n"
        << "diff vs catalog:    " << QString::number(diffMs, 'f', 1) << " ms (target < 500), " << migration.changes.size()
        << " changes, script " << migration.script.count(QLatin1Char('\n')) << " lines\n";
    return importMs < 500 && diffMs < 500 ? 0 : 2;
}
