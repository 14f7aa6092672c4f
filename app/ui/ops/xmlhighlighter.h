#pragma once

#include <QSyntaxHighlighter>

namespace bs {

/// Colours XML: tags, attribute names, attribute values, comments.
class XmlHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    using QSyntaxHighlighter::QSyntaxHighlighter;

protected:
    void highlightBlock(const QString &text) override;
};

} // namespace bs
