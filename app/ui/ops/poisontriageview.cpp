#include "ui/ops/poisontriageview.h"

#include "core/ops/poisontriage.h"
#include "data/ops/brokeroperations.h"
#include "ui/ops/bodyviewer.h"

#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace bs {

PoisonTriageView::PoisonTriageView(BrokerOperations *operations, const Queue &queue, const QDateTime &disabledSince,
                                   const QString &writesBlocked, QWidget *parent)
    : QWidget(parent)
    , m_operations(operations)
    , m_queue(queue)
    , m_disabledSince(disabledSince)
    , m_writesBlocked(writesBlocked)
    , m_why(new QLabel)
    , m_candidate(new QLabel)
    , m_body(new BodyViewer)
    , m_quarantine(new QTableWidget(0, 6))
{
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    auto *title = new QLabel(tr("<b>Poison triage: %1</b>").arg(QueueRef{queue.schema, queue.name}.displayName().toHtmlEscaped()));
    top->addWidget(title, 1);
    auto *refreshButton = new QPushButton(tr("Refresh"));
    top->addWidget(refreshButton);
    layout->addLayout(top);

    auto *whyBox = new QGroupBox(tr("Why it is off"));
    auto *whyLayout = new QVBoxLayout(whyBox);
    m_why->setObjectName(QStringLiteral("why"));
    m_why->setWordWrap(true);
    m_why->setTextInteractionFlags(Qt::TextSelectableByMouse);
    whyLayout->addWidget(m_why);
    layout->addWidget(whyBox);

    auto *split = new QSplitter(Qt::Horizontal);
    auto *suspect = new QGroupBox(tr("The message most likely to be the poison"));
    auto *suspectLayout = new QVBoxLayout(suspect);
    m_candidate->setObjectName(QStringLiteral("candidate"));
    m_candidate->setWordWrap(true);
    m_candidate->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse);
    connect(m_candidate, &QLabel::linkActivated, this, [this] {
        if (m_candidateValue.found)
            Q_EMIT conversationRequested(m_candidateValue.message.conversationHandle);
    });
    suspectLayout->addWidget(m_candidate);
    suspectLayout->addWidget(m_body, 1);
    split->addWidget(suspect);

    auto *plansBox = new QGroupBox(tr("Prepared plans (each shows its T-SQL first; nothing runs from here)"));
    auto *plansLayout = new QGridLayout(plansBox);
    for (int i = 0; i < 3; ++i) {
        auto *text = new QLabel;
        text->setWordWrap(true);
        text->setAlignment(Qt::AlignLeft | Qt::AlignTop);
        auto *button = new QPushButton(tr("Preview…"));
        button->setObjectName(QStringLiteral("plan%1").arg(QChar(u'a' + i)));
        plansLayout->addWidget(text, i, 0, Qt::AlignTop);
        plansLayout->addWidget(button, i, 1, Qt::AlignTop);
        m_planTexts.append(text);
        m_planButtons.append(button);
        connect(button, &QPushButton::clicked, this, [this, i] {
            const QList<PoisonPlan> plans = PoisonTriage::plans(m_queue, m_candidateValue.message.conversationHandle);
            Q_EMIT operationRequested(plans.at(i).operation);
        });
    }
    plansLayout->setColumnStretch(0, 1);
    split->addWidget(plansBox);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    layout->addWidget(split, 2);

    auto *quarantineBox = new QGroupBox(tr("Quarantine (dbo.BrokerPoisonQuarantine, newest first)"));
    auto *quarantineLayout = new QVBoxLayout(quarantineBox);
    m_quarantine->setObjectName(QStringLiteral("quarantine"));
    m_quarantine->setHorizontalHeaderLabels({tr("Quarantined (UTC)"), tr("Queue"), tr("Conversation handle"),
                                             tr("Message type"), tr("Validation"), tr("Body bytes")});
    m_quarantine->horizontalHeader()->setStretchLastSection(true);
    m_quarantine->verticalHeader()->hide();
    m_quarantine->setEditTriggers(QAbstractItemView::NoEditTriggers);
    quarantineLayout->addWidget(m_quarantine);
    layout->addWidget(quarantineBox, 1);

    connect(refreshButton, &QPushButton::clicked, this, &PoisonTriageView::refresh);
    setQueue(queue);
    refresh();
}

void PoisonTriageView::setQueue(const Queue &queue)
{
    m_queue = queue;
    m_why->setText(PoisonTriage::whyDisabled(queue, m_disabledSince));
    updatePlans();
}

void PoisonTriageView::refresh()
{
    if (!m_operations)
        return;
    m_candidate->setText(tr("Looking for the poison message…"));
    m_body->clear();
    m_operations->poisonCandidate({m_queue.schema, m_queue.name}, this,
                                  [this](const PoisonCandidate &c) { showCandidate(c); });
    loadQuarantine();
}

void PoisonTriageView::showCandidate(const PoisonCandidate &c)
{
    m_candidateValue = c;
    if (!c.error.isEmpty()) {
        m_candidate->setText(tr("The queue could not be read: %1").arg(c.error.toHtmlEscaped()));
    } else if (!c.found) {
        m_candidate->setText(tr("No message in the queue looks like a poison message (the queue may be empty, or its "
                                "message was removed meanwhile). Plans (b) and (c) remain."));
    } else {
        const QueueMessage &m = c.message;
        m_candidate->setText(tr("<b>%1</b> for service %2, %3 bytes, queuing_order %4, sequence %5, priority %6<br>"
                                "conversation <a href=\"#\">%7</a> (group %8)<br><i>How it was picked:</i> %9")
                                 .arg(m.messageTypeName.toHtmlEscaped(), m.serviceName.toHtmlEscaped())
                                 .arg(m.bodySize)
                                 .arg(m.queuingOrder)
                                 .arg(m.sequenceNumber)
                                 .arg(m.priority)
                                 .arg(m.conversationHandle.toString(QUuid::WithoutBraces).toUpper(),
                                      m.conversationGroup.toString(QUuid::WithoutBraces).toUpper(), c.how.toHtmlEscaped()));
        m_body->clear(tr("Reading the body…"));
        m_operations->fetchBody({m_queue.schema, m_queue.name}, m.conversationHandle, m.sequenceNumber, this,
                                [this](const MessageBody &b) { m_body->setBody(b); });
    }
    updatePlans();
    Q_EMIT candidateLoaded();
}

void PoisonTriageView::updatePlans()
{
    const QList<PoisonPlan> plans = PoisonTriage::plans(m_queue, m_candidateValue.message.conversationHandle);
    for (int i = 0; i < plans.size() && i < m_planButtons.size(); ++i) {
        const PoisonPlan &p = plans.at(i);
        m_planTexts[i]->setText(QStringLiteral("<b>%1</b><br>%2").arg(p.title.toHtmlEscaped(), p.explanation.toHtmlEscaped()));
        QString reason = m_writesBlocked;
        if (reason.isEmpty() && p.needsCandidate && !m_candidateValue.found)
            reason = tr("No poison message was found to set aside.");
        m_planButtons[i]->setEnabled(reason.isEmpty());
        m_planButtons[i]->setToolTip(reason);
    }
}

void PoisonTriageView::loadQuarantine()
{
    if (!m_operations)
        return;
    m_operations->browseQuarantine(200, this, [this](const QList<QuarantinedMessage> &rows, const QString &error) {
        m_quarantine->setRowCount(0);
        if (!error.isEmpty()) {
            m_quarantine->setRowCount(1);
            m_quarantine->setItem(0, 0, new QTableWidgetItem(tr("Cannot read the quarantine: %1").arg(error)));
        }
        for (const QuarantinedMessage &m : rows) {
            const int r = m_quarantine->rowCount();
            m_quarantine->insertRow(r);
            const QStringList cells{m.quarantinedAtUtc.toString(Qt::ISODate), m.queueName,
                                    m.conversationHandle.toString(QUuid::WithoutBraces).toUpper(), m.messageTypeName,
                                    m.validation, QString::number(m.bodySize)};
            for (int c = 0; c < cells.size(); ++c)
                m_quarantine->setItem(r, c, new QTableWidgetItem(cells.at(c)));
        }
        m_quarantine->resizeColumnsToContents();
        Q_EMIT quarantineLoaded();
    });
}

} // namespace bs
