#include "graph/graphvizversion.h"

#include <gvc.h>

namespace bs {

QString graphvizVersion()
{
    static const QString version = [] {
        GVC_t *context = gvContext();
        if (!context)
            return QString();
        const QString text = QString::fromUtf8(gvcVersion(context));
        gvFreeContext(context);
        return text;
    }();
    return version;
}

} // namespace bs
