#pragma once

#include "core/alerts/alert.h"
#include "core/ops/poisontriage.h"

#include <functional>

#include <QWidget>

class QHBoxLayout;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace bs {

/// The alerts of one monitored database: the active ones, each explaining what it saw, why it
/// matters and the T-SQL that would fix it (highlighted; Copy and Save, never run), and the
/// alert log with raised and cleared times (local time).
class AlertsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit AlertsPanel(QWidget *parent = nullptr);

    void setAlerts(const QList<Alert> &active, const QList<AlertLogEntry> &log);

    QStringList activeTitles() const;
    QList<Alert> activeAlerts() const { return m_active; }
    int logCount() const;
    /// Selects the active alert with `key`; false when there is none.
    bool selectAlert(const QString &key);
    /// The fix T-SQL of the selected alert.
    QString currentFixSql() const;
    /// Writes the selected alert's fix to `path` (QSaveFile); false on failure.
    bool saveFixTo(const QString &path) const;
    /// What the selected alert offers to open (buttons below the fix); none until set.
    void setActionProvider(std::function<QList<AlertAction>(const Alert &)> provider);

    /// The alert log's widget (newest entry first).
    const QTreeWidget *logView() const { return m_log; }
    /// The list of active alerts (one row per alert key).
    const QListWidget *listView() const { return m_list; }
    /// "Clean up…", shown for an endpoint-leak alert.
    QPushButton *cleanupButton() const { return m_cleanup; }

Q_SIGNALS:
    /// The number of active alerts changed (for a tab badge).
    void activeCountChanged(int count);
    /// An alert's action button was clicked (Messages…, Triage…).
    void actionRequested(const bs::AlertAction &action);
    /// "Clean up…" on an endpoint-leak alert: the guided cleanup for its service pair.
    void cleanupRequested(const QString &localService, const QString &farService);

private:
    enum Role { KeyRole = Qt::UserRole, SeverityRole };
    void updateList(const QString &selectedKey);
    void updateLog(const QList<AlertLogEntry> &log);
    void showSelected();
    void copyFix();
    void saveFix();
    void showActions(const Alert *alert);

    QList<Alert> m_active;
    QListWidget *m_list;
    QLabel *m_title;
    QLabel *m_seen;
    QLabel *m_why;
    QPlainTextEdit *m_fix;
    QPushButton *m_copy;
    QPushButton *m_save;
    QPushButton *m_cleanup = nullptr;
    QTreeWidget *m_log;
    QHBoxLayout *m_actionRow = nullptr;
    QList<QPushButton *> m_actionButtons;
    std::function<QList<AlertAction>(const Alert &)> m_actionProvider;
};

} // namespace bs
