#pragma once

#include <QDialog>
#include <QUuid>

class QLabel;
class QTableWidget;

namespace bs {

class BrokerOperations;
struct ConversationEndpoint;

/// The endpoints behind one row of the monitor's Endpoints table (a service pair in one state):
/// the first rows, oldest lifetime first; a double-click opens one conversation.
class PairConversationsDialog : public QDialog
{
    Q_OBJECT
public:
    static constexpr int Rows = 200;

    PairConversationsDialog(BrokerOperations *operations, const QString &local, const QString &far,
                            const QString &stateCode, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    QLabel *statusLabel() const { return m_status; }

Q_SIGNALS:
    void conversationRequested(const QUuid &handle);
    void loaded();

private:
    void showRows(const QList<ConversationEndpoint> &rows, const QString &error);

    QLabel *m_status;
    QTableWidget *m_table;
};

} // namespace bs
