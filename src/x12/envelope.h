// X12 envelope validation: ISA/IEA, GS/GE and ST/SE structure, counts and control numbers.
//
// Contract: ValidateEnvelope walks the tape of one interchange (ISA is segment 0) once and
// returns where its groups and transaction sets are. Every problem becomes a Finding with the
// control numbers around it, the segment ordinal, the element, and the TA1 (TA105), AK9, AK5 or
// AK3/AK4 code an acknowledgment would use. It never stops early: a missing trailer closes what is
// open and reading goes on, so one bad set does not hide the next.
// A part of an interchange too large to read whole (pipeline/splitter.h) is validated with
// EnvelopeOptions: what needs the other parts (GE01 of a group begun in an earlier part, IEA01,
// trailers that come in a later part) is left to whoever joins the parts
// (pipeline/interchange_join.h), with TrailerCountFinding.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/interchange_part.h"
#include "diagnostics/finding.h"
#include "tokenize/offset_map.h"
#include "tokenize/tape.h"

namespace wharf::x12 {

inline constexpr uint32_t kNoSegment = UINT32_MAX;

struct TransactionSetEnvelope {
  uint32_t st = kNoSegment;
  uint32_t se = kNoSegment;  // kNoSegment: the trailer is missing
  uint32_t end = 0;          // one past the set's last segment on the tape
  std::string_view id;                        // ST01
  std::string_view control_number;            // ST02
  std::string_view implementation_reference;  // ST03, from 005010
};

struct GroupEnvelope {
  uint32_t gs = kNoSegment;
  uint32_t ge = kNoSegment;
  std::string_view functional_id;   // GS01
  std::string_view control_number;  // GS06
  std::string_view version;         // GS08
  std::vector<TransactionSetEnvelope> sets;
  bool continued = false;  // begun in an earlier part: its GS is a copy (EnvelopeOptions)
};

struct InterchangeEnvelope {
  std::string_view control_number;  // ISA13
  std::string_view version;         // ISA12
  uint32_t iea = kNoSegment;
  std::vector<GroupEnvelope> groups;
  // TA1, ISB, ISE: allowed in the interchange outside any group.
  std::vector<uint32_t> service_segments;
};

using EnvelopeOptions = InterchangePart;

InterchangeEnvelope ValidateEnvelope(const Tape& tape, const OffsetMap& offsets, Findings& findings,
                                     const EnvelopeOptions& options = {});

// The finding for trailer `segment` (GE or IEA) whose count (GE01 sets, IEA01 groups) is not
// `actual`, or none when it is. `group_number` is the GE's group (1-based) in the whole
// interchange.
std::optional<Finding> TrailerCountFinding(const Tape& tape, const OffsetMap& offsets, uint32_t segment,
                                           uint64_t actual, std::string_view interchange_control,
                                           const GroupEnvelope* group, uint32_t group_number);

}  // namespace wharf::x12
