#include "core/check/sqlmodule.h"

#include "core/sqlquote.h"

namespace bs {

QString SqlModule::qualifiedName() const
{
    return quoteIdentifier(schema) + u'.' + quoteIdentifier(name);
}

} // namespace bs
