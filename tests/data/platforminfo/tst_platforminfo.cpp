#include "data/odbc/odbcdrivers.h"
#include "data/platforminfo.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QTest>

using namespace bs;

class TestPlatformInfo : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void driverManagerVersion();
    void driverManagerLibraryIsTheLoadedOne();
    void odbcDriversAreTheDriverManagersSorted();
    void qtSqlDriversSorted();
};

void TestPlatformInfo::driverManagerVersion()
{
    // SQL_DM_VER is "##.##.####.####": ODBC major.minor, then the driver manager's build
    // (https://learn.microsoft.com/sql/odbc/reference/syntax/sqlgetinfo-function).
    const QString version = PlatformInfo::odbcDriverManagerVersion();
    QVERIFY2(QRegularExpression(u"^\\d{2}\\.\\d{2}\\.\\d{4}\\.\\d{4}$"_qs).match(version).hasMatch(), qPrintable(version));
    QCOMPARE(PlatformInfo::odbcDriverManagerVersion(), version);
}

void TestPlatformInfo::driverManagerLibraryIsTheLoadedOne()
{
    const QString library = PlatformInfo::odbcDriverManagerLibrary();
    qInfo("driver manager: %s %s", qPrintable(library), qPrintable(PlatformInfo::odbcDriverManagerVersion()));
    QVERIFY(!library.isEmpty());
    QCOMPARE(QFileInfo(library).fileName(), library); // a file name, never a path
#ifdef Q_OS_LINUX
    // Independent of how PlatformInfo finds it: the dynamic loader mapped the file that name
    // stands for (the maps list the resolved file, libodbc.so.2.0.0 for the soname libodbc.so.2).
    QFile maps(QStringLiteral("/proc/self/maps"));
    QVERIFY(maps.open(QIODevice::ReadOnly));
    bool mapped = false;
    const QList<QByteArray> lines = maps.readAll().split('\n');
    for (const QByteArray &line : lines) {
        const qsizetype path = line.indexOf('/');
        if (path < 0)
            continue;
        const QFileInfo file(QString::fromLocal8Bit(line.mid(path)));
        const QString resolved = file.canonicalFilePath();
        if (!resolved.isEmpty() && QFileInfo(file.dir().filePath(library)).canonicalFilePath() == resolved)
            mapped = true;
    }
    QVERIFY2(mapped, qPrintable(library));
    QVERIFY2(library.startsWith(QLatin1String("libodbc.so")), qPrintable(library));
#endif
}

void TestPlatformInfo::odbcDriversAreTheDriverManagersSorted()
{
    const QStringList drivers = PlatformInfo::odbcDrivers();
    QStringList sorted = drivers;
    sorted.sort(Qt::CaseInsensitive);
    QCOMPARE(drivers, sorted);
    const QStringList installed = OdbcDrivers::installed();
    QCOMPARE(QSet<QString>(drivers.cbegin(), drivers.cend()), QSet<QString>(installed.cbegin(), installed.cend()));
    QCOMPARE(drivers.size(), installed.size());
}

void TestPlatformInfo::qtSqlDriversSorted()
{
    const QStringList drivers = PlatformInfo::qtSqlDrivers();
    QStringList sorted = drivers;
    sorted.sort();
    QCOMPARE(drivers, sorted);
    const QStringList qt = QSqlDatabase::drivers();
    QCOMPARE(QSet<QString>(drivers.cbegin(), drivers.cend()), QSet<QString>(qt.cbegin(), qt.cend()));
}

QTEST_GUILESS_MAIN(TestPlatformInfo)
#include "tst_platforminfo.moc"
