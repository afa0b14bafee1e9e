// How a part of an interchange too large to read whole is validated (pipeline/splitter.h cuts
// it before a transaction set or message; pipeline/interchange_join.h joins the parts again).
#pragma once

#include <cstdint>

namespace wharf {

struct InterchangePart {
  // The tape's first segments are copies, from an earlier part, of the interchange's header
  // (ISA, UNB) and of its open group's (GS, UNG): that group is `continued`, and what counts it
  // or the whole interchange (GE01/UNE01 of the continued group, IEA01/UNZ01) is not checked.
  uint32_t copied_segments = 0;
  // The interchange goes on in a later part: an open group and the missing trailer are not
  // errors.
  bool open_end = false;
};

}  // namespace wharf
