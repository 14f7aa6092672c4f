#pragma once

#include <QDialog>

class QLabel;

namespace bs {

/// Help > About: the application's version and licence, and the versions of the components it
/// runs on (Qt, the ODBC driver manager and drivers, Qt's SQL drivers, Graphviz), which a bug
/// report needs. "Copy" puts the same facts on the clipboard as plain text.
class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(QWidget *parent = nullptr);
    ~AboutDialog() override;

    /// The component versions as plain text, one "name: value" line each (what Copy copies).
    static QString componentReport();

private:
    QLabel *m_components = nullptr;
};

} // namespace bs
