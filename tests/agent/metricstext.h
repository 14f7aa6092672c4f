#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QRegularExpression>
#include <QString>

#include <optional>

namespace bs::test {

/// A scrape in the Prometheus text format, read back for assertions: HELP/TYPE per family and
/// the value of each series (labels as written).
struct MetricsText
{
    QHash<QString, QString> help;
    QHash<QString, QString> type;
    QList<std::pair<QString, double>> series; ///< "name{labels}" -> value, in order

    static MetricsText parse(const QByteArray &text)
    {
        MetricsText m;
        static const QRegularExpression meta(QStringLiteral("^# (HELP|TYPE) (\\S+) (.*)$"));
        static const QRegularExpression sample(QStringLiteral("^(\\S+?(?:\\{.*\\})?) (\\S+)$"));
        for (const QString &line : QString::fromUtf8(text).split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            if (const auto mm = meta.match(line); mm.hasMatch()) {
                (mm.captured(1) == QLatin1String("HELP") ? m.help : m.type).insert(mm.captured(2), mm.captured(3));
            } else if (const auto sm = sample.match(line); sm.hasMatch()) {
                m.series.append({sm.captured(1), sm.captured(2).toDouble()});
            }
        }
        return m;
    }
    static QString familyOf(const QString &series)
    {
        const qsizetype brace = series.indexOf(QLatin1Char('{'));
        return brace < 0 ? series : series.left(brace);
    }
    /// The first series of `name` whose label text contains every one of `labels` (`target="x"`).
    std::optional<double> value(const QString &name, const QStringList &labels = {}) const
    {
        for (const auto &[s, v] : series) {
            if (familyOf(s) != name)
                continue;
            if (std::all_of(labels.cbegin(), labels.cend(), [&](const QString &l) { return s.contains(l); }))
                return v;
        }
        return std::nullopt;
    }
    qsizetype count(const QString &name, const QStringList &labels = {}) const
    {
        qsizetype n = 0;
        for (const auto &[s, v] : series) {
            if (familyOf(s) == name && std::all_of(labels.cbegin(), labels.cend(), [&](const QString &l) { return s.contains(l); }))
                ++n;
        }
        return n;
    }
};

} // namespace bs::test
