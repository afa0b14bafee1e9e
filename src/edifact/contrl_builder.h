// Building UN/EDIFACT CONTRL (syntax and service report) messages from validation findings.
//
// Contract: BuildContrl turns one validated interchange into the text of one CONTRL interchange:
// the inbound service characters (its UNA repeated when it had one), sender and recipient
// swapped, UNB in the inbound's syntax identifier and version, and one CONTRL message
// (CONTRL:D:3:UN for syntax 3 and earlier, CONTRL:4:1:UN for syntax 4) that reports:
//   UCI  the interchange: action 4 (rejected, with the first interchange-level error's 0085 code,
//        service segment tag and element) or 7 (acknowledged; lower levels unless rejected below);
//   UCF  each UNG group, when the interchange has groups (action 4 with code, or 7);
//   UCM  each message (all of them, or only rejected ones with include_accepted_messages off):
//        action 4, with its own 0085 code for an envelope error (UNT count, references), then
//   UCS  each erroneous segment (0096 position in the message, UNH = 1; its 0085 code when the
//        segment itself is wrong) and
//   UCD  each erroneous element in it (0085, S011 element:component positions), at most 99.
// Only errors are reported: CONTRL has no "accepted with errors". A rejected interchange reports
// nothing below UCI. Control references come from the caller's ControlNumberSource.
// The inbound's identifiers (UNB S002, S003, 0020; UNH 0062, S009) are echoed as received, so
// that the partner finds its own references, even when they break their formats (then the
// CONTRL repeats the break). An interchange that names no sender or no recipient cannot be
// answered: BuildContrl returns an empty string for it.
#pragma once

#include <string>

#include "edifact/reader.h"
#include "x12/ack_builder.h"

namespace wharf::edifact {

struct ContrlOptions {
  x12::ControlNumberSource* control_numbers = nullptr;  // interchange (0020) and message (0062) references
  std::string date;  // CCYYMMDD (syntax 3 writes YYMMDD)
  std::string time;  // HHMM
  bool include_accepted_messages = true;  // a UCM for every message, not only for rejected ones
  bool line_break_after_segment = true;
};

std::string BuildContrl(const Interchange& interchange, const ContrlOptions& options);

}  // namespace wharf::edifact
