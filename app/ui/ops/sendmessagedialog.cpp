#include "ui/ops/sendmessagedialog.h"

#include "core/ops/bodytext.h"
#include "core/ops/operationregistry.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace bs {

namespace {

const Service *serviceNamed(const BrokerCatalog &c, const QString &name)
{
    for (const Service &s : c.services) {
        if (s.name == name)
            return &s;
    }
    return nullptr;
}

} // namespace

SendMessageDialog::SendMessageDialog(const BrokerCatalog &catalog, QWidget *parent)
    : QDialog(parent)
    , m_catalog(catalog)
    , m_from(new QComboBox)
    , m_to(new QComboBox)
    , m_contract(new QComboBox)
    , m_type(new QComboBox)
    , m_encoding(new QComboBox)
    , m_body(new QPlainTextEdit)
    , m_load(new QPushButton(tr("Load from file…")))
    , m_clearFile(new QPushButton(tr("Type instead")))
    , m_encryption(new QCheckBox(tr("ENCRYPTION = ON (the server's default; OFF for a remote target without dialog security)")))
    , m_endAfter(new QCheckBox(tr("END CONVERSATION afterwards (fire and forget: the target must end its side)")))
    , m_problem(new QLabel)
{
    setWindowTitle(tr("Send a test message"));
    resize(680, 560);
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    for (const Service &s : catalog.services)
        m_from->addItem(s.name);
    m_to->setEditable(true); // a remote service is typed: TO SERVICE is a string
    for (const Service &s : catalog.services)
        m_to->addItem(s.name);
    m_to->setToolTip(tr("A local service, or the name of a remote one (compared byte by byte)."));
    m_encoding->addItem(tr("UTF-16LE (as CAST(N'…' AS varbinary(max)))"), int(BodyEncoding::Utf16));
    m_encoding->addItem(tr("UTF-8"), int(BodyEncoding::Utf8));
    form->addRow(tr("From service:"), m_from);
    form->addRow(tr("To service:"), m_to);
    form->addRow(tr("Contract:"), m_contract);
    form->addRow(tr("Message type:"), m_type);
    m_validation = new QLabel;
    m_validation->setObjectName(QStringLiteral("validation"));
    form->addRow(tr("Its validation:"), m_validation);
    form->addRow(tr("Typed text as:"), m_encoding);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Body:")));
    m_body->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_body->setPlaceholderText(tr("<task>…</task>"));
    layout->addWidget(m_body, 1);
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_load);
    fileRow->addWidget(m_clearFile);
    fileRow->addStretch();
    layout->addLayout(fileRow);
    m_clearFile->setVisible(false);
    m_encryption->setChecked(true);
    layout->addWidget(m_encryption);
    layout->addWidget(m_endAfter);
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("QLabel { color: #a33; }"));
    layout->addWidget(m_problem);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    m_preview = buttons->addButton(tr("Preview T-SQL…"), QDialogButtonBox::AcceptRole);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    connect(m_to, &QComboBox::currentTextChanged, this, &SendMessageDialog::fillContracts);
    connect(m_contract, &QComboBox::currentTextChanged, this, &SendMessageDialog::fillTypes);
    for (QComboBox *box : {m_from, m_type, m_encoding})
        connect(box, &QComboBox::currentTextChanged, this, &SendMessageDialog::check);
    connect(m_body, &QPlainTextEdit::textChanged, this, &SendMessageDialog::check);
    connect(m_load, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Message body"));
        if (!path.isEmpty())
            loadBody(path);
    });
    connect(m_clearFile, &QPushButton::clicked, this, [this] {
        m_fileBody.clear();
        m_fileName.clear();
        m_body->setReadOnly(false);
        m_body->clear();
        m_clearFile->setVisible(false);
        check();
    });
    // A local target's queue is a better guess than the initiator's own service.
    if (m_to->count() > 1)
        m_to->setCurrentIndex(1);
    fillContracts();
}

void SendMessageDialog::fillContracts()
{
    const QString current = m_contract->currentText();
    m_contract->clear();
    // A local target accepts only the contracts it lists; for a remote one every contract is offered.
    const Service *target = serviceNamed(m_catalog, m_to->currentText());
    for (const Contract &c : m_catalog.contracts) {
        if (!target || target->contractIds.contains(c.id))
            m_contract->addItem(c.name);
    }
    if (const int i = m_contract->findText(current); i >= 0)
        m_contract->setCurrentIndex(i);
    fillTypes();
}

void SendMessageDialog::fillTypes()
{
    m_type->clear();
    for (const Contract &c : m_catalog.contracts) {
        if (c.name != m_contract->currentText())
            continue;
        for (const MessageUsage &u : c.usages) {
            if (!u.sentByInitiator)
                continue;
            for (const MessageType &t : m_catalog.messageTypes) {
                if (t.id == u.messageTypeId)
                    m_type->addItem(t.name, t.validation);
            }
        }
    }
    check();
}

bool SendMessageDialog::loadBody(const QString &path)
{
    const QFileInfo info(path);
    // The size decides before a byte is read: a 100 MiB file is refused at once.
    if (info.size() > MaxTestMessageBytes) {
        m_problem->setText(tr("%1 is %2 MiB; Broker Studio sends test messages of at most %3 MiB. Nothing was loaded.")
                               .arg(info.fileName())
                               .arg(double(info.size()) / (1024.0 * 1024.0), 0, 'f', 1)
                               .arg(MaxTestMessageBytes / (1024 * 1024)));
        return false;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_problem->setText(tr("Cannot read %1: %2").arg(info.fileName(), file.errorString()));
        return false;
    }
    m_fileBody = file.readAll();
    m_fileName = info.fileName();
    m_body->setReadOnly(true);
    m_body->setPlainText(tr("(the bytes of %1, %2 bytes, sent as they are)").arg(m_fileName).arg(m_fileBody.size()));
    m_clearFile->setVisible(true);
    check();
    return true;
}

Operation SendMessageDialog::operation() const
{
    Operation op;
    op.kind = OperationKind::SendMessage;
    op.fromService = m_from->currentText();
    op.toService = m_to->currentText();
    op.contract = m_contract->currentText();
    op.messageType = m_type->currentText();
    op.messageTypeValidation = m_type->currentData().toString();
    op.encryption = m_encryption->isChecked();
    op.endAfterSend = m_endAfter->isChecked();
    if (!m_fileName.isEmpty()) {
        op.body = m_fileBody;
    } else if (!m_body->toPlainText().isEmpty()) {
        const QString text = m_body->toPlainText();
        op.body = BodyEncoding(m_encoding->currentData().toInt()) == BodyEncoding::Utf16
            ? QByteArray(reinterpret_cast<const char *>(text.utf16()), text.size() * 2)
            : text.toUtf8();
    }
    // The initiator's queue: RECEIVE on it is what BEGIN DIALOG needs (the permission checked).
    if (const Service *from = serviceNamed(m_catalog, op.fromService)) {
        for (const Queue &q : m_catalog.queues) {
            if (q.objectId == from->queueId)
                op.queue = {q.schema, q.name};
        }
    }
    return op;
}

void SendMessageDialog::check()
{
    const QString validation = m_type->currentData().toString();
    m_validation->setText(validation == QLatin1String("X")   ? tr("WELL_FORMED_XML (or a schema collection): the body is checked as XML")
                          : validation == QLatin1String("E") ? tr("EMPTY: the message has no body")
                          : validation == QLatin1String("N") ? tr("NONE: any bytes")
                                                             : QString());
    m_encoding->setEnabled(m_fileName.isEmpty());
    const QString problem = OperationRegistry::validate(operation());
    m_problem->setText(problem);
    m_preview->setEnabled(problem.isEmpty());
}

} // namespace bs
