// bench_check: 2,000 broker objects and 5,000 modules of 200 lines each, checked once; prints the
// CPU time of tokenizing, splitting and running every rule (target: under 1 s).
#include "core/check/healthcheck.h"
#include "core/check/moduleanalysis.h"
#include "core/tsql/tsqltokenizer.h"

#include <QCoreApplication>
#include <QTextStream>

#include <ctime>

using namespace bs;

namespace {

// A 200-line procedure that uses Service Broker: a RECEIVE loop with a dispatch, comments,
// strings and a CASE, padded with ordinary statements.
QString moduleText(int i)
{
    QString t = QStringLiteral("CREATE PROCEDURE [dbo].[Proc_%1] @id int, @body xml\nAS\nBEGIN\n"
                               "    SET NOCOUNT ON; -- procedure %1\n"
                               "    DECLARE @h uniqueidentifier, @type sysname, @n int = 0;\n").arg(i);
    int lines = 5;
    if (i % 3 == 0) {
        t += QStringLiteral("    BEGIN DIALOG @h FROM SERVICE [//Bench/S%1] TO SERVICE N'//Bench/T%1' ON CONTRACT [//Bench/C]\n"
                            "        WITH ENCRYPTION = OFF;\n    SEND ON CONVERSATION @h MESSAGE TYPE [//Bench/M] (@body);\n"
                            "    END CONVERSATION @h;\n").arg(i % 400);
        lines += 4;
    }
    t += QStringLiteral("    WHILE 1 = 1\n    BEGIN\n        BEGIN TRY\n            BEGIN TRANSACTION;\n"
                        "            WAITFOR (RECEIVE TOP (1) @h = conversation_handle, @type = message_type_name FROM dbo.Q%1), TIMEOUT 5000;\n"
                        "            IF @@ROWCOUNT = 0 BEGIN ROLLBACK; BREAK; END\n"
                        "            IF @type = N'http://schemas.microsoft.com/SQL/ServiceBroker/EndDialog' END CONVERSATION @h;\n"
                        "            ELSE IF @type = N'http://schemas.microsoft.com/SQL/ServiceBroker/Error' END CONVERSATION @h;\n"
                        "            COMMIT;\n        END TRY\n        BEGIN CATCH\n            IF XACT_STATE() <> 0 ROLLBACK;\n"
                        "        END CATCH\n    END\n").arg(i % 400);
    lines += 14;
    // Ordinary lines of about 40 characters: comments, strings with quotes, brackets, a CASE.
    while (lines < 199) {
        switch (lines % 4) {
        case 0: t += QStringLiteral("    SET @n = @n + 1; -- step %1\n").arg(lines); break;
        case 1: t += QStringLiteral("    IF @n > %1 SELECT @n = [x]]y] FROM dbo.T;\n").arg(lines); break;
        case 2: t += QStringLiteral("    UPDATE dbo.T SET s = N'it''s' WHERE id = @id;\n"); break;
        default: t += QStringLiteral("    /* note %1 */ SET @n = CASE WHEN @n > 9 THEN 0 ELSE @n END;\n").arg(lines); break;
        }
        ++lines;
    }
    t += QStringLiteral("END\n");
    return t;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    HealthInput in;
    in.now = QDateTime(QDate(2026, 6, 1), QTime(0, 0), Qt::UTC);
    BrokerCatalog &c = in.catalog;
    c.database.databaseName = QStringLiteral("Bench");
    c.database.isBrokerEnabled = true;
    // 2,000 objects: 400 each of message types, contracts, queues, services and routes.
    for (int i = 0; i < 400; ++i) {
        c.messageTypes.append({i + 1, QStringLiteral("//Bench/M%1").arg(i), 1, QStringLiteral("N"), QStringLiteral("NONE"), std::nullopt});
        c.contracts.append({i + 1, QStringLiteral("//Bench/C%1").arg(i), 1, {{i + 1, true, false}}});
        Queue q;
        q.objectId = 1000 + i;
        q.schema = QStringLiteral("dbo");
        q.name = QStringLiteral("Q%1").arg(i);
        q.activationProcedure = QStringLiteral("[Bench].[dbo].[Proc_%1]").arg(i);
        q.isActivationEnabled = true;
        c.queues.append(q);
        c.services.append({2000 + i, QStringLiteral("//Bench/T%1").arg(i), 1, 1000 + i, {i + 1}});
        c.routes.append({3000 + i, QStringLiteral("R%1").arg(i), 1, QStringLiteral("//Remote/S%1").arg(i), QString(),
                         std::nullopt, QStringLiteral("TCP://host%1:4022").arg(i), QString()});
        in.facts.activation.insert(1000 + i, {1000 + i, true, std::nullopt});
    }
    qint64 chars = 0;
    for (int i = 0; i < 5000; ++i) {
        SqlModule m;
        m.objectId = 10000 + i;
        m.schema = QStringLiteral("dbo");
        m.name = QStringLiteral("Proc_%1").arg(i);
        m.type = QStringLiteral("P");
        m.definition = moduleText(i);
        chars += m.definition.size();
        in.facts.modules.append(m);
    }
    in.facts.modulesRead = true;
    in.facts.certificatesRead = true;
    in.facts.hasMasterKey = true;
    in.facts.canViewDefinition = true;

    {
        const std::clock_t t0 = std::clock();
        qint64 tokens = 0;
        for (const SqlModule &m : in.facts.modules)
            tokens += TsqlTokenizer::tokenize(m.definition).size();
        const std::clock_t t1 = std::clock();
        qint64 statements = 0;
        for (const SqlModule &m : in.facts.modules)
            statements += TsqlScript(m.definition).statements().size();
        const std::clock_t t2 = std::clock();
        for (const SqlModule &m : in.facts.modules)
            statements += ModuleAnalysis(m.definition).receives.size();
        const std::clock_t t3 = std::clock();
        QTextStream(stdout) << "  tokenize " << double(t1 - t0) / CLOCKS_PER_SEC << " s (" << tokens << " tokens), tokenize+split "
                            << double(t2 - t1) / CLOCKS_PER_SEC << " s, analysis " << double(t3 - t2) / CLOCKS_PER_SEC << " s\n";
    }
    const std::clock_t start = std::clock();
    const HealthReport report = HealthCheck::run(in);
    const double cpu = double(std::clock() - start) / CLOCKS_PER_SEC;
    QTextStream(stdout) << "bench_check: " << c.objectCount() << " broker objects, " << in.facts.modules.size()
                        << " modules (" << chars / 1000000.0 << " M characters, 200 lines each): " << report.findings.size()
                        << " findings from " << report.rulesRun.size() << " rules in " << cpu << " s CPU\n";
    return cpu < 1.0 ? 0 : 1;
}
