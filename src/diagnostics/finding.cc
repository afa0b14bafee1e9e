// Finding labels.
#include "diagnostics/finding.h"

#include <algorithm>

namespace wharf {

std::string_view AckLevelName(AckLevel level) {
  switch (level) {
    case AckLevel::kNone: return "WHARF";
    case AckLevel::kTa1: return "TA1";
    case AckLevel::kAk9: return "AK9";
    case AckLevel::kAk5: return "AK5";
    case AckLevel::kAk3: return "AK3";
    case AckLevel::kAk4: return "AK4";
  }
  return "WHARF";
}

std::string Finding::CodeLabel() const {
  std::string label(AckLevelName(level));
  label += '-';
  label += code;
  return label;
}

bool HasErrors(const Findings& findings) {
  return std::any_of(findings.begin(), findings.end(), [](const Finding& f) { return f.is_error(); });
}

}  // namespace wharf
