// Times as text, in UTC.
#include "core/clock.h"

#include <ctime>

namespace wharf {

std::string FormatUtc(int64_t micros, const char* format) {
  const std::time_t seconds = static_cast<std::time_t>(micros / 1000000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[64];
  const size_t length = std::strftime(text, sizeof text, format, &utc);
  return std::string(text, length);
}

Result<int64_t> ParseUtcTime(const std::string& text) {
  std::tm parts{};
  const char* end = strptime(text.c_str(), "%Y-%m-%dT%H:%M:%S", &parts);
  if (end == nullptr) {
    parts = {};
    end = strptime(text.c_str(), "%Y-%m-%d", &parts);
  }
  if (end == nullptr || (*end != '\0' && std::string(end) != "Z")) {
    return Status::InvalidArgument("'" + text + "' is not a UTC time like 2026-11-29T06:00:00Z or a date like 2026-11-29");
  }
  return static_cast<int64_t>(timegm(&parts)) * 1000000;
}

}  // namespace wharf
