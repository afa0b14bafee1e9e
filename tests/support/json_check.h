// A strict little JSON reader for tests: checks that wharf's output is valid JSON and gives back
// the decoded values to compare (strings decoded to UTF-8, \u escapes and surrogate pairs too).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace wharf::testing {

struct JsonValue {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject } kind = Kind::kNull;
  bool boolean = false;
  std::string text;  // number literal or decoded string
  std::vector<JsonValue> items;
  std::vector<std::pair<std::string, JsonValue>> members;

  const JsonValue& operator[](size_t i) const { return items.at(i); }
  const JsonValue& operator[](const std::string& key) const;
  bool has(const std::string& key) const;
};

// Parses exactly one JSON document; throws std::runtime_error with the offset on bad input.
JsonValue ParseJson(std::string_view text);

}  // namespace wharf::testing
