#pragma once

#include "core/catalog.h"
#include "core/ops/browse.h"
#include "core/ops/operation.h"

#include <QDateTime>
#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;

namespace bs {

class BodyViewer;
class BrokerOperations;

/// The poison triage of a disabled queue (PoisonTriage for the words and plans): why it is off,
/// the message most likely to be the poison with how it was picked and its body, the three
/// prepared plans (each opens its preview: nothing runs from here), and the quarantine table.
class PoisonTriageView : public QWidget
{
    Q_OBJECT
public:
    PoisonTriageView(BrokerOperations *operations, const Queue &queue, const QDateTime &disabledSince,
                     const QString &writesBlocked, QWidget *parent = nullptr);

    /// The catalog changed (the queue may be back on): the reasons and plans follow it.
    void setQueue(const Queue &queue);
    void refresh();
    /// Reads dbo.BrokerPoisonQuarantine into the quarantine table.
    void loadQuarantine();

    QLabel *whyLabel() const { return m_why; }
    QLabel *candidateLabel() const { return m_candidate; }
    BodyViewer *bodyViewer() const { return m_body; }
    QList<QPushButton *> planButtons() const { return m_planButtons; }
    QTableWidget *quarantineTable() const { return m_quarantine; }
    PoisonCandidate candidate() const { return m_candidateValue; }

Q_SIGNALS:
    void operationRequested(const bs::Operation &op);
    void conversationRequested(const QUuid &handle);
    void candidateLoaded();
    void quarantineLoaded();

private:
    void showCandidate(const PoisonCandidate &c);
    void updatePlans();

    QPointer<BrokerOperations> m_operations;
    Queue m_queue;
    QDateTime m_disabledSince;
    QString m_writesBlocked;
    PoisonCandidate m_candidateValue;
    QLabel *m_why;
    QLabel *m_candidate;
    BodyViewer *m_body;
    QList<QLabel *> m_planTexts;
    QList<QPushButton *> m_planButtons;
    QTableWidget *m_quarantine;
};

} // namespace bs
