#pragma once
// The golden files of tests/ops/golden/: a statement followed by a "-- parameters" block, so a
// reviewer reads both the text and what is bound. BS_WRITE_GOLDENS=1 rewrites them.
#include "core/ops/operation.h"

#include <QFile>
#include <QTest>

namespace bs::golden {

inline QString goldenPath(const QString &name)
{
    return QStringLiteral(BS_TEST_DATA_DIR "/ops/golden/%1.sql").arg(name);
}

inline QString goldenText(const OperationStatement &s)
{
    QString out = s.text;
    if (!out.endsWith(QLatin1Char('\n')))
        out += QLatin1Char('\n');
    out += QStringLiteral("-- parameters:\n");
    for (const QString &line : s.parameterText().split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        out += QStringLiteral("--   ") + line + QLatin1Char('\n');
    return out;
}

inline void compareGolden(const QString &name, const OperationStatement &s)
{
    QVERIFY2(s.isValid(), qPrintable(s.error));
    const QString actual = goldenText(s);
    if (qEnvironmentVariableIsSet("BS_WRITE_GOLDENS")) {
        QFile out(goldenPath(name));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(actual.toUtf8());
    }
    QFile file(goldenPath(name));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(goldenPath(name)));
    QCOMPARE(actual, QString::fromUtf8(file.readAll()));
}

} // namespace bs::golden
