#pragma once

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

namespace bs {

/// Fills the named placeholders of a T-SQL template. The only way values enter generated
/// scripts: identifiers through bs::quoteIdentifier, strings through bs::quoteLiteral,
/// numbers as digits. Syntax:
///   {{Name}}            the value, quoted by its kind
///   {{Name:literal}}    an identifier's name as a string literal (for catalog look-ups,
///                       TO SERVICE, ...)
///   {{#if Flag}} / {{#else}} / {{#endif}}   on lines of their own; nest freely
///   {{> folder/name}}   on a line of its own: the partial <partial directory>/folder/name.sql,
///                       rendered in place with the same values and flags; its {{#if}}
///                       blocks close inside it; read and checked in a branch not taken
///                       too; the tag's indentation is not added to the partial's lines
/// A placeholder that follows `--` on its template line is in a comment: its value (quoted by
/// its kind as above) goes through bs::commentText, so a line break, a bidi override or `*/` in
/// a name shows as an escape instead of ending the comment.
/// An unknown placeholder or flag is an error anywhere, also in a branch not taken; a
/// placeholder with an empty value is an error where it is used. So is a malformed tag, a
/// partial that is missing, and a partial that includes itself (directly or not).
class TemplateEngine
{
public:
    void setIdentifier(const QString &name, const QString &identifier);
    void setLiteral(const QString &name, const QString &value);
    void setNumber(const QString &name, qint64 value);
    /// Fixed text chosen by the generator itself (titles, version); never user input.
    /// Rejected at render time when it contains a line break.
    void setTrustedText(const QString &name, const QString &text);
    void setFlag(const QString &name, bool value);
    /// Where {{> name}} finds name.sql (a folder or a resource path such as ":/sql/patterns").
    void setPartialDirectory(const QString &directory);

    /// The filled template, or an empty string with *error set ("line N: ...").
    QString render(const QString &templateText, QString *error) const;

    /// Flags the last render() evaluated and placeholders it filled (branches taken only).
    QSet<QString> usedNames() const { return m_used; }

private:
    enum class Kind { Identifier, Literal, Number, Text };
    struct Value
    {
        Kind kind;
        QString text;
    };

    bool renderText(const QString &text, bool active, QStringList &partialChain, QString &out,
                    QString *error) const;
    bool renderPartial(const QString &name, bool active, QStringList &partialChain, QString &out,
                       QString *error) const;
    QString renderLine(const QString &line, int lineNumber, bool active, QString *error) const;

    QHash<QString, Value> m_values;
    QHash<QString, bool> m_flags;
    QString m_partialDirectory;
    mutable QSet<QString> m_used;
};

} // namespace bs
