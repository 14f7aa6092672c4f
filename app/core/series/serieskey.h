#pragma once

#include "core/monitorsample.h"

#include <QString>

namespace bs {

/// The name of one monitor series, as a value: what it counts and of which object. toString()
/// gives the text stored in history files and written as CSV column names
/// ("endpoints.state.DO", "queue.dbo.TargetQueue.depth", "counter.<object>/<counter>/<instance>");
/// parse() reads such a text back, so no code takes keys apart by position.
/// A queue key cannot tell a dot in the schema from the dot before the name: parse() splits at
/// the first dot (schema names with dots are rare), and toString(parse(k)) == k always holds.
class SeriesKey
{
public:
    enum class Kind {
        Invalid,
        EndpointsTotal,   ///< endpoints.total
        EndpointsCensus,  ///< endpoints.census: the total at census samples only (chart marks)
        EndpointState,    ///< endpoints.state.<SO|SI|CO|DI|DO|ER|CD>
        EndpointsLeaked,  ///< endpoints.leaked
        NeverExpiring,    ///< endpoints.neverExpiring
        FarService,       ///< endpoints.far.<far service>
        QueueDepth,       ///< queue.<schema>.<name>.depth
        QueueReaders,     ///< queue.<schema>.<name>.readers
        TransmissionSize, ///< transmission.size
        Counter,          ///< counter.<object>/<counter>/<instance>
    };

    SeriesKey() = default;

    static SeriesKey endpointsTotal() { return SeriesKey(Kind::EndpointsTotal); }
    static SeriesKey endpointsCensus() { return SeriesKey(Kind::EndpointsCensus); }
    static SeriesKey endpointState(EndpointState state);
    static SeriesKey endpointsLeaked() { return SeriesKey(Kind::EndpointsLeaked); }
    static SeriesKey neverExpiring() { return SeriesKey(Kind::NeverExpiring); }
    static SeriesKey farService(const QString &farService);
    static SeriesKey queueDepth(const QString &schema, const QString &name);
    static SeriesKey queueReaders(const QString &schema, const QString &name);
    static SeriesKey transmissionSize() { return SeriesKey(Kind::TransmissionSize); }
    static SeriesKey counter(const QString &object, const QString &counter, const QString &instance);

    /// The key `text` names; an invalid key (kind() == Invalid) for any other text.
    static SeriesKey parse(const QString &text);
    QString toString() const;

    Kind kind() const { return m_kind; }
    bool isValid() const { return m_kind != Kind::Invalid; }
    bool isQueue() const { return m_kind == Kind::QueueDepth || m_kind == Kind::QueueReaders; }
    /// EndpointState keys only.
    EndpointState state() const { return m_state; }
    /// FarService keys: the far service's name (may be empty).
    QString farServiceName() const { return m_a; }
    /// Queue keys: schema, name, and "schema.name" as the charts label it.
    QString queueSchema() const { return m_a; }
    QString queueName() const { return m_b; }
    QString queueLabel() const { return m_a + QLatin1Char('.') + m_b; }
    /// Counter keys: the three parts of sys.dm_os_performance_counters' row.
    QString counterObject() const { return m_a; }
    QString counterName() const { return m_b; }
    QString counterInstance() const { return m_c; }

    /// The text every far-service key starts with (CSV columns, history dictionaries).
    static QString farServicePrefix();
    /// The text every counter key starts with.
    static QString counterPrefix();

    bool operator==(const SeriesKey &) const = default;

private:
    explicit SeriesKey(Kind kind) : m_kind(kind) {}

    Kind m_kind = Kind::Invalid;
    EndpointState m_state = EndpointState::SO;
    QString m_a;
    QString m_b;
    QString m_c;
};

} // namespace bs
