#pragma once

#include "core/design/designedit.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace bs {

/// One editable property of a design object: what the property editor shows (label, a tooltip that
/// explains the option in Service Broker terms) and how it is checked.
struct DesignProperty
{
    enum class Type { Text, Bool, Int, Choice };
    ObjectKind kind = ObjectKind::None;
    QString key;
    QString label;
    QString tooltip;
    Type type = Type::Text;
    int minimum = 0;
    int maximum = 0;
    QStringList choices;
};

/// The registry of design object properties: one entry per property (the property editor, the
/// undoable "change property" command and the tests iterate it).
class DesignProperties
{
public:
    static const QList<DesignProperty> &all();
    static QList<DesignProperty> forKind(ObjectKind kind);
    static const DesignProperty *find(ObjectKind kind, const QString &key);
    static QVariant get(const DesignObject &object, const QString &key);
    /// Sets a property on the value; returns why the value is refused (and leaves it unchanged).
    static QString set(DesignObject &object, const QString &key, const QVariant &value);
};

} // namespace bs
