#pragma once

#include <prometheus/metric_family.h>

#include <QByteArray>

#include <vector>

namespace bs {

/// The exposition formats /metrics can answer in, chosen from the scraper's Accept header.
enum class ExpositionFormat {
    PrometheusText, ///< text format 0.0.4 (prometheus-cpp's TextSerializer)
    OpenMetrics,    ///< OpenMetrics 1.0.0 text (OpenMetricsWriter)
};

/// Writes metric families as OpenMetrics 1.0.0 text (openmetrics.io, "OpenMetrics specification":
/// the ABNF of the text format). prometheus-cpp 1.0.1, the exposition library the agent uses,
/// has no OpenMetrics serializer and no other packaged C++ library has one, so this is the one
/// piece of exposition written here; it reads the same MetricFamily values as the text format,
/// so both formats always carry the same samples. What differs from text 0.0.4:
/// - a counter family is named without `_total` on its TYPE and HELP lines; its sample keeps it;
/// - a gauge family named `…_info` whose samples are all 1 is an `info` family (`# TYPE x info`,
///   sample `x_info`), as OpenMetrics defines for build and target information;
/// - untyped is `unknown`; HELP escapes `\`, line breaks and `"`;
/// - the exposition ends with `# EOF`.
/// Summaries and histograms are not exported by the agent and are refused (an empty result).
class OpenMetricsWriter
{
public:
    static QByteArray write(const std::vector<prometheus::MetricFamily> &families);
    static QByteArray contentType();
    /// OpenMetrics when the Accept header offers application/openmetrics-text at a quality at
    /// least that of text/plain (Prometheus's scrape header prefers it); text 0.0.4 otherwise,
    /// also for a missing or unparsable header.
    static ExpositionFormat negotiate(const QByteArray &accept);
    /// The family name OpenMetrics uses for `family` (counters without `_total`, info without `_info`).
    static std::string familyName(const prometheus::MetricFamily &family);
    static bool isInfo(const prometheus::MetricFamily &family);
};

} // namespace bs
