#pragma once

#include <QString>

namespace bs {

/// One tunable threshold of a rule (an alert rule of the monitor or a rule of the health check),
/// declared once by the rule: Settings stores it under `key`, the Preferences dialog shows it with
/// `label`, `unit`, the range and `toolTip`, and generated artefacts (Prometheus rules, docs) read
/// the same declaration. Values are doubles; `decimals` = 0 means a whole number.
struct ThresholdSpec
{
    QString key;     ///< stable settings key, e.g. "leakMinIncrease"; never renamed once shipped
    QString label;   ///< "Minimum growth"
    QString unit;    ///< "endpoints", "samples", "seconds", "%"
    double minimum = 0;
    double maximum = 0;
    double defaultValue = 0;
    int decimals = 0;
    QString toolTip; ///< what the threshold means in Service Broker terms

    bool operator==(const ThresholdSpec &) const = default;
};

} // namespace bs
