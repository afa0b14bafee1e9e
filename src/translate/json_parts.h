// Pieces of the JSON documents that X12 and EDIFACT share: delimiters and envelope segments.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/output_buffer.h"
#include "json/json_text.h"
#include "tokenize/tape.h"

namespace wharf {

inline constexpr uint32_t kNoTapeSegment = UINT32_MAX;  // x12::kNoSegment, edifact::kNoSegment

// "key":"c" (the delimiter and its multi-byte suffix), or "key":null when there is none.
void AppendDelimiter(JsonWriter& json, std::string_view key, std::optional<char> delimiter,
                     std::string_view suffix = {});
// "source":{"file":...,"offset":...,"length":...,"interchange":n}: where the interchange was read.
void AppendSource(JsonWriter& json, std::string_view file, uint64_t offset, uint64_t length, uint32_t ordinal);
// "key":[segment as an array], or "key":null for kNoTapeSegment (a missing trailer).
void AppendEnvelopeSegment(JsonWriter& json, OutputBuffer& out, std::string_view key, const Tape& tape, uint32_t index);

}  // namespace wharf
