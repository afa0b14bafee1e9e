// Findings: what is wrong (or tolerated) in a document, where, and how an acknowledgment says it.
//
// Contract: readers and validators never stop on bad data; they append Findings and go on.
// A Finding names its position down to the component (segment ordinal in the interchange,
// position in the transaction set, element, component, repetition), the control numbers of the
// envelopes around it, and the code the standard's acknowledgment uses at its level (TA105,
// AK9 group codes, AK5/IK5, AK304/IK304, AK403/IK403; CONTRL levels for EDIFACT). Acks are built
// from these fields alone.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace wharf {

enum class Severity : uint8_t { kWarning, kError };

enum class Standard : uint8_t { kX12, kEdifact };

// The acknowledgment segment that reports a finding; its code belongs to that segment's list.
// The levels are the same in both standards; EDIFACT's CONTRL names them differently and its
// codes are ISO 9735 syntax error codes (0085).
enum class AckLevel : uint8_t {
  kNone,  // a wharf finding with no acknowledgment code (the file is not EDI at all, ...)
  kTa1,   // interchange: X12 TA105 note code; EDIFACT UCI
  kAk9,   // functional group: X12 AK905-AK909 / 999 AK9 codes; EDIFACT UCF
  kAk5,   // transaction set: X12 AK502-AK506 / IK502-IK506; EDIFACT message, UCM
  kAk3,   // segment: X12 AK304 / IK304; EDIFACT UCS
  kAk4,   // element: X12 AK403 / IK403; EDIFACT UCD
};

std::string_view AckLevelName(AckLevel level, Standard standard = Standard::kX12);

struct Finding {
  Severity severity = Severity::kError;
  Standard standard = Standard::kX12;
  AckLevel level = AckLevel::kNone;
  std::string code;     // "001", "5", or a wharf code such as "NOT-EDI"
  // An implementation-guide code that a 999 reports instead of `code` ("I10", "I6"); a 997,
  // which has no such codes, reports `code`.
  std::string implementation_code;
  std::string message;  // for a person: what is wrong, with the values involved

  // Position. Zero means "not applicable" for every counter.
  uint64_t file_offset = 0;      // byte of the input file where the problem is
  // Line and column of file_offset, when found ahead of printing (0: the printer finds them):
  // an interchange joined from pieces holds findings about bytes no longer in memory.
  uint64_t line = 0, column = 0;
  uint32_t segment_ordinal = 0;  // 1-based within the interchange (ISA is 1)
  uint32_t set_position = 0;     // 1-based within the transaction set (ST is 1)
  std::string segment_tag;
  std::string loop_id;   // the loop the segment is in (AK303/IK303), empty at the set's top level
  uint16_t element = 0;  // 1-based (ISA13 is 13)
  uint16_t component = 0;
  uint16_t repetition = 0;
  uint32_t element_reference = 0;  // data element reference number (AK402/IK402), when known
  std::string bad_value;           // copy of the bad data (AK404/IK404)
  // The business unit the finding falls in, where the grammar names one (an 837 claim:
  // "CLM01" and the claim's CLM01 value); a 999 reports it in CTX.
  std::string business_unit_name;
  std::string business_unit;

  // The envelopes around the finding (empty where unknown or not applicable).
  std::string interchange_control;
  std::string group_control;
  std::string set_control;
  std::string set_id;  // ST01
  std::string functional_id;  // GS01
  // Which group of the interchange and which set of that group (1-based; 0: none), so that an
  // acknowledgment can file the finding even when control numbers repeat.
  uint32_t group_number = 0;
  uint32_t set_number = 0;

  bool is_error() const { return severity == Severity::kError; }
  // "TA1-001", "AK5-4", "WHARF-NOT-EDI".
  std::string CodeLabel() const;
};

using Findings = std::vector<Finding>;

bool HasErrors(const Findings& findings);

// A value quoted for a finding's message: control characters and bytes above 0x7E are written
// as \xNN, so a message is printable ASCII whatever the data held.
std::string QuoteValue(std::string_view value);

}  // namespace wharf
