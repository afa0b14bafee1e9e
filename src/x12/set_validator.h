// Grammar validation of one X12 transaction set (WEDI SNIP levels 1 and 2).
//
// Contract: ValidateSet walks the segments of one set on the tape once, matching each against
// the set's structure (order, loops entered by their trigger segment, max use and loop repeats,
// mandatory segments and loops) and checking its elements against the segment's definition
// (mandatory elements, too many elements, components or repetitions, types, lengths, code
// values, dates, times, and the syntax rules P R E C L). Each problem is a Finding at AK3
// (segment) or AK4 (element) level with the set position (ST = 1), the loop, the element,
// component and repetition, the bad value, and the codes a 997 and a 999 report. It only reads
// the grammar, so one TransactionSetDef serves any number of threads.
#pragma once

#include "diagnostics/finding.h"
#include "grammar/model.h"
#include "tokenize/tape.h"
#include "x12/envelope.h"

namespace wharf::x12 {

// Where findings come from, to fill their envelope context and file offsets.
struct SetContext {
  const Tape* tape = nullptr;
  const OffsetMap* offsets = nullptr;
  const TransactionSetEnvelope* set = nullptr;
  std::string_view interchange_control;
  std::string_view group_control;
  std::string_view functional_id;
  uint32_t group_number = 0;  // 1-based, for Finding::group_number
  uint32_t set_number = 0;
};

void ValidateSet(const grammar::Dictionary& dictionary, const grammar::TransactionSetDef& grammar,
                 const SetContext& context, Findings& findings);

}  // namespace wharf::x12
