#pragma once

#include <QString>

#include <functional>

namespace bs {

class HistoryCompactor;
class HistoryRowWriter;

/// Converts the rows of schema 1 and 2 (`samples`: a whole sample per row, in schema 2 with its
/// chart row in `points`) into schema 3: each gets its chart row in the head, the last sample of
/// each 5-minute slot its snapshot, and the rest goes; then the head's closed hours become blocks and
/// the file is vacuumed once. Batches are transactions, so a stop or a crash keeps what is done.
class HistoryConverter
{
public:
    HistoryConverter(const QString &connectionName, HistoryRowWriter &writer, HistoryCompactor &compactor);

    /// See HistoryStore::convertOldRows().
    qint64 convert(const std::function<bool(qint64 done, qint64 total)> &progress, int batch);
    QString lastError() const { return m_lastError; }

private:
    qint64 convertBatch(int batch, bool *finished);
    bool run(const char *name);

    QString m_connection;
    HistoryRowWriter &m_writer;
    HistoryCompactor &m_compactor;
    QString m_lastError;
};

} // namespace bs
