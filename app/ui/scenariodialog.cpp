#include "ui/scenariodialog.h"

#include "core/sim/scenarioloader.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace bs {

ScenarioDialog::ScenarioDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Open Simulation Scenario"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Each scenario runs as its own simulated broker, with its own monitor tab and history. "
                                "No server is involved."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("scenarioList"));
    for (const QString &name : sim::ScenarioLoader::builtInNames()) {
        QString error;
        const auto s = sim::ScenarioLoader::fromFile(name, &error);
        // A shipped scenario that does not load is a build defect; list it with its error anyway.
        auto *item = new QListWidgetItem(s ? s->name : name, m_list);
        item->setData(Qt::UserRole, name);
        item->setData(Qt::UserRole + 1, s ? s->description : error);
        item->setToolTip(name + QStringLiteral(".json"));
    }
    layout->addWidget(m_list, 1);

    m_description = new QLabel(this);
    m_description->setWordWrap(true);
    m_description->setMinimumHeight(fontMetrics().lineSpacing() * 5);
    m_description->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_description->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_description);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("scenarioError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->hide();
    layout->addWidget(m_error);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this);
    QPushButton *file = m_buttons->addButton(tr("From &File…"), QDialogButtonBox::ActionRole);
    file->setToolTip(tr("Open a scenario JSON file of your own (docs/scenarios.md describes the format)"));
    layout->addWidget(m_buttons);

    connect(m_list, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        m_description->setText(item ? item->data(Qt::UserRole + 1).toString() : QString());
        m_buttons->button(QDialogButtonBox::Open)->setEnabled(item != nullptr);
    });
    connect(m_list, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { choose(item->data(Qt::UserRole).toString()); });
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (QListWidgetItem *item = m_list->currentItem())
            choose(item->data(Qt::UserRole).toString());
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(file, &QPushButton::clicked, this, &ScenarioDialog::openFile);
    m_list->setCurrentRow(0);
    resize(620, 460);
}

bool ScenarioDialog::choose(const QString &nameOrPath)
{
    QString error;
    auto s = sim::ScenarioLoader::fromFile(nameOrPath, &error);
    if (!s) {
        m_error->setText(tr("This scenario could not be loaded; nothing was opened.\n%1").arg(error));
        m_error->show();
        return false;
    }
    m_error->hide();
    m_error->clear();
    m_scenario = std::move(s);
    m_builtIn = sim::ScenarioLoader::builtInNames().contains(nameOrPath);
    m_chosen = m_builtIn ? nameOrPath : QFileInfo(nameOrPath).absoluteFilePath();
    accept();
    return true;
}

QString ScenarioDialog::errorText() const
{
    return m_error->isVisible() || !m_error->text().isEmpty() ? m_error->text() : QString();
}

void ScenarioDialog::openFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Scenario File"),
                                                      QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation),
                                                      tr("Scenario files (*.json);;All files (*)"));
    if (!path.isEmpty())
        choose(path);
}

} // namespace bs
