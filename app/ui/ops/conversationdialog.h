#pragma once

#include "core/ops/operation.h"

#include <QDialog>

class QLabel;
class QTableWidget;

namespace bs {

class BrokerOperations;
struct ConversationDetail;

/// A conversation from any handle: its endpoint row(s), both sides when both are local, each
/// state explained with whether it will ever go away, the messages still queued and those
/// waiting to be sent with the likely cause; End buttons for the endpoint it was opened on.
class ConversationDialog : public QDialog
{
    Q_OBJECT
public:
    ConversationDialog(BrokerOperations *operations, const QUuid &handle, QWidget *parent = nullptr);

    QTableWidget *endpointTable() const { return m_endpoints; }
    QTableWidget *transmissionTable() const { return m_transmission; }
    QLabel *statusLabel() const { return m_status; }
    /// Each endpoint's state in plain words and whether it will ever go away.
    QLabel *meaningLabel() const { return m_meaning; }

Q_SIGNALS:
    void operationRequested(const bs::Operation &op);
    void loaded();

private:
    void showDetail(const ConversationDetail &detail);

    QUuid m_handle;
    QLabel *m_status;
    QTableWidget *m_endpoints;
    QLabel *m_meaning;
    QTableWidget *m_transmission;
};

} // namespace bs
