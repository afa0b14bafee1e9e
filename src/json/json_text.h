// JSON text output: string escaping and a small comma-managing writer.
//
// Contract: AppendJsonString always writes valid, pure-ASCII JSON: control characters, quotes and
// backslashes are escaped, a valid UTF-8 sequence becomes its \uXXXX escape (a surrogate pair
// above U+FFFF), and a byte that is not part of valid UTF-8 is read as Latin-1 (\u00XX), so any
// input bytes give a document every JSON parser accepts and no byte is lost.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/output_buffer.h"

namespace wharf {

// Appends `bytes` as a quoted JSON string.
void AppendJsonString(OutputBuffer& out, std::string_view bytes);

// The hot-path form: writes `bytes` as a quoted JSON string at `out` and returns the end.
// `bytes` must lie in a padded buffer (16 bytes readable past its end, see PaddedBuffer) and
// `out` must have room for 6 * bytes.size() + 18 bytes (every byte may become "\u00XX", and
// whole 16-byte blocks are stored).
char* WriteJsonStringFromPadded(char* out, const char* bytes, size_t length);

// Builds one JSON document into a string; commas and nesting are tracked for the caller.
class JsonWriter {
 public:
  explicit JsonWriter(OutputBuffer& out) : out_(out) {}

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  void Key(std::string_view key);
  void String(std::string_view value);
  void Number(uint64_t value);
  void Null();
  void Bool(bool value);
  // Announces a value the caller writes straight into the output string (after a key, or as an
  // array item), so the next comma still lands where it belongs.
  void RawValue() { BeforeValue(); }

 private:
  void BeforeValue();
  void Open(char bracket);
  void Close(char bracket);

  OutputBuffer& out_;
  std::vector<bool> first_in_scope_{true};
  bool after_key_ = false;
};

}  // namespace wharf
