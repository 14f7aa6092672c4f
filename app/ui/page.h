#pragma once

#include <QList>
#include <QObject>
#include <QString>

namespace bs {

class BrokerSource;

/// A tab of the main window, as the window drives it: View > Zoom, File > Export (the formats it
/// offers and the export itself) and the source it shows. MainWindow talks to its tabs through
/// this interface only, so a new kind of tab needs no change there.
class Page
{
public:
    /// One format File > Export offers: the file suffix and the dialog's filter text.
    struct ExportFormat
    {
        QString suffix; ///< "csv", "png", "svg"
        QString filter; ///< "Charts as PNG image (*.png)"
    };

    virtual ~Page() = default;

    /// The source this tab shows; nullptr for a tab that shows the window's current source.
    virtual BrokerSource *pageSource() const = 0;
    /// View > Zoom In / Zoom Out.
    virtual void zoomPage(bool in) = 0;
    /// What the exported file is called after the database ("monitor", "graph").
    virtual QString exportName() const = 0;
    /// The formats, the default first.
    virtual QList<ExportFormat> exportFormats() const = 0;
    /// Writes the tab to `path`; its suffix says the format (one of exportFormats()).
    virtual bool exportTo(const QString &path, QString *error = nullptr) = 0;
};

} // namespace bs

#define BS_PAGE_IID "org.brokerstudio.Page/1.0"
Q_DECLARE_INTERFACE(bs::Page, BS_PAGE_IID)
