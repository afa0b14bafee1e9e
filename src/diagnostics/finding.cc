// Finding labels.
#include "diagnostics/finding.h"

#include <algorithm>

namespace wharf {

std::string_view AckLevelName(AckLevel level, Standard standard) {
  if (standard == Standard::kEdifact) {
    switch (level) {
      case AckLevel::kNone: return "WHARF";
      case AckLevel::kTa1: return "UCI";
      case AckLevel::kAk9: return "UCF";
      case AckLevel::kAk5: return "UCM";
      case AckLevel::kAk3: return "UCS";
      case AckLevel::kAk4: return "UCD";
    }
  }
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
  std::string label(AckLevelName(level, standard));
  label += '-';
  label += code;
  return label;
}

bool HasErrors(const Findings& findings) {
  return std::any_of(findings.begin(), findings.end(), [](const Finding& f) { return f.is_error(); });
}

std::string QuoteValue(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "'";
  for (char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte >= 0x7F) {
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    } else {
      out += c;
    }
  }
  out += "'";
  return out;
}

}  // namespace wharf
