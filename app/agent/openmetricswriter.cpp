#include "agent/openmetricswriter.h"

#include <QList>

#include <cmath>

namespace bs {

namespace {

bool endsWith(const std::string &s, const char *suffix)
{
    const std::string x(suffix);
    return s.size() > x.size() && s.compare(s.size() - x.size(), x.size(), x) == 0;
}

// Label values and HELP texts: the escapes of the OpenMetrics ABNF (escaped-char).
void appendEscaped(QByteArray &out, const std::string &text)
{
    for (const char c : text) {
        switch (c) {
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '"': out += "\\\""; break;
        default: out += c;
        }
    }
}

void appendNumber(QByteArray &out, double v)
{
    if (std::isnan(v))
        out += "NaN";
    else if (std::isinf(v))
        out += v > 0 ? "+Inf" : "-Inf";
    else if (v == std::floor(v) && std::fabs(v) < 9007199254740992.0)
        out += QByteArray::number(qint64(v));
    else
        out += QByteArray::number(v, 'g', 17);
}

double valueOf(const prometheus::MetricFamily &family, const prometheus::ClientMetric &m)
{
    switch (family.type) {
    case prometheus::MetricType::Counter: return m.counter.value;
    case prometheus::MetricType::Gauge: return m.gauge.value;
    case prometheus::MetricType::Untyped: return m.untyped.value;
    default: return std::nan("");
    }
}

const char *typeName(const prometheus::MetricFamily &family)
{
    if (OpenMetricsWriter::isInfo(family))
        return "info";
    switch (family.type) {
    case prometheus::MetricType::Counter: return "counter";
    case prometheus::MetricType::Gauge: return "gauge";
    default: return "unknown";
    }
}

struct MediaRange
{
    QByteArray type;
    double quality = 1.0;
};

QList<MediaRange> parseAccept(const QByteArray &accept)
{
    QList<MediaRange> out;
    for (const QByteArray &item : accept.split(',')) {
        const QList<QByteArray> parts = item.split(';');
        MediaRange range;
        range.type = parts.first().trimmed().toLower();
        for (qsizetype i = 1; i < parts.size(); ++i) {
            const QByteArray p = parts.at(i).trimmed();
            if (p.startsWith("q=")) {
                bool ok = false;
                const double q = p.mid(2).toDouble(&ok);
                range.quality = ok ? q : 0.0;
            }
        }
        if (!range.type.isEmpty())
            out.append(range);
    }
    return out;
}

} // namespace

bool OpenMetricsWriter::isInfo(const prometheus::MetricFamily &family)
{
    if (family.type != prometheus::MetricType::Gauge || !endsWith(family.name, "_info"))
        return false;
    for (const prometheus::ClientMetric &m : family.metric) {
        if (m.gauge.value != 1.0)
            return false;
    }
    return true;
}

std::string OpenMetricsWriter::familyName(const prometheus::MetricFamily &family)
{
    if (family.type == prometheus::MetricType::Counter && endsWith(family.name, "_total"))
        return family.name.substr(0, family.name.size() - 6);
    if (isInfo(family))
        return family.name.substr(0, family.name.size() - 5);
    return family.name;
}

QByteArray OpenMetricsWriter::write(const std::vector<prometheus::MetricFamily> &families)
{
    QByteArray out;
    for (const prometheus::MetricFamily &family : families) {
        if (family.type == prometheus::MetricType::Summary || family.type == prometheus::MetricType::Histogram)
            return {};
        const std::string name = familyName(family);
        // A counter's samples are <family>_total, an info's <family>_info, others the family name.
        const std::string sample = family.type == prometheus::MetricType::Counter ? name + "_total"
            : isInfo(family)                                                      ? name + "_info"
                                                                                  : name;
        out += "# TYPE ";
        out += QByteArray::fromStdString(name);
        out += ' ';
        out += typeName(family);
        out += '\n';
        if (!family.help.empty()) {
            out += "# HELP ";
            out += QByteArray::fromStdString(name);
            out += ' ';
            appendEscaped(out, family.help);
            out += '\n';
        }
        for (const prometheus::ClientMetric &m : family.metric) {
            out += QByteArray::fromStdString(sample);
            if (!m.label.empty()) {
                out += '{';
                for (size_t i = 0; i < m.label.size(); ++i) {
                    if (i > 0)
                        out += ',';
                    out += QByteArray::fromStdString(m.label[i].name);
                    out += "=\"";
                    appendEscaped(out, m.label[i].value);
                    out += '"';
                }
                out += '}';
            }
            out += ' ';
            appendNumber(out, valueOf(family, m));
            if (m.timestamp_ms != 0) {
                out += ' ';
                out += QByteArray::number(double(m.timestamp_ms) / 1000.0, 'f', 3);
            }
            out += '\n';
        }
    }
    out += "# EOF\n";
    return out;
}

QByteArray OpenMetricsWriter::contentType()
{
    return QByteArrayLiteral("application/openmetrics-text; version=1.0.0; charset=utf-8");
}

ExpositionFormat OpenMetricsWriter::negotiate(const QByteArray &accept)
{
    double openMetrics = 0.0;
    double text = 0.0;
    for (const MediaRange &r : parseAccept(accept)) {
        if (r.type == "application/openmetrics-text")
            openMetrics = std::max(openMetrics, r.quality);
        else if (r.type == "text/plain")
            text = std::max(text, r.quality);
    }
    return openMetrics > 0.0 && openMetrics >= text ? ExpositionFormat::OpenMetrics : ExpositionFormat::PrometheusText;
}

} // namespace bs
