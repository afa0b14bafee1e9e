// Translation of an X12 interchange to JSON: one document per interchange.
//
// Shape (documented in README.md, "JSON output"): envelope segments and every segment of a
// transaction set are arrays whose first item is the segment ID; a simple element is a string, a
// composite is an array of component strings, and a repeated element is an array of repetitions,
// each an array of components. Groups and sets nest as the envelopes do. Values are written as
// read (ISA padding kept); convenience fields (sender, receiver, control numbers) are trimmed.
#pragma once

#include <string_view>

#include "core/output_buffer.h"
#include "x12/reader.h"

namespace wharf {

// Appends `interchange` as one line of JSON (without the newline). `source_name` names the input
// file in the document's "source".
void AppendInterchangeJson(const x12::Interchange& interchange, std::string_view source_name, OutputBuffer& out);

// Appends one tape segment as a JSON array (exposed for tests and benchmarks).
void AppendSegmentJson(const Tape& tape, uint32_t segment_index, OutputBuffer& out);

}  // namespace wharf
