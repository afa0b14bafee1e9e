// File names in the wharf home.
#include "pipeline/home_layout.h"

namespace wharf::pipeline {

std::string FileSafe(std::string_view text) {
  std::string out;
  for (char c : text) {
    const bool safe = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' ||
                      c == '_' || (c == '.' && !out.empty());
    out += safe ? c : '_';
  }
  return out.empty() ? "none" : out;
}

std::string ItemName(std::string_view control, std::string_view input_tag, uint64_t offset) {
  return FileSafe(control) + "." + std::string(input_tag) + "-" + std::to_string(offset);
}

std::string PartNumber(uint32_t part) {
  std::string text = std::to_string(part);
  if (text.size() < 4) text.insert(0, 4 - text.size(), '0');
  return text;
}

}  // namespace wharf::pipeline
