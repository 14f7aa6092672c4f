#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListView;

namespace bs {

class FleetModel;
class FleetSampler;
class PrometheusFleetReader;
class Settings;

/// View > Fleet: a tile per saved connection profile (or per target of a fleet file, or per
/// target Prometheus knows), coloured by health and sorted worst first. Small fleets are sampled
/// by the app itself at a slow interval (FleetSampler, its own worker threads); with a Prometheus
/// URL the fleet is read from Prometheus's query API (PrometheusFleetReader). Double-click (or
/// Enter) on a tile of a saved profile asks to open its monitor.
class FleetView : public QWidget
{
    Q_OBJECT
public:
    enum class Mode { Profiles, FleetFile, Prometheus };

    explicit FleetView(Settings &settings, QWidget *parent = nullptr);
    ~FleetView() override;

    Mode mode() const;
    void setMode(Mode mode);
    /// Shows the targets of a fleet file; false with *error when it cannot be read.
    bool openFleetFile(const QString &path, QString *error);
    FleetModel *model() const { return m_model; }
    QListView *listView() const { return m_list; }
    QString statusText() const;

Q_SIGNALS:
    /// The user asked for the full monitor of the saved profile `name`.
    void openProfileRequested(const QString &name);

private:
    void applyMode();
    void activate(const QModelIndex &index);
    void setStatus(const QString &text);

    Settings &m_settings;
    FleetModel *m_model;
    FleetSampler *m_sampler;
    PrometheusFleetReader *m_reader;
    QComboBox *m_modeBox;
    QLineEdit *m_url;
    QListView *m_list;
    QLabel *m_status;
    QString m_fleetFile;
};

} // namespace bs
