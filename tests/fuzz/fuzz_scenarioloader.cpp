// libFuzzer target for the scenario loader: any bytes give either a scenario or an error that
// names a field, never a crash, a hang or both.
#include "core/sim/scenarioloader.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    const auto scenario = bs::sim::ScenarioLoader::fromJson(text, &error);
    if (scenario.has_value() == !error.isEmpty())
        __builtin_trap();
    // The position finder walks raw text; give it paths that do and do not exist.
    (void)bs::sim::ScenarioLoader::locate(text, QStringLiteral("workloads[0].pattern.pool"));
    (void)bs::sim::ScenarioLoader::locate(text, QStringLiteral("topology.queues[1].activation"));
    (void)bs::sim::ScenarioLoader::locate(text, QStringLiteral("a[9999].b.c"));
    return 0;
}
