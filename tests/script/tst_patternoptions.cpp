#include "core/script/patterndescriptor.h"
#include "core/script/patternoptions.h"

#include <QDirIterator>
#include <QFile>
#include <QSet>

#include <QJsonDocument>
#include <QTest>

using namespace bs;

Q_DECLARE_METATYPE(bs::Pattern)

namespace {

// Some pattern template has an {{#if Flag}} section for it.
bool templatesTest(const QString &flag)
{
    QDirIterator it(QStringLiteral(":/sql/patterns"), {QStringLiteral("*.sql")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly) && QString::fromUtf8(f.readAll()).contains(u"{{#if "_qs + flag + u"}}"_qs))
            return true;
    }
    return false;
}

} // namespace

class TestPatternOptions : public QObject
{
    Q_OBJECT

private slots:
    void defaultsAreValid_data()
    {
        QTest::addColumn<Pattern>("pattern");
        QTest::newRow("windowed") << Pattern::Windowed;
        QTest::newRow("keep-firing") << Pattern::KeepFiring;
        QTest::newRow("target-ends-first") << Pattern::TargetEndsFirst;
    }

    void defaultsAreValid()
    {
        QFETCH(Pattern, pattern);
        const QList<OptionProblem> problems = validateOptions(PatternOptions::defaults(pattern));
        for (const OptionProblem &p : problems)
            qWarning().noquote() << formatProblem(p);
        QVERIFY(problems.isEmpty());
    }

    void descriptorTable_data()
    {
        // One row per enumerator: a pattern added to the enum without a descriptor fails here.
        QTest::addColumn<Pattern>("pattern");
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("installable");
        QTest::newRow("windowed") << Pattern::Windowed << u"windowed"_qs << true;
        QTest::newRow("keep-firing") << Pattern::KeepFiring << u"keep-firing"_qs << true;
        QTest::newRow("target-ends-first") << Pattern::TargetEndsFirst << u"target-ends-first"_qs << true;
        QTest::newRow("naive-teaching") << Pattern::NaiveTeaching << u"naive-teaching"_qs << false;
    }

    void descriptorTable()
    {
        QFETCH(Pattern, pattern);
        QFETCH(QString, key);
        QFETCH(bool, installable);
        const PatternDescriptor &d = patternDescriptor(pattern);
        QCOMPARE(d.pattern, pattern);
        QCOMPARE(d.key, key);
        QCOMPARE(patternFromKey(key), std::optional<Pattern>(pattern));
        QCOMPARE(d.installable, installable);
        QCOMPARE(PatternOptions::defaults(pattern).delivery, d.defaultDelivery);
        // Its templates are in the build, all four.
        for (const char *file : {"install.sql", "uninstall.sql", "usage.sql", "monitor.sql"})
            QVERIFY2(QFile::exists(QStringLiteral(":/sql/patterns/%1/%2").arg(d.templateFolder, QLatin1String(file))),
                     qPrintable(d.templateFolder + u'/' + QLatin1String(file)));
        // The flags agree with the objects the install creates.
        const QList<PatternObject> objects = patternObjects(PatternOptions::defaults(pattern));
        const auto has = [&](const QString &suffix) {
            return std::any_of(objects.begin(), objects.end(), [&](const PatternObject &o) { return o.name.endsWith(suffix); });
        };
        QCOMPARE(has(u"ConversationPool"_qs), d.hasPool);
        QCOMPARE(has(u"/EndOfStream"_qs), d.hasPool);
        QCOMPARE(has(u"_Initiator"_qs), d.hasInitiatorProcedure);
        // The rest of the row: a population formula, a template flag the templates test, and
        // every text and drawing the wizard shows.
        QVERIFY(d.steadyState);
        QVERIFY(d.templateFlag.startsWith(u"Is"_qs));
        QVERIFY2(templatesTest(d.templateFlag), qPrintable(d.templateFlag));
        const PatternPresentation &p = d.presentation;
        for (const char *text : {p.choiceLabel, p.choiceObjectName, p.summary, p.tooltip, p.senderProcedure,
                                 p.senderNote, p.targetProcedure, p.targetNote, p.caption})
            QVERIFY(text && *text);
        QCOMPARE(patternText(p.caption).contains(u"%1"_qs), p.captionProcedure != nullptr);
        QVERIFY(!p.arrows.isEmpty());
        QVERIFY(p.arrows.first().label);
    }

    void descriptorsAreDistinct()
    {
        QSet<QString> keys, folders, flags, objectNames;
        QSet<int> kinds;
        for (const PatternDescriptor &d : patternDescriptors()) {
            keys.insert(d.key);
            folders.insert(d.templateFolder);
            kinds.insert(int(d.simulatorKind));
            flags.insert(d.templateFlag);
            objectNames.insert(QLatin1String(d.presentation.choiceObjectName));
        }
        QCOMPARE(flags.size(), patternDescriptors().size());
        QCOMPARE(objectNames.size(), patternDescriptors().size());
        QCOMPARE(keys.size(), patternDescriptors().size());
        QCOMPARE(folders.size(), patternDescriptors().size());
        QCOMPARE(kinds.size(), patternDescriptors().size());
        QCOMPARE(installablePatternKeys(), u"windowed, keep-firing or target-ends-first"_qs);
    }

    void defaultsPerPattern()
    {
        QCOMPARE(PatternOptions::defaults(Pattern::Windowed).delivery, DeliveryMode::AtMostOnce);
        QCOMPARE(PatternOptions::defaults(Pattern::KeepFiring).delivery, DeliveryMode::InReceiveTransaction);
        const PatternOptions kf = PatternOptions::defaults(Pattern::KeepFiring);
        QCOMPARE(kf.poolSize, kf.maxQueueReaders);
        QCOMPARE(kf.schema, u"dbo"_qs);
        QVERIFY(kf.validateXml);
    }

    void naiveIsOnlyAWarning()
    {
        const QList<OptionProblem> problems = validateOptions(PatternOptions::defaults(Pattern::NaiveTeaching));
        QCOMPARE(problems.size(), 1);
        QVERIFY(problems.first().isWarning);
        QCOMPARE(problems.first().field, u"pattern"_qs);
    }

    void problems_data()
    {
        QTest::addColumn<QJsonObject>("changes");
        QTest::addColumn<QString>("field");
        QTest::addColumn<bool>("isWarning");
        QTest::addColumn<QString>("message");
        const auto obj = [](const char *json) { return QJsonDocument::fromJson(json).object(); };

        QTest::newRow("schema empty") << obj("{\"schema\": \"\"}") << u"schema"_qs << false
                                      << u"The schema name is empty."_qs;
        QTest::newRow("schema 129") << QJsonObject{{u"schema"_qs, QString(129, QLatin1Char('s'))}} << u"schema"_qs
                                    << false
                                    << u"The schema name is 129 characters long; SQL Server allows at most 128."_qs;
        QTest::newRow("database control character")
            << QJsonObject{{u"database"_qs, u"Sales\tDb"_qs}} << u"database"_qs << false
            << u"The database name contains a control character (U+0009)."_qs;
        QTest::newRow("prefix blank") << obj("{\"prefix\": \"  \"}") << u"prefix"_qs << false
                                      << u"The object prefix is empty."_qs;
        QTest::newRow("prefix makes a name too long")
            << QJsonObject{{u"prefix"_qs, QString(115, QLatin1Char('p'))}} << u"prefix"_qs << false
            << u"The queue name [%1InitiatorQueue] would be 129 characters long; SQL Server allows at most 128. "
               u"Shorten the prefix by 1."_qs.arg(QString(115, QLatin1Char('p')));
        QTest::newRow("service root empty")
            << obj("{\"serviceRoot\": \"\"}") << u"serviceRoot"_qs << false
            << u"The service name root is empty. Use the form //<organisation>/<prefix>, for example //Contoso/Orders."_qs;
        QTest::newRow("service root without //")
            << obj("{\"serviceRoot\": \"Contoso/Orders\"}") << u"serviceRoot"_qs << true
            << u"Service names usually have the form //<organisation>/<prefix>, for example //Contoso/Orders, so "
               u"that they are unique everywhere."_qs;
        QTest::newRow("service root ends with /")
            << obj("{\"serviceRoot\": \"//Contoso/\"}") << u"serviceRoot"_qs << false
            << u"The service name root must not end with \"/\"; the generator adds \"/Task\", \"/Target\", ... itself."_qs;
        QTest::newRow("service root too long")
            << QJsonObject{{u"serviceRoot"_qs, QString(u"//"_qs + QString(118, QLatin1Char('r')))}} << u"serviceRoot"_qs
            << false
            << u"The broker object name [//%1/Initiator] would be 130 characters long; SQL Server allows at most 128. "
               u"Shorten the service name root."_qs.arg(QString(118, QLatin1Char('r')));
        QTest::newRow("readers 0") << obj("{\"maxQueueReaders\": 0}") << u"maxQueueReaders"_qs << false
                                   << u"MAX_QUEUE_READERS must be between 1 and 32767 (it is 0)."_qs;
        QTest::newRow("readers 32768") << obj("{\"maxQueueReaders\": 32768}") << u"maxQueueReaders"_qs << false
                                       << u"MAX_QUEUE_READERS must be between 1 and 32767 (it is 32768)."_qs;
        QTest::newRow("timeout 0") << obj("{\"receiveTimeoutMs\": 0}") << u"receiveTimeoutMs"_qs << false
                                   << u"The receive timeout must be more than 0 ms (it is 0); without one an "
                                      u"activated task would never end."_qs;
        QTest::newRow("timeout long") << obj("{\"receiveTimeoutMs\": 120000}") << u"receiveTimeoutMs"_qs << true
                                      << u"A receive timeout of 120000 ms keeps each idle reader alive that long "
                                         u"after the queue is empty; a few seconds is usual."_qs;
        QTest::newRow("messages per RECEIVE 0")
            << obj("{\"pattern\": \"keep-firing\", \"messagesPerReceive\": 0}") << u"messagesPerReceive"_qs << false
            << u"Messages per RECEIVE must be between 1 and 1000 (it is 0)."_qs;
        QTest::newRow("messages per RECEIVE 1001")
            << obj("{\"pattern\": \"keep-firing\", \"messagesPerReceive\": 1001}") << u"messagesPerReceive"_qs << false
            << u"Messages per RECEIVE must be between 1 and 1000 (it is 1001)."_qs;
        const QString oneGroup = u"With one dialog per task, a RECEIVE returns one conversation group: one task (and its "
                                 u"EndDialog) at a time, whatever TOP (n) says. Batching pays off with keep-firing, whose "
                                 u"long-lived conversations carry many tasks each."_qs;
        QTest::newRow("messages per RECEIVE, windowed")
            << obj("{\"messagesPerReceive\": 8}") << u"messagesPerReceive"_qs << true << oneGroup;
        QTest::newRow("messages per RECEIVE, target ends first")
            << obj("{\"pattern\": \"target-ends-first\", \"messagesPerReceive\": 8}") << u"messagesPerReceive"_qs
            << true << oneGroup;
        QTest::newRow("window 0") << obj("{\"windowSeconds\": 0}") << u"windowSeconds"_qs << false
                                  << u"The window must be more than 0 seconds (it is 0)."_qs;
        QTest::newRow("window negative") << obj("{\"windowSeconds\": -5}") << u"windowSeconds"_qs << false
                                         << u"The window must be more than 0 seconds (it is -5)."_qs;
        QTest::newRow("window short") << obj("{\"windowSeconds\": 30}") << u"windowSeconds"_qs << true
                                      << u"A window of 30 s is short: a task not received within it is lost (marked "
                                         u"'expired'). Allow for the backlog and about 5 s of activation ramp-up per "
                                         u"extra reader."_qs;
        QTest::newRow("pool 0") << obj("{\"pattern\": \"keep-firing\", \"poolSize\": 0}") << u"poolSize"_qs << false
                                << u"The conversation pool needs at least 1 conversation (it is 0)."_qs;
        QTest::newRow("pool above readers x 4")
            << obj("{\"pattern\": \"keep-firing\", \"maxQueueReaders\": 2, \"poolSize\": 9}") << u"poolSize"_qs << true
            << u"A pool of 9 conversations is more than 4 times the 2 queue readers: only one reader works on a "
               u"conversation at a time, so the extra conversations add endpoints, not parallelism."_qs;
        QTest::newRow("pool below readers")
            << obj("{\"pattern\": \"keep-firing\", \"maxQueueReaders\": 8, \"poolSize\": 2}") << u"poolSize"_qs << true
            << u"A pool of 2 conversations keeps at most 2 of the 8 queue readers busy."_qs;
        QTest::newRow("recycle messages 0")
            << obj("{\"pattern\": \"keep-firing\", \"recycleAfterMessages\": 0}") << u"recycleAfterMessages"_qs << false
            << u"Recycle after at least 1 message (it is 0)."_qs;
        QTest::newRow("recycle seconds 0")
            << obj("{\"pattern\": \"keep-firing\", \"recycleAfterSeconds\": 0}") << u"recycleAfterSeconds"_qs << false
            << u"Recycle after at least 1 second (it is 0)."_qs;
        QTest::newRow("retention negative") << obj("{\"logRetentionDays\": -1}") << u"logRetentionDays"_qs << false
                                            << u"Log retention cannot be negative (it is -1 days); 0 keeps the log "
                                               u"forever."_qs;
        QTest::newRow("retention beyond the cap")
            << obj("{\"logRetentionDays\": 36501}") << u"logRetentionDays"_qs << false
            << u"Log retention of 36501 days is too long; the most is 36500 days (about 100 years). Use 0 to keep "
               u"the log forever."_qs;
        QTest::newRow("cleanup interval 0")
            << obj("{\"cleanupIntervalSeconds\": 0}") << u"cleanupIntervalSeconds"_qs << false
            << u"The cleanup interval must be between 1 and 86400 seconds (it is 0)."_qs;
        QTest::newRow("cleanup interval over a day")
            << obj("{\"cleanupIntervalSeconds\": 86401}") << u"cleanupIntervalSeconds"_qs << false
            << u"The cleanup interval must be between 1 and 86400 seconds (it is 86401)."_qs;
        QTest::newRow("keep-firing at most once")
            << obj("{\"pattern\": \"keep-firing\", \"delivery\": \"at-most-once\"}") << u"delivery"_qs << true
            << u"Keep-firing with at-most-once delivery: order per key is not kept. The RECEIVE commits before the "
               u"task runs, so two readers can run tasks of the same key at the same time. Choose delivery in the "
               u"receive transaction if order matters."_qs;
        QTest::newRow("lifetime 0")
            << obj("{\"pattern\": \"target-ends-first\", \"dialogLifetimeSeconds\": 0}")
            << u"dialogLifetimeSeconds"_qs << false << u"The dialog lifetime must be more than 0 seconds (it is 0)."_qs;
        QTest::newRow("lifetime negative")
            << obj("{\"pattern\": \"target-ends-first\", \"dialogLifetimeSeconds\": -1}")
            << u"dialogLifetimeSeconds"_qs << false << u"The dialog lifetime must be more than 0 seconds (it is -1)."_qs;
        QTest::newRow("lifetime short")
            << obj("{\"pattern\": \"target-ends-first\", \"dialogLifetimeSeconds\": 30}")
            << u"dialogLifetimeSeconds"_qs << true
            << u"A dialog lifetime of 30 s is short: a task the target has not finished within it is logged "
               u"'expired'. Allow for the backlog."_qs;
    }

    void retentionCapIsAccepted()
    {
        PatternOptions o = PatternOptions::defaults(Pattern::Windowed);
        o.logRetentionDays = MaxLogRetentionDays;
        QVERIFY(validateOptions(o).isEmpty());
        o.logRetentionDays = MaxLogRetentionDays + 1;
        QVERIFY(hasErrors(validateOptions(o)));
    }

    void lifetimeOnlyMattersForTargetEndsFirst()
    {
        PatternOptions o = PatternOptions::defaults(Pattern::Windowed);
        o.dialogLifetimeSeconds = 0;
        QVERIFY(validateOptions(o).isEmpty());
        o.pattern = Pattern::TargetEndsFirst;
        QVERIFY(hasErrors(validateOptions(o)));
    }

    void keepFiringInReceiveTransactionHasNoOrderWarning()
    {
        const PatternOptions o = PatternOptions::defaults(Pattern::KeepFiring);
        QCOMPARE(o.delivery, DeliveryMode::InReceiveTransaction);
        QVERIFY(validateOptions(o).isEmpty());
    }

    void problems()
    {
        QFETCH(QJsonObject, changes);
        QFETCH(QString, field);
        QFETCH(bool, isWarning);
        QFETCH(QString, message);
        QString error;
        const std::optional<PatternOptions> options = optionsFromJson(changes, &error);
        QVERIFY2(options, qPrintable(error));
        const QList<OptionProblem> problems = validateOptions(*options);
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems.first().field, field);
        QCOMPARE(problems.first().isWarning, isWarning);
        QCOMPARE(problems.first().message, message);
        QCOMPARE(hasErrors(problems), !isWarning);
        // Generation refuses exactly when there is an error, and says why.
        const GeneratedScripts scripts = generateScripts(*options);
        QCOMPARE(scripts.scripts.isEmpty(), !isWarning);
        QCOMPARE(scripts.error.isEmpty(), isWarning);
        if (!isWarning)
            QVERIFY(scripts.error.contains(message));
    }

    void keepFiringBatchesWithoutWarning()
    {
        PatternOptions o = PatternOptions::defaults(Pattern::KeepFiring);
        QCOMPARE(o.messagesPerReceive, 1);
        for (const int n : {2, 8, MaxMessagesPerReceive}) {
            o.messagesPerReceive = n;
            QVERIFY2(validateOptions(o).isEmpty(), qPrintable(QString::number(n)));
        }
    }

    void windowOnlyMattersForWindowed()
    {
        PatternOptions o = PatternOptions::defaults(Pattern::KeepFiring);
        o.windowSeconds = 0;
        QVERIFY(validateOptions(o).isEmpty());
    }

    void jsonRoundTrip_data()
    {
        QTest::addColumn<Pattern>("pattern");
        QTest::newRow("windowed") << Pattern::Windowed;
        QTest::newRow("keep-firing") << Pattern::KeepFiring;
        QTest::newRow("target-ends-first") << Pattern::TargetEndsFirst;
        QTest::newRow("naive-teaching") << Pattern::NaiveTeaching;
    }

    void jsonRoundTrip()
    {
        QFETCH(Pattern, pattern);
        PatternOptions o = PatternOptions::defaults(pattern);
        o.database = u"Sales]'Db"_qs;
        o.poolSize = 7;
        o.messagesPerReceive = 12;
        o.validateXml = false;
        o.uninstallKeepsLog = false;
        o.delivery = DeliveryMode::AtMostOnce;
        QString error;
        const std::optional<PatternOptions> back = optionsFromJson(optionsToJson(o), &error);
        QVERIFY2(back, qPrintable(error));
        QVERIFY(*back == o);
    }

    void jsonErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown key") << QByteArray("{\"windowSecs\": 3}") << u"Unknown option \"windowSecs\"."_qs;
        QTest::newRow("string for number") << QByteArray("{\"windowSeconds\": \"3\"}")
                                           << u"Option \"windowSeconds\" has the wrong type."_qs;
        QTest::newRow("fraction") << QByteArray("{\"maxQueueReaders\": 2.5}")
                                  << u"Option \"maxQueueReaders\" has the wrong type."_qs;
        QTest::newRow("too big") << QByteArray("{\"maxQueueReaders\": 1e12}")
                                 << u"Option \"maxQueueReaders\" has the wrong type."_qs;
        QTest::newRow("string for messages per RECEIVE") << QByteArray("{\"messagesPerReceive\": \"8\"}")
                                                         << u"Option \"messagesPerReceive\" has the wrong type."_qs;
        QTest::newRow("bad pattern") << QByteArray("{\"pattern\": \"fire-and-hope\"}")
                                     << u"\"pattern\" must be one of \"windowed\", \"keep-firing\", "
                                        u"\"target-ends-first\", \"naive-teaching\"."_qs;
        QTest::newRow("bad delivery") << QByteArray("{\"delivery\": \"exactly-once\"}")
                                      << u"\"delivery\" must be \"at-most-once\" or \"in-receive-transaction\"."_qs;
    }

    void jsonErrors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        QString error;
        QVERIFY(!optionsFromJson(QJsonDocument::fromJson(json).object(), &error));
        QCOMPARE(error, message);
    }

    void poolFollowsReadersUnlessGiven()
    {
        QString error;
        const auto o = optionsFromJson(QJsonDocument::fromJson("{\"pattern\":\"keep-firing\",\"maxQueueReaders\":6}").object(),
                                       &error);
        QVERIFY(o);
        QCOMPARE(o->poolSize, 6);
    }

    void objectNames()
    {
        PatternOptions o = PatternOptions::defaults(Pattern::KeepFiring);
        o.schema = u"ops"_qs;
        const QStringList names = bs::objectNames(o);
        QVERIFY(names.contains(u"queue [ops].[AsyncTargetQueue]"_qs));
        QVERIFY(names.contains(u"table [ops].[AsyncConversationPool]"_qs));
        QVERIFY(names.contains(u"message type [//Contoso/Async/EndOfStream]"_qs));
        QVERIFY(names.contains(u"procedure [ops].[Async_Initiator]"_qs));
        QVERIFY(!bs::objectNames(PatternOptions::defaults(Pattern::Windowed)).contains(u"procedure [dbo].[Async_Initiator]"_qs));
    }
};

QTEST_GUILESS_MAIN(TestPatternOptions)
#include "tst_patternoptions.moc"
