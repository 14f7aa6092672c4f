#pragma once

#include <QMainWindow>

namespace bs {

class BrokerSource;

/// The application window: explorer, graph and properties for one broker source.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Opens the built-in demo broker (no server needed).
    void openDemo();
    /// Takes ownership of the source and shows its catalog.
    void openSource(BrokerSource *source);

private:
    BrokerSource *m_source = nullptr;
};

} // namespace bs
