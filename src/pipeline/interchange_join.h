// Joining the parts of an X12 interchange too large for one piece back into one, in the commit.
//
// Contract: Add() takes the parts of one interchange in input order (pipeline/splitter.h cuts
// them before a transaction set; pipeline/piece_work.h reads each behind copies of the
// interchange's ISA and of the group open at the cut). It renumbers each part's findings for
// the whole interchange (segment ordinals, group and set numbers), adds the checks no part can
// make alone (GE01 of a group spread over parts, IEA01, a GS06 or an ST02 used again in a later
// part) and digests the parts' bytes as they come (their zstd frames are archived one by one by
// the commit, store/ledger.h WriteArchivePart).
// Per transaction set it keeps only an ST/SE pair in a skeleton of the envelope (about 25 bytes,
// and 8 for the ST02 check of the open group), so memory grows with the number of sets, not
// with the interchange's bytes: the acknowledgment is built from the skeleton with the whole
// interchange's findings exactly as from the interchange itself. After the last part, Finish()
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
  // Whether a part has come and the last one not yet.
  bool open() const { return parts_ != 0; }
  // One part (an X12 InterchangeWork with `part` set), `bytes` its bytes in the input and
  // `lines` its piece's line index (its findings' lines are found now, while it is in memory).
  void Add(InterchangeWork& part, std::string_view bytes, LineIndex& lines);
  // The joined interchange, after the part that does not continue.
  InterchangeWork Finish();

 private:
  // The checks across parts, for the groups and sets of `part`; findings in its own numbering.
  void JoinEnvelope(const InterchangeWork& part, Findings& found);
  void Renumber(Findings& found, const InterchangeWork& part, LineIndex& lines) const;
  void AppendSegment(const x12::Interchange& part, uint32_t segment);

  InterchangeWork whole_;
  std::unique_ptr<store::DigestStream> digest_;
  std::string skeleton_;  // ISA, GS, ST/SE pairs, GE, IEA
  Findings findings_;
  uint32_t parts_ = 0;
  uint32_t ordinal_ = 0;
  uint64_t segments_ = 0;         // segments of the parts before this one
  uint32_t groups_ = 0;           // groups begun in the parts before this one
  uint64_t open_group_sets_ = 0;  // sets of the last group begun, in the parts before this one
  std::unordered_set<std::string> group_controls_;        // GS06 of the groups begun
  std::unordered_set<uint64_t> open_group_set_controls_;  // hashes of the last group's ST02s
};

}  // namespace wharf::pipeline
