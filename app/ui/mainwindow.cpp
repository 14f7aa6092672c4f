#include "ui/mainwindow.h"

#include "core/samplecatalog.h"
#include "data/staticbrokersource.h"

namespace bs {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(QStringLiteral("Broker Studio"));
    resize(1280, 800);
}

MainWindow::~MainWindow() = default;

void MainWindow::openDemo()
{
    openSource(new StaticBrokerSource(sampleCatalog(), tr("Demo broker (sample catalog)")));
}

void MainWindow::openSource(BrokerSource *source)
{
    delete m_source;
    m_source = source;
    m_source->setParent(this);
    m_source->loadCatalog();
}

} // namespace bs
