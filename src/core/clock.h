// Clock: where wharf reads the time, so that tests and reproducible runs can fix it.
//
// Contract: NowMicros() is microseconds since the Unix epoch (UTC). SystemClock reads the real
// time; FixedClock always answers the same instant. Both are safe to call from many threads.
// FormatUtc and ParseUtcTime are the one place times are written and read as text.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "core/status.h"

namespace wharf {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t NowMicros() const = 0;
};

class SystemClock : public Clock {
 public:
  int64_t NowMicros() const override {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

class FixedClock : public Clock {
 public:
  explicit FixedClock(int64_t micros) : micros_(micros) {}
  int64_t NowMicros() const override { return micros_; }

 private:
  int64_t micros_;
};

// `micros` as strftime(3) writes it in UTC: FormatUtc(t, "%Y%m%d").
std::string FormatUtc(int64_t micros, const char* format);

// "2026-11-29T06:00:00Z" (or a date alone, midnight UTC) as microseconds since 1970.
Result<int64_t> ParseUtcTime(const std::string& text);

}  // namespace wharf
