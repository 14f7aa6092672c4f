#pragma once

#include "data/history/historystore.h"

#include <QSqlQuery>

#include <limits>

// Test data shared by the history suites: a sample history that exercises every rule of
// MonitorSeries::append, and files as older schemas of the store wrote them.
namespace bs::historytest {

constexpr qint64 StartMs = 1700000000000;

QDateTime at(qint64 ms);
void markUnavailable(MonitorSample &s, const char *part);
// Sample i of a history that exercises every rule of MonitorSeries::append: far services that come
// and go, queues that vanish, parts that cannot be read, counters with and without rates,
// fractional, negative, huge and NaN values, and a key fed twice in one sample.
MonitorSample richSample(int i, qint64 timeMs);

// The rich history: samples 5 s apart, a longer pause every 30 samples, a gap row every 25.
struct History
{
    QList<MonitorSample> samples;
    QList<qint64> gaps;

    // The same history fed straight into MonitorSeries: what series() has to return.
    MonitorSeries expected(qint64 gapThresholdMs, qint64 fromMs = std::numeric_limits<qint64>::min(),
                           qint64 toMs = std::numeric_limits<qint64>::max()) const;
};

History richHistory(int count, int firstIndex = 0, qint64 startMs = StartMs);
bool sameValue(double a, double b);
// Empty when equal (values bit for bit, NaN equal to NaN), else what differs first.
QString difference(const MonitorSeries &actual, const MonitorSeries &expected);
void writeThroughStore(HistoryStore &store, const History &h);
bool execNamed(QSqlQuery &query, const char *name);
// A file as schema 1 wrote it (before the points table): the schema-1 statements from
// sql/monitor/history and the CBOR codec, exactly the rows HistoryStore wrote then. With
// `withPoints`, also the points rows and key dictionary schema 2 added.
void writeOldFile(const QString &path, const History &h, bool withPoints = false);
History concat(History a, const History &b);

} // namespace bs::historytest
