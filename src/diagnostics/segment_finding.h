// A finding about one segment of a tape: where it is, down to the element and component.
//
// Contract: SegmentFinding fills what the segment itself tells (ordinal, tag, element,
// component, the bad value, the byte offset in the file: the value's when an element is named,
// else the segment's) and leaves the envelopes around it (control numbers, group and set
// numbers) to the caller, which knows them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "diagnostics/finding.h"
#include "tokenize/offset_map.h"
#include "tokenize/tape.h"

namespace wharf {

Finding SegmentFinding(Standard standard, const Tape& tape, const OffsetMap& offsets, Severity severity,
                       AckLevel level, std::string_view code, const SegmentView& segment, size_t element,
                       size_t component, std::string message);

}  // namespace wharf
