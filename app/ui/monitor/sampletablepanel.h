#pragma once

#include "core/monitorsample.h"

#include <QStringList>
#include <QWidget>

class QAbstractItemModel;
class QLabel;
class QTableView;

namespace bs {

/// A table of the current sample, or, when the parts of the sample it shows could not be read,
/// the reason and the permission to grant instead of an empty table.
class SampleTablePanel : public QWidget
{
    Q_OBJECT
public:
    /// `parts` are the sample parts the table reads ("monitor.endpoints", ...); the first is the
    /// one without which the table is hidden, the others only add a note.
    SampleTablePanel(QAbstractItemModel *model, const QStringList &parts, QWidget *parent = nullptr);

    void setSample(const MonitorSample &sample);
    QTableView *view() const { return m_view; }
    QString noticeText() const;
    bool isTableHidden() const;

private:
    QStringList m_parts;
    QLabel *m_notice;
    QTableView *m_view;
};

} // namespace bs
