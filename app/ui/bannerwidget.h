#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace bs {

/// A message bar across the top of a page: what is wrong (or notable), the detail, and,
/// when there is one, the T-SQL that fixes it with a Copy button. Nothing is ever run from here.
class BannerWidget : public QFrame
{
    Q_OBJECT
public:
    enum class Level { Info, Warning, Error };

    explicit BannerWidget(QWidget *parent = nullptr);

    void showMessage(Level level, const QString &title, const QString &detail, const QString &sql = {});
    QString title() const;
    QString sql() const { return m_sql; }
    Level level() const { return m_level; }

private:
    Level m_level = Level::Info;
    QString m_sql;
    QLabel *m_icon;
    QLabel *m_text;
    QPushButton *m_copy;
    QPushButton *m_close;
};

} // namespace bs
