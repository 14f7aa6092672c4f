#include "cli/commandline.h"
#include "graph/graphvizversion.h"
#include "ui/graph/brokergraphpage.h"
#include "ui/graph/brokergraphview.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QIcon>
#include <QCommandLineParser>
#include <QCoreApplication>

#include <memory>

namespace {

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("BrokerStudio"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("brokerstudio.example"));
    QCoreApplication::setApplicationName(QStringLiteral("broker-studio"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BS_VERSION));
}

bool wantsHeadless(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const QLatin1String a(argv[i]);
        if (a == QLatin1String("--version") || a == QLatin1String("-v") || a == QLatin1String("--help")
            || a == QLatin1String("-h"))
            return true;
    }
    // A first argument that is not an option is a subcommand.
    return argc > 1 && argv[1][0] != '-';
}

} // namespace

int main(int argc, char **argv)
{
    if (wantsHeadless(argc, argv)) {
        // No display needed: headless commands run on a QCoreApplication.
        QCoreApplication app(argc, argv);
        setIdentity();
        if (auto code = bs::cli::runHeadless(QCoreApplication::arguments()))
            return *code;
        QCommandLineParser parser;
        parser.setApplicationDescription(QStringLiteral(
            "Broker Studio: design, monitor and simulate SQL Server Service Broker messaging.\n"
            "Commands: catalog, simulate, generate (run 'broker-studio <command> --help')."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.process(app);
        return 0;
    }

    QApplication app(argc, argv);
    setIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("Broker Studio"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/broker-studio.svg")));
    // Lets Wayland and the desktop match the window to the menu entry and its icon.
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.brokerstudio.BrokerStudio"));
    // The first call creates a Graphviz context; do it before any layout thread starts.
    bs::graphvizVersion();
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Broker Studio: design, monitor and simulate SQL Server Service Broker messaging.\n"
        "Without arguments it opens on the simulated demo broker."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption exitWhenReady(
        QStringLiteral("exit-when-ready"),
        QStringLiteral("Quit as soon as the catalog is shown and the graph is drawn (smoke tests, start-up timing)."));
    parser.addOption(exitWhenReady);
    parser.process(app);

    bs::MainWindow window;
    if (parser.isSet(exitWhenReady)) {
        QObject::connect(window.graphPage()->view(), &bs::BrokerGraphView::layoutFinished, &app,
                         [&window](bool ok) {
                             window.grab(); // the first full paint
                             QCoreApplication::exit(ok ? 0 : 1);
                         });
    }
    window.openDemo();
    window.show();
    return app.exec();
}
