#pragma once

#include "core/ops/operation.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace bs {

class BodyViewer;
class BrokerOperations;
class QueueMessagesModel;

/// A queue's messages, a page at a time (SELECT on the queue: nothing is received), the selected
/// message's body fetched on demand (first MiB), and the actions on its conversation.
class MessageBrowser : public QWidget
{
    Q_OBJECT
public:
    MessageBrowser(BrokerOperations *operations, const QueueRef &queue, QWidget *parent = nullptr);

    const QueueRef &queue() const { return m_queue; }
    QTableView *table() const { return m_table; }
    QueueMessagesModel *model() const { return m_model; }
    BodyViewer *bodyViewer() const { return m_body; }
    QLabel *statusLabel() const { return m_status; }
    QPushButton *nextButton() const { return m_next; }

public Q_SLOTS:
    /// Reads the first page again.
    void refresh();
    void nextPage();

Q_SIGNALS:
    void conversationRequested(const QUuid &handle);
    void operationRequested(const bs::Operation &op);
    /// A page arrived (or failed): for tests and the status bar.
    void pageLoaded();

private:
    void load(qint64 after);
    void onCurrentChanged();
    QUuid currentHandle() const;

    BrokerOperations *m_operations;
    QueueRef m_queue;
    QueueMessagesModel *m_model;
    QTableView *m_table;
    BodyViewer *m_body;
    QLabel *m_status;
    QPushButton *m_next;
    QList<QPushButton *> m_conversationButtons;
    qint64 m_pageStart = -1;
    int m_pageNumber = 0;
};

} // namespace bs
