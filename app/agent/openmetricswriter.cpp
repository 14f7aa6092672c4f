#include "agent/openmetricswriter.h"

#include <QList>

#include <algorithm>
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
    QByteArray version; ///< the `version` parameter, empty when absent
    double quality = 1.0;
};

// RFC 9110, section 12.5.1: media types and parameter names are case-insensitive, a parameter
// value may be a quoted string and there may be spaces around `;` and `=`.
QList<MediaRange> parseAccept(const QByteArray &accept)
{
    QList<MediaRange> out;
    for (const QByteArray &item : accept.split(',')) {
        const QList<QByteArray> parts = item.split(';');
        MediaRange range;
        range.type = parts.first().trimmed().toLower();
        for (qsizetype i = 1; i < parts.size(); ++i) {
            const qsizetype eq = parts.at(i).indexOf('=');
            if (eq < 0)
                continue;
            const QByteArray name = parts.at(i).left(eq).trimmed().toLower();
            QByteArray value = parts.at(i).mid(eq + 1).trimmed();
            if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"'))
                value = value.mid(1, value.size() - 2);
            if (name == "q") {
                bool ok = false;
                const double q = value.toDouble(&ok);
                range.quality = ok ? std::clamp(q, 0.0, 1.0) : 0.0;
            } else if (name == "version") {
                range.version = value;
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
        // Only versions this writer produces: OpenMetrics 1.0.0 (Prometheus also asks for 0.0.1,
        // which 1.0.0 text satisfies) and text 0.0.4; a range without a version takes either.
        if (r.type == "application/openmetrics-text"
            && (r.version.isEmpty() || r.version == "1.0.0" || r.version == "0.0.1"))
            openMetrics = std::max(openMetrics, r.quality);
        else if (r.type == "text/plain" && (r.version.isEmpty() || r.version == "0.0.4"))
            text = std::max(text, r.quality);
    }
    return openMetrics > 0.0 && openMetrics >= text ? ExpositionFormat::OpenMetrics : ExpositionFormat::PrometheusText;
}

} // namespace bs
