#pragma once

#include "core/alerts/alertrule.h"

namespace bs {

/// Every threshold of the alert rules, declared once (key, label, unit, range, default, tooltip)
/// with where its value lives in AlertSettings. Rules name the ones they read; Settings,
/// Preferences and the agent reach them through AlertRuleRegistry::thresholds().
namespace AlertThresholds {
AlertThreshold leakWindowSamples();
AlertThreshold leakMinIncrease();
AlertThreshold steadyPercent();
AlertThreshold depthGrowthSamples();
AlertThreshold depthMinIncrease();
AlertThreshold backlogWindowSamples();
AlertThreshold backlogMinIncrease();
AlertThreshold notifiedStuckSeconds();
AlertThreshold transmissionAgeSeconds();
AlertThreshold neverExpiringMinCount();
AlertThreshold activationErrorSamples();
AlertThreshold leakCriticalCount();
AlertThreshold backlogCriticalDepth();
} // namespace AlertThresholds

} // namespace bs
