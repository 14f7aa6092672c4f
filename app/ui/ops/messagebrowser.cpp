#include "ui/ops/messagebrowser.h"

#include "core/ops/browse.h"
#include "data/ops/brokeroperations.h"
#include "ui/ops/bodyviewer.h"
#include "ui/ops/queuemessagesmodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>

namespace bs {

MessageBrowser::MessageBrowser(BrokerOperations *operations, const QueueRef &queue, QWidget *parent)
    : QWidget(parent)
    , m_operations(operations)
    , m_queue(queue)
    , m_model(new QueueMessagesModel(this))
    , m_table(new QTableView)
    , m_body(new BodyViewer)
    , m_status(new QLabel)
{
    auto *layout = new QVBoxLayout(this);
    auto *bar = new QHBoxLayout;
    auto *first = new QPushButton(tr("First page"));
    m_next = new QPushButton(tr("Next page"));
    auto *refreshButton = new QPushButton(tr("Refresh"));
    bar->addWidget(first);
    bar->addWidget(m_next);
    bar->addWidget(refreshButton);
    bar->addWidget(m_status, 1);
    layout->addLayout(bar);

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAccessibleName(tr("Messages of %1").arg(queue.displayName()));
    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(m_table);
    split->addWidget(m_body);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    auto *actions = new QHBoxLayout;
    auto add = [&](const QString &text, auto fn) {
        auto *b = new QPushButton(text);
        b->setEnabled(false);
        actions->addWidget(b);
        connect(b, &QPushButton::clicked, this, fn);
        m_conversationButtons.append(b);
        return b;
    };
    add(tr("Conversation…"), [this] { Q_EMIT conversationRequested(currentHandle()); });
    for (const auto kind : {OperationKind::EndConversation, OperationKind::EndConversationWithError,
                            OperationKind::EndConversationWithCleanup}) {
        const QString text = kind == OperationKind::EndConversation ? tr("End conversation…")
            : kind == OperationKind::EndConversationWithError       ? tr("End with error…")
                                                                    : tr("End with cleanup…");
        add(text, [this, kind] {
            Operation op;
            op.kind = kind;
            op.conversationHandle = currentHandle();
            Q_EMIT operationRequested(op);
        });
    }
    actions->addStretch(1);
    layout->addLayout(actions);

    connect(first, &QPushButton::clicked, this, &MessageBrowser::refresh);
    connect(refreshButton, &QPushButton::clicked, this, [this] { load(m_pageStart); });
    connect(m_next, &QPushButton::clicked, this, &MessageBrowser::nextPage);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &MessageBrowser::onCurrentChanged);
    if (m_operations)
        connect(m_operations, &BrokerOperations::changed, this, [this] { load(m_pageStart); });
    refresh();
}

void MessageBrowser::refresh()
{
    m_pageNumber = 0;
    load(-1);
}

void MessageBrowser::nextPage()
{
    if (const QueueMessage *last = m_model->messageAt(m_model->rowCount() - 1)) {
        ++m_pageNumber;
        load(last->queuingOrder);
    }
}

void MessageBrowser::load(qint64 after)
{
    if (!m_operations)
        return;
    m_pageStart = after;
    m_status->setText(tr("Reading %1…").arg(m_queue.displayName()));
    m_next->setEnabled(false);
    m_operations->browseQueue(m_queue, after, BrowsePageRows, this, [this](const QueueMessagePage &page) {
        m_model->setMessages(page.messages);
        m_table->resizeColumnsToContents();
        m_next->setEnabled(page.hasMore);
        if (!page.error.isEmpty())
            m_status->setText(tr("Could not read %1: %2").arg(m_queue.displayName(), page.error));
        else if (page.messages.isEmpty())
            m_status->setText(tr("%1 holds no message%2.").arg(m_queue.displayName(), m_pageNumber ? tr(" after this point") : QString()));
        else
            m_status->setText(tr("Page %1: %2 messages%3. Reading with SELECT does not remove them.")
                                  .arg(m_pageNumber + 1).arg(page.messages.size())
                                  .arg(page.hasMore ? tr(", more follow") : QString()));
        m_body->clear(tr("Select a message to see its body."));
        onCurrentChanged();
        Q_EMIT pageLoaded();
    });
}

QUuid MessageBrowser::currentHandle() const
{
    const QueueMessage *m = m_model->messageAt(m_table->currentIndex().row());
    return m ? m->conversationHandle : QUuid();
}

void MessageBrowser::onCurrentChanged()
{
    const QueueMessage *m = m_model->messageAt(m_table->currentIndex().row());
    for (QPushButton *b : std::as_const(m_conversationButtons))
        b->setEnabled(m != nullptr);
    if (!m || !m_operations)
        return;
    m_body->clear(tr("Reading the body (at most the first MiB)…"));
    m_operations->fetchBody(m_queue, m->conversationHandle, m->sequenceNumber, this,
                            [this](const MessageBody &body) { m_body->setBody(body); });
}

} // namespace bs
