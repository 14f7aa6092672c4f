#pragma once

#include "core/catalog.h"
#include "core/ops/operation.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace bs {

/// Asks what test message to send: from a local service to a service (local or typed) on a
/// contract and one of its message types the initiator may send, the body typed (UTF-16LE or
/// UTF-8) or loaded from a file, ENCRYPTION and whether to END the dialog afterwards. The body
/// is checked against the message type's VALIDATION as the user types (OperationRegistry::
/// validate, the check the statement is made with); Preview stays disabled with the reason. A
/// file over MaxTestMessageBytes is refused from its size, before it is read.
class SendMessageDialog : public QDialog
{
    Q_OBJECT
public:
    SendMessageDialog(const BrokerCatalog &catalog, QWidget *parent = nullptr);

    /// The operation as chosen so far (kind SendMessage).
    Operation operation() const;
    /// Loads the body from `path`; false with the reason shown when it is too big or unreadable.
    bool loadBody(const QString &path);

    QComboBox *fromBox() const { return m_from; }
    QComboBox *toBox() const { return m_to; }
    QComboBox *contractBox() const { return m_contract; }
    QComboBox *typeBox() const { return m_type; }
    QPlainTextEdit *bodyEdit() const { return m_body; }
    QCheckBox *endAfterBox() const { return m_endAfter; }
    QLabel *problemLabel() const { return m_problem; }
    QPushButton *previewButton() const { return m_preview; }

private:
    void fillContracts();
    void fillTypes();
    void check();

    BrokerCatalog m_catalog;
    QComboBox *m_from;
    QComboBox *m_to;
    QComboBox *m_contract;
    QComboBox *m_type;
    QComboBox *m_encoding;
    QLabel *m_validation = nullptr;
    QPlainTextEdit *m_body;
    QPushButton *m_load;
    QPushButton *m_clearFile;
    QCheckBox *m_encryption;
    QCheckBox *m_endAfter;
    QLabel *m_problem;
    QPushButton *m_preview;
    QByteArray m_fileBody; ///< the loaded file's bytes, sent as they are
    QString m_fileName;    ///< empty: the body is the typed text
};

} // namespace bs
