#include "agent/yamlwriter.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace bs {

QString YamlWriter::quoted(const QString &value)
{
    // A JSON string is a valid YAML double-quoted scalar; QJsonDocument escapes quotes,
    // backslashes and control characters.
    const QByteArray json = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2));
}

void YamlWriter::comment(const QString &text)
{
    QString t = text;
    t.replace(QLatin1Char('\n'), QLatin1Char(' '));
    m_text += QStringLiteral("# ") + t + QLatin1Char('\n');
}

void YamlWriter::line(int indent, const QString &text)
{
    m_text += QString(indent, QLatin1Char(' ')) + text + QLatin1Char('\n');
}

void YamlWriter::list(int indent, const QString &key, const QStringList &items)
{
    QStringList q;
    for (const QString &i : items)
        q.append(quoted(i));
    line(indent, key + QStringLiteral(": [") + q.join(QStringLiteral(", ")) + QLatin1Char(']'));
}

void YamlWriter::block(int indent, const QString &key, const QString &text)
{
    line(indent, key + QStringLiteral(": |"));
    const QString pad(indent + 2, QLatin1Char(' '));
    QString body = text;
    body.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    const QStringList lines = body.trimmed().split(QLatin1Char('\n'));
    for (const QString &l : lines) {
        QString trimmed = l;
        while (trimmed.endsWith(QLatin1Char(' ')) || trimmed.endsWith(QLatin1Char('\t')))
            trimmed.chop(1);
        m_text += trimmed.isEmpty() ? QStringLiteral("\n") : pad + trimmed + QLatin1Char('\n');
    }
}

} // namespace bs
