#pragma once

#include "core/monitorsample.h"
#include "core/series/monitorseries.h"
#include "data/history/seriespoints.h"

#include <QByteArray>
#include <QHash>
#include <QSet>
#include <QString>

#include <vector>

namespace bs {

/// Rebuilds the chart series of a stored range from its points rows (see SeriesPoints), giving
/// exactly what MonitorSeries::append would give for the same samples in the same order: the
/// stored values, zeros for far services seen earlier in the range but absent now, the census
/// points (the total of each row that has endpoint states), a break in
/// every series a sample did not feed, and gaps for gap rows.
class SeriesBuilder
{
public:
    explicit SeriesBuilder(qint64 gapThresholdMs);

    /// Keeps only these keys (the overview); call before setKey(). Empty = every key.
    /// "endpoints.census" is derived from each row's total and endpoint states (a census row).
    void setOnlyKeys(const QSet<QString> &keys);
    /// Registers one entry of the file's key dictionary.
    void setKey(int id, const QString &key);
    /// One stored sample; false (and nothing appended) when the row does not decode or names
    /// a key the dictionary does not have.
    bool appendRow(qint64 timeMs, const QByteArray &points);
    /// One stored sample as (key id, value) pairs (a row of a block); false (and nothing
    /// appended) when it names a key the dictionary does not have.
    bool appendPoints(qint64 timeMs, const std::vector<SeriesPoints::IdPoint> &points);
    /// One sample decoded in full (a row written before the points table existed).
    void appendSample(const MonitorSample &sample);
    /// A sample that did not come.
    void appendGap(qint64 timeMs);

    MonitorSeries take();

private:
    void replay(qint64 timeMs, const std::vector<SeriesPoints::IdPoint> &row);
    int idFor(const QString &key);

    MonitorSeries m_series;
    std::vector<QString> m_keys; ///< by id; empty = unknown id
    QHash<QString, int> m_ids;
    QSet<QString> m_onlyKeys;
    std::vector<char> m_wanted;         ///< by id: passes m_onlyKeys
    std::vector<char> m_isFar;          ///< by id: an "endpoints.far.*" key
    std::vector<char> m_isState;        ///< by id: an "endpoints.state.*" key (present = census row)
    bool m_wantCensus = true;           ///< "endpoints.census" passes m_onlyKeys
    std::vector<qint64> m_farPresentAt; ///< by id: time of the last row that fed this far key
    std::vector<int> m_farSeen;         ///< far key ids in the order they first appeared
    int m_totalId = -1;                 ///< id of "endpoints.total": present = endpoints were read
    std::vector<SeriesPoints::IdPoint> m_row;
    // A sample with every part unavailable: appending it adds no value but breaks each series
    // the row did not feed and counts the sample, exactly as MonitorSeries::append does.
    MonitorSample m_closer;
};

} // namespace bs
