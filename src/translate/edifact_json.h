// Translation of a UN/EDIFACT interchange to JSON: one document per interchange.
//
// Shape (README.md, "JSON output"): the same conventions as X12 — every segment an array whose
// first item is its tag, a simple element a string, a composite an array of components, a
// repeated element (syntax 4) an array of repetitions — with release characters resolved, so
// "?+" in the data is "+" in the JSON. Envelope fields are named after EDIFACT: "messages" (in
// "groups" only when the interchange has UNG/UNE), each with its message identifier parts.
#pragma once

#include <string_view>

#include "core/output_buffer.h"
#include "edifact/reader.h"

namespace wharf {

// Appends `interchange` as one line of JSON (without the newline).
void AppendInterchangeJson(const edifact::Interchange& interchange, std::string_view source_name, OutputBuffer& out);

}  // namespace wharf
