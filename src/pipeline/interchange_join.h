// Joining the parts of an interchange too large for one piece back into one, in the commit.
//
// Contract: Add() takes the parts of one interchange in input order (pipeline/splitter.h cuts
// them before a transaction set or message; pipeline/piece_work.h reads each behind copies of
// the interchange's header and of the group open at the cut). It renumbers each part's findings
// for the whole interchange (segment ordinals, group and set numbers), adds the checks no part
// can make alone (GE01/UNE01 of a group spread over parts, IEA01/UNZ01, a GS06, ST02, UNG05 or
// UNH01 used again in a later part) and digests the parts' bytes as they come (their zstd frames are archived one by one by
// the commit, store/ledger.h WriteArchivePart).
// Per transaction set it keeps only an ST/SE (UNH/UNT) pair in a skeleton of the envelope (about
// 25-60 bytes, and a hash for the reference checks), so memory grows with the number of sets,
// not with the interchange's bytes: the 997/999/TA1 or CONTRL is built from the skeleton with
// the whole interchange's findings exactly as from the interchange itself. After the last part, Finish()
// gives the joined interchange, which the commit then treats like any other.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>

#include "diagnostics/finding_format.h"
#include "pipeline/piece_work.h"
#include "store/archive_codec.h"

namespace wharf::pipeline {

class InterchangeJoin {
 public:
  // `digest`: whether the joined interchange gets its digest (InterchangeWork::digest), which only
  // the store needs; the command line's checks leave it out, a serial pass over every byte.
  explicit InterchangeJoin(bool digest = true) : digests_(digest) {}
  // Whether a part has come and the last one not yet.
  bool open() const { return parts_ != 0; }
  // One part (an InterchangeWork with `part` set), `bytes` its bytes in the input and
  // `lines` its piece's line index (its findings' lines are found now, while it is in memory).
  void Add(InterchangeWork& part, std::string_view bytes, LineIndex& lines);
  // The joined interchange, after the part that does not continue.
  InterchangeWork Finish();

 private:
  // The checks across parts, for the groups and sets of a part, with its findings in its own
  // numbering; and the part's envelope segments onto the skeleton.
  void JoinEnvelope(const x12::Interchange& part, uint32_t copied_segments, Findings& found);
  void JoinEnvelope(const edifact::Interchange& part, uint32_t copied_segments, Findings& found);
  void AppendSegment(const Tape& tape, uint32_t segment);
  // An interchange read from copies without line breaks (a file wrapped at a line length): the
  // parts' warnings become the one the whole interchange would have had, with the line breaks
  // every part counted (InterchangeWork::line_breaks).
  void JoinWrappedFinding();

  InterchangeWork whole_;
  bool digests_ = true;
  std::unique_ptr<store::DigestStream> digest_;  // when digests_
  std::string skeleton_;  // ISA, GS, ST/SE pairs, GE, IEA
  Findings findings_;
  uint32_t parts_ = 0;
  bool wrapped_ = false;              // a part was read from a copy without line breaks
  uint64_t line_breaks_ = 0;          // the parts' so far
  uint32_t ordinal_ = 0;
  uint64_t segments_ = 0;         // segments of the parts before this one
  uint32_t groups_ = 0;           // groups begun in the parts before this one
  uint64_t open_group_sets_ = 0;  // sets of the last group begun, in the parts before this one
  uint64_t messages_ = 0;         // EDIFACT: messages so far (UNZ01 counts them without groups)
  uint64_t open_group_header_ = 0;  // the whole interchange's ordinal of the last GS/UNG begun
  std::unordered_set<std::string> group_controls_;        // GS06 / UNG05 of the groups begun
  std::unordered_set<uint64_t> open_group_set_controls_;  // X12: hashes of the last group's ST02s
  std::unordered_set<uint64_t> message_references_;       // EDIFACT: hashes of every UNH01 (unique per interchange)
};

}  // namespace wharf::pipeline
