// UN/EDIFACT envelope validation: UNB/UNZ, UNG/UNE and UNH/UNT structure, counts, references,
// and the character repertoire UNB declares.
//
// Contract: ValidateEnvelope walks the tape of one interchange (UNB is segment 0; UNA, when
// there is one, is not on the tape) once and returns where its groups and messages are. Every
// problem becomes a Finding (standard kEdifact) with the references around it, the segment
// ordinal, the element and component, and the ISO 9735 syntax error code (0085) a CONTRL would
// use at its level: UCI (interchange), UCF (group), UCM (message), UCS (segment), UCD (element).
// It never stops early: a missing trailer closes what is open and reading goes on.
// A part of an interchange too large to read whole (pipeline/splitter.h) is validated with
// EnvelopeOptions: what needs the other parts (UNE01 of a group begun in an earlier part, UNZ01,
// references used again in another part, trailers still to come) is left to whoever joins the
// parts (pipeline/interchange_join.h), with the functions at the end.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/interchange_part.h"
#include "diagnostics/finding.h"
#include "edifact/syntax.h"
#include "tokenize/offset_map.h"
#include "tokenize/tape.h"

namespace wharf::edifact {

inline constexpr uint32_t kNoSegment = UINT32_MAX;

struct MessageEnvelope {
  uint32_t unh = kNoSegment;
  uint32_t unt = kNoSegment;  // kNoSegment: the trailer is missing
  uint32_t end = 0;           // one past the message's last segment on the tape
  std::string_view reference;    // UNH 0062
  std::string_view type;         // S009 0065, "ORDERS"
  std::string_view version;      // S009 0052, "D"
  std::string_view release;      // S009 0054, "96A"
  std::string_view agency;       // S009 0051, "UN"
  std::string_view association;  // S009 0057, "EAN008"
};

// Messages directly in the interchange are held in one group with no UNG (ung == kNoSegment).
struct GroupEnvelope {
  uint32_t ung = kNoSegment;
  uint32_t une = kNoSegment;
  std::string_view reference;      // UNG 0048
  std::string_view functional_id;  // UNG 0038 (syntax 3) / message group identification (syntax 4)
  std::vector<MessageEnvelope> messages;
  // Begun in an earlier part (EnvelopeOptions): its UNG is a copy, or, without UNG, it is the
  // interchange's one group of messages, which the first part began.
  bool continued = false;
};

struct InterchangeEnvelope {
  SyntaxIdentifier syntax;          // S001 0001
  int syntax_version = 0;           // S001 0002
  std::string_view sender;          // S002 0004
  std::string_view sender_qualifier;     // S002 0007
  std::string_view recipient;       // S003 0010
  std::string_view recipient_qualifier;  // S003 0007
  std::string_view date;            // S004 0017
  std::string_view time;            // S004 0019
  std::string_view control_reference;  // 0020
  std::string_view application_reference;  // 0026
  std::string_view acknowledgement_request;  // 0031
  std::string_view test_indicator;  // 0035
  uint32_t unz = kNoSegment;
  bool uses_groups = false;  // UNG/UNE (then every message must be in a group)
  std::vector<GroupEnvelope> groups;
};

using EnvelopeOptions = InterchangePart;

InterchangeEnvelope ValidateEnvelope(const Tape& tape, const OffsetMap& offsets, Findings& findings,
                                     const EnvelopeOptions& options = {});

// The finding for trailer `segment` (UNE or UNZ) whose count (UNE01 messages; UNZ01 groups or,
// in an interchange without groups, messages) is not `actual`, or none when it is. `group` and
// `group_number` (1-based, in the whole interchange) for a UNE.
std::optional<Finding> TrailerCountFinding(const Tape& tape, const OffsetMap& offsets, uint32_t segment,
                                           uint64_t actual, const InterchangeEnvelope& envelope,
                                           const GroupEnvelope* group, uint32_t group_number);

// The finding for a UNH01 message reference or UNG05 group reference at `segment` that an
// earlier part of the interchange used already.
Finding RepeatedReferenceFinding(const Tape& tape, const OffsetMap& offsets, uint32_t segment,
                                 const InterchangeEnvelope& envelope);

}  // namespace wharf::edifact
