#pragma once

#include <QUuid>
#include <QWidget>

class QLabel;
class QTableWidget;

namespace bs {

class BrokerOperations;

/// The oldest messages of sys.transmission_queue with their status and its likely cause in plain
/// words; a double-click opens the message's conversation.
class TransmissionView : public QWidget
{
    Q_OBJECT
public:
    explicit TransmissionView(BrokerOperations *operations, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    QLabel *statusLabel() const { return m_status; }

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    void conversationRequested(const QUuid &handle);
    void loaded();

private:
    BrokerOperations *m_operations;
    QTableWidget *m_table;
    QLabel *m_status;
    QList<QUuid> m_handles;
};

} // namespace bs
