#pragma once

#include "core/check/healthinput.h"

#include <QString>

namespace bs::test {

/// A healthy database for the health-check tests: an initiator and a target service with a
/// contract, activation procedures that end on EndDialog and log Error, a windowed enqueue
/// procedure, and every fact read. No rule may fire on it.
HealthInput healthyInput();
/// The healthy input with one defect applied (see the names in checkfixture.cpp); false when the
/// name is unknown.
bool applyDefect(const QString &defect, HealthInput *input);
/// Every name a defect can have, for the clean-fixture test.
QStringList defectNames();

} // namespace bs::test
