#include "ui/ops/xmlhighlighter.h"

#include <QRegularExpression>

namespace bs {

void XmlHighlighter::highlightBlock(const QString &text)
{
    // Display only: the text shown was produced by QXmlStreamWriter, so these patterns see
    // well-formed markup; nothing is parsed with them.
    static const QRegularExpression tag(QStringLiteral("</?[\\w:.-]+|/?>"));
    static const QRegularExpression attribute(QStringLiteral("([\\w:.-]+)=(\"[^\"]*\")"));
    static const QRegularExpression comment(QStringLiteral("<!--.*?-->"));
    QTextCharFormat tagFormat;
    tagFormat.setForeground(QColor(0x1f, 0x4e, 0x9e));
    tagFormat.setFontWeight(QFont::Bold);
    QTextCharFormat nameFormat;
    nameFormat.setForeground(QColor(0x8a, 0x3f, 0x00));
    QTextCharFormat valueFormat;
    valueFormat.setForeground(QColor(0x1b, 0x7a, 0x2e));
    QTextCharFormat commentFormat;
    commentFormat.setForeground(Qt::gray);
    for (auto it = tag.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        setFormat(int(m.capturedStart()), int(m.capturedLength()), tagFormat);
    }
    for (auto it = attribute.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        setFormat(int(m.capturedStart(1)), int(m.capturedLength(1)), nameFormat);
        setFormat(int(m.capturedStart(2)), int(m.capturedLength(2)), valueFormat);
    }
    for (auto it = comment.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        setFormat(int(m.capturedStart()), int(m.capturedLength()), commentFormat);
    }
}

} // namespace bs
