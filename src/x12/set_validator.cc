// Structure matching and element checks for one transaction set.
//
// Matching keeps a stack of open loop instances. Each frame remembers the last child it matched
// (its cursor): a segment is looked for from the cursor on in the innermost loop, then in each
// enclosing loop; a match in an enclosing loop closes the loops inside it. Children skipped over
// (or left unseen when a loop closes) that are mandatory are reported missing.
#include "x12/set_validator.h"

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <string>
#include <vector>

#include "x12/data_types.h"

namespace wharf::x12 {
namespace {

using grammar::CodeList;
using grammar::CompositeDef;
using grammar::ElementDef;
using grammar::ElementType;
using grammar::ElementUse;
using grammar::SegmentDef;
using grammar::StructureNode;
using grammar::SyntaxRule;
using grammar::Usage;

std::string Quoted(std::string_view value) { return QuoteValue(value); }

std::string TwoDigits(size_t n) { return (n < 10 ? "0" : "") + std::to_string(n); }

// Characters, not bytes: a UTF-8 sequence counts once (X12 lengths count characters).
size_t CharacterCount(std::string_view value) {
  size_t count = 0;
  for (char c : value) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

bool IsNumber(std::string_view value) {
  if (!value.empty() && value[0] == '-') value.remove_prefix(1);
  return IsDigits(value);
}

bool IsDecimal(std::string_view value) {
  if (!value.empty() && value[0] == '-') value.remove_prefix(1);
  bool digit = false, point = false;
  for (char c : value) {
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (c == '.' && !point) {
      point = true;
    } else {
      return false;
    }
  }
  return digit;
}

// ISO 9735 numeric (n): digits with at most one decimal mark ('.' or ','), which is neither
// first nor last, and an optional leading minus sign.
bool IsEdifactNumber(std::string_view value) {
  if (!value.empty() && value[0] == '-') value.remove_prefix(1);
  bool mark = false;
  for (size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (c >= '0' && c <= '9') continue;
    if ((c == '.' || c == ',') && !mark && i != 0 && i + 1 != value.size()) {
      mark = true;
      continue;
    }
    return false;
  }
  return !value.empty();
}

// Why an EDIFACT numeric value is not a number, as the code the finding carries: ISO 9735's 38
// (".5": no digit before the decimal mark) or 19 ("5.", "1.2.3": digits and marks, badly placed);
// else X12's 6, which EDIFACT reports as 37 (invalid type of characters).
std::string_view EdifactNumberError(std::string_view value) {
  if (!value.empty() && value[0] == '-') value.remove_prefix(1);
  const bool digits_and_marks =
      !value.empty() && std::all_of(value.begin(), value.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.' || c == ','; });
  if (!digits_and_marks) return "6";
  return value[0] == '.' || value[0] == ',' ? "38" : "19";
}

size_t DigitCount(std::string_view value) {
  return static_cast<size_t>(std::count_if(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }));
}

// Where one element of the segment sits among its values (value 0 is the tag).
struct ElementSpan {
  uint32_t begin = 0;
  uint32_t end = 0;  // begin == end: absent
  bool present = false;  // some value of it holds data
};

class SetValidator {
 public:
  SetValidator(const grammar::Dictionary& dictionary, const grammar::TransactionSetDef& grammar,
               const SetContext& context, Findings& findings)
      : dictionary_(dictionary),
        grammar_(grammar),
        context_(context),
        findings_(findings),
        edifact_(dictionary.standard == "edifact") {}

  void Run() {
    const TransactionSetEnvelope& set = *context_.set;
    frames_.push_back({&grammar_.root, -1, 0});
    counts_.assign(grammar_.root.children.size(), 0);
    totals_.assign(grammar_.totals.size(), {});
    const Delimiters& delimiters = context_.tape->delimiters();
    for (const std::optional<char> inner : {std::optional<char>(delimiters.element),
                                            std::optional<char>(delimiters.component), delimiters.repetition}) {
      if (inner && !IsPrintableAscii(std::string_view(&*inner, 1))) control_delimiters_ += *inner;
    }
    for (uint32_t index = set.st; index < set.end; ++index) {
      const SegmentView segment = context_.tape->segment(index);
      current_ = index;
      OnSegment(segment);
    }
    current_ = set.end == 0 ? set.st : set.end - 1;
    while (frames_.size() > 1) CloseTopFrame();
    ReportUnseenMandatory(frames_.back(), grammar_.root.children.size());
    CheckTotals();
    CheckChildCodes();
  }

 private:
  struct Frame {
    const StructureNode* loop;
    int cursor;            // last matched child, -1 before the first
    size_t counts_offset;  // this instance's use counts start here in counts_
    std::string_view hierarchical_id = {};  // HL01 of the HL that opened this instance, if one did
  };

  // --- reporting ------------------------------------------------------------------------------

  Finding& Report(AckLevel level, std::string_view code, std::string message) {
    const SegmentView segment = context_.tape->segment(current_);
    Finding& f = findings_.emplace_back();
    f.severity = Severity::kError;
    f.level = level;
    f.code = std::string(code);
    f.message = std::move(message);
    f.segment_ordinal = current_ + 1;
    f.set_position = current_ - context_.set->st + 1;
    f.segment_tag = std::string(segment.tag());
    f.loop_id = CurrentLoopId();
    f.file_offset = context_.offsets->ToFile(segment.offset());
    f.interchange_control = std::string(context_.interchange_control);
    f.group_control = std::string(context_.group_control);
    f.functional_id = std::string(context_.functional_id);
    f.set_control = std::string(context_.set->control_number);
    f.set_id = std::string(context_.set->id);
    f.group_number = context_.group_number;
    f.set_number = context_.set_number;
    if (business_unit_depth_ != 0 && frames_.size() >= business_unit_depth_ &&
        frames_[business_unit_depth_ - 1].loop == business_unit_loop_) {
      f.business_unit_name = grammar_.business_unit;
      f.business_unit = std::string(business_unit_);
    }
    return f;
  }

  // Called as a segment is entered, before its elements are checked: the business unit segment
  // (CLM) starts a unit that lasts as long as the loop instance it is in.
  void NoteBusinessUnit(const SegmentDef& def) {
    if (grammar_.business_unit_tag_code == 0 || def.tag_code != grammar_.business_unit_tag_code) return;
    business_unit_depth_ = frames_.size();
    business_unit_loop_ = frames_.back().loop;
    business_unit_ = ElementText(grammar_.business_unit_position);
  }

  std::string CurrentLoopId() const {
    for (auto it = frames_.rbegin(); it != frames_.rend(); ++it) {
      if (!it->loop->loop_id.empty()) return it->loop->loop_id;
    }
    return {};
  }

  // --- structure ------------------------------------------------------------------------------

  // Finds where the segment belongs: the first child with its tag from the cursor on, in the
  // innermost loop and then outwards. Where a guide uses one tag several times (NM1*41, NM1*40),
  // the candidate whose first element (or first component) code list takes the segment's value
  // wins; if none does, the first candidate is taken and its element check says why.
  void OnSegment(const SegmentView& segment) {
    SplitValues(segment);
    const uint32_t tag = SegmentTagCode(segment.tag());
    if (!totals_.empty()) Tally(tag);
    const std::string_view qualifier = ElementText(1);
    size_t fallback_depth = 0, fallback_index = 0;
    bool have_fallback = false;
    const uint64_t tag_bit = grammar::TagBit(tag);
    for (size_t depth = frames_.size(); depth-- > 0;) {
      const Frame& frame = frames_[depth];
      const auto& children = frame.loop->children;
      // A loop's trigger (child 0) never repeats inside the loop: a second one starts a new
      // repetition, which the enclosing loop finds.
      const size_t first = depth == 0 ? 0 : 1;
      const size_t from = std::max(static_cast<size_t>(std::max(frame.cursor, 0)), first);
      if ((frame.loop->tags_from[from] & tag_bit) == 0) continue;  // not in this loop from here on
      const uint32_t* const tags = frame.loop->child_tags.data();
      const size_t count = children.size();
      for (size_t i = from; i < count; ++i) {
        if (tags[i] != tag) continue;
        const StructureNode& child = children[i];
        if (child.kind == StructureNode::Kind::kLoop && !child.hierarchical_level.empty() &&
            ElementText(3) != child.hierarchical_level) {
          continue;  // a hierarchical loop of another level
        }
        if (!TakesQualifier(*child.segment, qualifier)) {
          if (!have_fallback) {
            have_fallback = true;
            fallback_depth = depth;
            fallback_index = i;
          }
          continue;
        }
        while (frames_.size() > depth + 1) CloseTopFrame();
        Enter(i, segment);
        return;
      }
    }
    if (have_fallback) {
      while (frames_.size() > fallback_depth + 1) CloseTopFrame();
      Enter(fallback_index, segment);
      return;
    }
    ReportUnmatched(segment, tag);
  }

  // Whether the definition's first element (or its first component) allows `qualifier`.
  static bool TakesQualifier(const SegmentDef& def, std::string_view qualifier) {
    if (def.elements.empty() || def.elements.front().position != 1 || qualifier.empty()) return true;
    const ElementUse& first = def.elements.front();
    const CodeList* codes = first.codes;
    if (first.composite != nullptr && !first.composite->components.empty()) codes = first.composite->components.front().codes;
    return codes == nullptr || codes->Contains(qualifier);
  }

  void Enter(size_t index, const SegmentView& segment) {
    Frame& frame = frames_.back();
    const StructureNode& child = frame.loop->children[index];
    ReportSkippedMandatory(frame, index);
    uint32_t& count = counts_[frame.counts_offset + index];
    ++count;
    frame.cursor = static_cast<int>(index);
    if (child.usage == Usage::kNotUsed) {
      Report(AckLevel::kAk3, "2", "segment " + std::string(segment.tag()) + " is not used in this implementation")
          .implementation_code = "I4";
    }
    if (child.kind == StructureNode::Kind::kSegment) {
      if (child.max_use != 0 && count > child.max_use) {
        Report(AckLevel::kAk3, "5",
               "segment " + std::string(segment.tag()) + " occurs " + std::to_string(count) + " times here; at most " +
                   std::to_string(child.max_use));
      }
      NoteBusinessUnit(*child.segment);
      CheckElements(*child.segment, segment);
      if (child.segment->tag_code == kHlTag) CheckHierarchy(false);
      return;
    }
    if (child.max_use != 0 && count > child.max_use) {
      Report(AckLevel::kAk3, "4",
             "loop " + child.loop_id + " occurs " + std::to_string(count) + " times; at most " + std::to_string(child.max_use))
          .loop_id = child.loop_id;  // the loop in question, not the one around it
    }
    frames_.push_back({&child, 0, counts_.size()});
    counts_.resize(counts_.size() + child.children.size(), 0);
    counts_[frames_.back().counts_offset] = 1;  // its trigger segment
    NoteBusinessUnit(*child.children.front().segment);
    CheckElements(*child.children.front().segment, segment);
    if (child.segment->tag_code == kHlTag) CheckHierarchy(true);
  }

  void CloseTopFrame() {
    ReportUnseenMandatory(frames_.back(), frames_.back().loop->children.size());
    counts_.resize(frames_.back().counts_offset);
    frames_.pop_back();
  }

  // Mandatory children between the cursor and `index` were never seen in this loop instance.
  void ReportSkippedMandatory(const Frame& frame, size_t index) {
    const std::vector<uint16_t>& next_mandatory = frame.loop->next_mandatory;
    for (size_t k = next_mandatory[static_cast<size_t>(frame.cursor + 1)]; k < index; k = next_mandatory[k + 1]) {
      ReportMissing(frame.loop->children[k]);
    }
  }

  void ReportUnseenMandatory(const Frame& frame, size_t end) { ReportSkippedMandatory(frame, end); }

  std::string StandardName() const { return edifact_ ? "EDIFACT" : "X12"; }

  void ReportMissing(const StructureNode& child) {
    if (child.usage != Usage::kMandatory) return;
    const std::string tag = child.segment->tag;
    // The set's trailer (SE, UNT: the last child of the set) is the envelope check's to report
    // missing (AK5-2, UCM-13).
    if (&child == &grammar_.root.children.back()) return;
    Finding& f = Report(AckLevel::kAk3, "3",
                        child.kind == StructureNode::Kind::kLoop
                            ? "mandatory loop " + child.loop_id + " (starting with " + tag + ") is missing"
                            : "mandatory segment " + tag + (child.position.empty() ? "" : " (position " + child.position + ")") +
                                  " is missing");
    f.segment_tag = tag;
    if (child.kind == StructureNode::Kind::kLoop) f.loop_id = child.loop_id;
  }

  void ReportUnmatched(const SegmentView& segment, uint32_t tag) {
    const std::string name(segment.tag());
    if (!IsValidSegmentTag(name)) return;  // the envelope check has reported a malformed ID (AK3-1)
    if (tag == 0 || dictionary_.tags.count(tag) == 0) {
      Report(AckLevel::kAk3, "1", "segment " + Quoted(name) + " is not a segment of " + StandardName() + " " +
                                      dictionary_.version);
      return;
    }
    if (grammar_.tags.count(tag) == 0) {
      Report(AckLevel::kAk3, "6", "segment " + name + " is not part of transaction set " + grammar_.id);
      return;
    }
    for (const Frame& frame : frames_) {
      for (int i = 0; i < frame.cursor; ++i) {
        if (frame.loop->children[static_cast<size_t>(i)].segment->tag_code == tag) {
          Report(AckLevel::kAk3, "7", "segment " + name + " is out of sequence: it belongs before " +
                                          frame.loop->children[static_cast<size_t>(frame.cursor)].segment->tag);
          return;
        }
      }
    }
    Report(AckLevel::kAk3, "2", "segment " + name + " is not expected here (its loop has not started)");
  }

  // --- hierarchical levels --------------------------------------------------------------------
  //
  // HL01 is unique in the set, HL02 names an earlier HL01 (the parent), and where the grammar
  // nests HL loops the parent is the HL of the enclosing loop. HL04 says whether children follow:
  // checked when the set ends. X12 has no acknowledgment code for these, so like the totals they
  // are findings only (WHARF-HIERARCHY).

  static constexpr uint32_t kHlTag = SegmentTagCode("HL");

  struct HierarchicalLevel {
    std::string_view id;
    std::string_view child_code;  // HL04
    uint32_t index;               // tape index of the HL
    const StructureNode* loop;    // the loop it is in, for the loop id of a later finding
    bool has_children = false;
  };

  // HL01s are nearly always 1, 2, 3, ... in order: while they are, an id is found by its number;
  // the first id out of that order moves every id into a hash map.
  std::optional<size_t> FindLevel(std::string_view id) const {
    if (!levels_sequential_) {
      const auto it = level_by_id_.find(id);
      return it == level_by_id_.end() ? std::nullopt : std::optional<size_t>(it->second);
    }
    const uint64_t number = SequenceNumber(id);
    if (number == 0 || number > levels_.size()) return std::nullopt;
    return number - 1;
  }

  // "7" is 7; anything else that cannot be the n-th id of 1, 2, 3, ... ("07", "A1", "") is 0.
  static uint64_t SequenceNumber(std::string_view id) {
    if (id.empty() || id.size() > 9 || id[0] == '0') return 0;
    uint64_t number = 0;
    for (char c : id) {
      if (c < '0' || c > '9') return 0;
      number = number * 10 + static_cast<uint64_t>(c - '0');
    }
    return number;
  }

  void AddLevel(const HierarchicalLevel& level) {
    if (levels_sequential_ && SequenceNumber(level.id) != levels_.size() + 1) {
      levels_sequential_ = false;
      for (size_t i = 0; i < levels_.size(); ++i) level_by_id_.emplace(levels_[i].id, i);
    }
    if (!levels_sequential_) level_by_id_.emplace(level.id, levels_.size());
    levels_.push_back(level);
  }

  // The current segment is an HL; `opens_loop`: it is the trigger of frames_.back().
  void CheckHierarchy(bool opens_loop) {
    const std::string_view id = ElementText(1);
    const std::string_view parent = ElementText(2);
    if (id.empty()) return;  // the element check reports the missing HL01
    if (opens_loop) frames_.back().hierarchical_id = id;
    auto report = [&](uint16_t element, std::string_view value, const std::string& message) {
      Finding& f = Report(AckLevel::kNone, "HIERARCHY", message);
      f.element = element;
      f.bad_value = std::string(value);
    };
    if (const std::optional<size_t> earlier = FindLevel(id)) {
      report(1, id, "HL01 '" + std::string(id) + "' is already the id of the HL at set position " +
                        std::to_string(levels_[*earlier].index - context_.set->st + 1));
      return;
    }
    const std::optional<size_t> parent_level = parent.empty() ? std::nullopt : FindLevel(parent);
    AddLevel({id, ElementText(4), current_, frames_.back().loop});
    // The HL of the nearest enclosing loop instance opened by one.
    std::string_view enclosing;
    for (size_t depth = frames_.size() - (opens_loop ? 1 : 0); depth-- > 0;) {
      if (!frames_[depth].hierarchical_id.empty()) {
        enclosing = frames_[depth].hierarchical_id;
        break;
      }
    }
    if (parent.empty()) {
      if (!enclosing.empty()) {
        report(2, parent, "HL02 is empty, but this HL is nested under HL '" + std::string(enclosing) + "'");
      }
      return;
    }
    if (!parent_level) {
      report(2, parent, "HL02 '" + std::string(parent) + "' is not the HL01 of an earlier HL in this set");
      return;
    }
    levels_[*parent_level].has_children = true;
    if (!enclosing.empty() && parent != enclosing) {
      report(2, parent, "HL02 is '" + std::string(parent) + "', but this HL is nested under HL '" +
                            std::string(enclosing) + "'");
    }
  }

  // HL04: 1 when subordinate HLs follow, 0 when none do.
  void CheckChildCodes() {
    for (const HierarchicalLevel& level : levels_) {
      if ((level.child_code == "1" && level.has_children) || (level.child_code == "0" && !level.has_children) ||
          (level.child_code != "1" && level.child_code != "0")) {
        continue;
      }
      current_ = level.index;
      Finding& f = Report(AckLevel::kNone, "HIERARCHY",
                          "HL04 is " + std::string(level.child_code) + ", but HL '" + std::string(level.id) + "' has " +
                              (level.has_children ? "subordinate HLs" : "no subordinate HL"));
      f.element = 4;
      f.bad_value = std::string(level.child_code);
      f.loop_id = level.loop->loop_id;
    }
  }

  // --- level 3 totals -------------------------------------------------------------------------
  //
  // Counts and sums the grammar's checks name, as the segments go by; compared at the end.

  // Exact decimal arithmetic in millionths: an R element has at most 15 digits, so 128 bits hold
  // any total, and integers keep the hot loop off the x87 unit that long double would use.
  __extension__ using Fixed = __int128;
  static constexpr int kFixedDecimals = 6;

  struct TotalState {
    uint64_t count = 0;         // source segments seen
    uint64_t hash = 0;          // X12 hash total: digits summed, signs and points ignored
    Fixed sum = 0;              // the arithmetic total (which many senders send instead), in millionths
    bool target_seen = false;
    std::string_view target_value;
    uint32_t target_index = 0;  // the target segment's tape index
  };

  static constexpr uint64_t kHashModulus = 1000000000000000000ULL;  // 10^18, past any element's length

  // The digits of a number read as one integer ("12.50" is 1250): how a hash total adds it.
  static uint64_t DigitsValue(std::string_view value) {
    uint64_t result = 0;
    for (char c : value) {
      if (c < '0' || c > '9') continue;
      // Below 10^18 before, below 2^64 after: the division only when it is needed.
      result = result * 10 + static_cast<uint64_t>(c - '0');
      if (result >= kHashModulus) result %= kHashModulus;
    }
    return result;
  }

  // A decimal value in millionths (digits past the sixth decimal are dropped).
  static Fixed FixedValue(std::string_view value) {
    Fixed result = 0;
    int decimals = -1;  // -1 before the decimal point
    for (char c : value) {
      if (c == '.') {
        decimals = 0;
      } else if (c >= '0' && c <= '9' && decimals < kFixedDecimals) {
        result = result * 10 + (c - '0');
        if (decimals >= 0) ++decimals;
      }
    }
    for (int d = std::max(decimals, 0); d < kFixedDecimals; ++d) result *= 10;
    return !value.empty() && value[0] == '-' ? -result : result;
  }

  static std::string FormatFixed(Fixed value) {
    const bool negative = value < 0;
    if (negative) value = -value;
    std::string digits;
    for (; value != 0 || digits.size() <= static_cast<size_t>(kFixedDecimals); value /= 10) digits.insert(digits.begin(), static_cast<char>('0' + value % 10));
    digits.insert(digits.end() - kFixedDecimals, '.');
    while (digits.back() == '0') digits.pop_back();
    if (digits.back() == '.') digits.pop_back();
    return (negative ? "-" : "") + digits;
  }

  void Tally(uint32_t tag) {
    for (size_t i = 0; i < totals_.size(); ++i) {
      const grammar::TotalCheck& check = grammar_.totals[i];
      TotalState& state = totals_[i];
      if (tag == check.source_tag_code) {
        ++state.count;
        if (check.kind == grammar::TotalCheck::Kind::kSum) {
          const std::string_view value = ElementText(check.source_position);
          if (IsDecimal(value)) {
            state.hash = (state.hash + DigitsValue(value)) % kHashModulus;
            state.sum += FixedValue(value);
          }
        }
      }
      if (tag == check.target_tag_code && !state.target_seen) {
        state.target_seen = true;
        state.target_value = ElementText(check.target_position);
        state.target_index = current_;
      }
    }
  }

  // A mismatch is an error, but not an acknowledgment code: 997 and 999 acknowledge syntax (SNIP
  // 1-2) and have no code for a wrong total, so these show in findings only.
  void CheckTotals() {
    for (size_t i = 0; i < totals_.size(); ++i) {
      const grammar::TotalCheck& check = grammar_.totals[i];
      const TotalState& state = totals_[i];
      const std::string_view stated = state.target_value;
      if (!state.target_seen || !IsDecimal(stated)) continue;  // absent, or its element check says why
      std::string problem;
      if (check.kind == grammar::TotalCheck::Kind::kCount) {
        if (DigitsValue(stated) != state.count) {
          problem = "the set has " + std::to_string(state.count) + " " + check.source + " segment" +
                    (state.count == 1 ? "" : "s");
        }
      } else {
        uint64_t kept = 1;  // a hash total keeps its rightmost max-length digits
        for (uint32_t d = 0; d < check.target_max_length && kept < kHashModulus; ++d) kept *= 10;
        const bool hash_matches = DigitsValue(stated) == state.hash % kept;
        const bool sum_matches = FixedValue(stated) == state.sum;
        if (!hash_matches && !sum_matches) {
          problem = "the " + check.source + " values total " + FormatFixed(state.sum) + " (hash total " +
                    std::to_string(state.hash % kept) + ")";
        }
      }
      if (problem.empty()) continue;
      current_ = state.target_index;
      Finding& f = Report(AckLevel::kNone, "BALANCE",
                          check.target + " is " + std::string(stated) + ", but " + problem + " (SNIP 3: " + check.text + ")");
      f.element = check.target_position;
      f.bad_value = std::string(stated);
      f.loop_id.clear();
    }
  }

  // --- elements -------------------------------------------------------------------------------
  //
  // The hot half of validation: each segment's values are laid out once (SplitValues) and every
  // check reads them from there. Messages are only built for findings.

  // Lays out the current segment: values_[v] and leads_[v] for each value (0 is the tag), and
  // spans_[p] for element p (1-based; span_count_ in use) with whether it has any data. The
  // vectors only grow, so a segment costs no allocation once the longest has been seen.
  void SplitValues(const SegmentView& segment) {
    const TapeSegment& entry = segment.entry();
    const Tape& tape = *context_.tape;
    const char* bytes = tape.bytes().data();
    const uint32_t* inner = tape.positions().data() + entry.first_position;
    const uint32_t n = entry.delimiter_count;
    if (values_.size() < n + 1) {
      values_.resize(n + 1);
      value_offsets_.resize(n + 1);
      leads_.resize(n + 1);
      spans_.resize(n + 1);
    }
    values_[0] = std::string_view(bytes + entry.offset, n == 0 ? entry.length : inner[0] - entry.offset);
    value_offsets_[0] = entry.offset;
    leads_[0] = ValueLead::kElement;
    uint32_t spans = 1;
    uint64_t present = 0;
    for (uint32_t v = 1; v <= n; ++v) {
      const uint32_t begin = inner[v - 1] + 1;
      const uint32_t end = v < n ? inner[v] : entry.offset + entry.length;
      values_[v] = std::string_view(bytes + begin, end - begin);
      value_offsets_[v] = begin;
      const ValueLead lead = tape.LeadAt(inner[v - 1]);
      leads_[v] = lead;
      if (lead == ValueLead::kElement) spans_[spans++] = {v, v, false};
      ElementSpan& span = spans_[spans - 1];
      span.end = v + 1;
      if (end != begin) {
        span.present = true;
        if (spans - 1 < 64) present |= uint64_t{1} << (spans - 1);
      }
    }
    span_count_ = spans;
    present_elements_ = present;
    if ((entry.flags & kSegmentEscaped) != 0 && tape.delimiters().release) ResolveReleases(n, *tape.delimiters().release);
    // Delimiters may be control characters; they split the segment into values and are in none,
    // so they do not send it down the per-value path. A released one (EDIFACT) is in a value.
    const std::string_view segment_bytes(bytes + entry.offset, entry.length);
    printable_ascii_segment_ = control_delimiters_.empty() || (entry.flags & kSegmentEscaped) != 0
                                   ? IsPrintableAscii(segment_bytes)
                                   : IsPrintableAsciiBesides(segment_bytes, control_delimiters_);
  }

  // EDIFACT: values are checked as data, so release characters go. The resolved values live in
  // one buffer reserved up front (never reallocated while views into it are held).
  void ResolveReleases(uint32_t n, char release) {
    size_t bytes = 0;
    for (uint32_t v = 1; v <= n; ++v) bytes += values_[v].size();
    unescaped_.clear();
    unescaped_.reserve(bytes);
    for (uint32_t v = 1; v <= n; ++v) {
      if (values_[v].find(release) == std::string_view::npos) continue;
      const size_t start = unescaped_.size();
      AppendUnescaped(values_[v], release, unescaped_);
      values_[v] = std::string_view(unescaped_.data() + start, unescaped_.size() - start);
    }
  }

  // The first value of element `position` (its first component of its first repetition).
  std::string_view ElementText(size_t position) const {
    return position < span_count_ ? values_[spans_[position].begin] : std::string_view();
  }

  // An AK4-level finding on element `use` (and `component`, 0 for none) of the current segment.
  // `reference` is the data element number (AK402); a composite has none of its own.
  Finding& ElementFinding(const ElementUse& use, std::string_view code, size_t component, size_t repetition,
                          std::string_view reference, std::string_view bad_value, std::string message) {
    Finding& f = Report(AckLevel::kAk4, code, std::move(message));
    // Inside a repetition its components are consecutive values: no walk over the element (a
    // walk per finding was quadratic in the repetitions).
    uint32_t v = locating_begin_ != 0 ? locating_begin_ + static_cast<uint32_t>(std::max<size_t>(component, 1) - 1)
                                      : ValueIndex(use.position, component, repetition);
    if (locating_begin_ != 0 && v >= locating_end_) v = locating_begin_;  // a missing component: the repetition's
    if (v != 0 && v < value_offsets_.size()) {
      f.file_offset = context_.offsets->ToFile(value_offsets_[v]);
    }
    f.element = use.position;
    f.component = static_cast<uint16_t>(component);
    f.repetition = static_cast<uint16_t>(repetition);
    f.element_reference = static_cast<uint32_t>(std::strtoul(std::string(reference).c_str(), nullptr, 10));
    f.bad_value = std::string(bad_value);
    return f;
  }

  // The value of element `position`, component `component` (0: the first), repetition
  // `repetition` (0 or 1: the first) in the current segment; 0 when the segment has no such value.
  uint32_t ValueIndex(size_t position, size_t component, size_t repetition) const {
    if (position >= span_count_) return 0;
    const ElementSpan& span = spans_[position];
    size_t at_repetition = 1, at_component = 1;
    for (uint32_t v = span.begin; v < span.end; ++v) {
      if (v != span.begin) {
        if (leads_[v] == ValueLead::kRepetition) {
          ++at_repetition;
          at_component = 1;
        } else {
          ++at_component;
        }
      }
      if (at_repetition == std::max<size_t>(repetition, 1) && at_component == std::max<size_t>(component, 1)) return v;
    }
    return 0;
  }

  static std::string Name(const SegmentDef& def, const ElementUse& use, size_t component) {
    std::string name = def.tag + TwoDigits(use.position);
    if (component != 0) name += "-" + TwoDigits(component);
    return name;
  }

  void CheckElements(const SegmentDef& def, const SegmentView& segment) {
    size_t elements = span_count_ - 1;
    // EDIFACT: trailing separators are the envelope check's (code 45, or a warning in syntax 3),
    // not extra elements.
    if (edifact_) {
      while (elements > 0 && !spans_[elements].present) --elements;
    }
    const size_t defined = def.elements.empty() ? 0 : def.elements.back().position;
    if (elements > defined) {
      Finding& f = Report(AckLevel::kAk4, "3",
                          def.tag + " has " + std::to_string(elements) + " elements; it has " + std::to_string(defined));
      f.element = static_cast<uint16_t>(defined + 1);
      f.bad_value = std::string(segment.element(defined + 1).raw());
      f.file_offset = context_.offsets->ToFile(value_offsets_[spans_[defined + 1].begin]);  // the first extra one
    }
    // Past the data's last element only mandatory elements can have something to report.
    for (size_t i = 0; i < def.elements.size(); ++i) {
      const ElementUse& use = def.elements[i];
      if (use.position >= span_count_) {
        if (i >= def.mandatory_prefix) break;
        CheckUse(def, use, segment, ElementSpan{});
      } else {
        CheckUse(def, use, segment, spans_[use.position]);
      }
    }
    if (!def.rules.empty()) CheckRules(def.rules, present_elements_, def, nullptr);
  }

  void CheckUse(const SegmentDef& def, const ElementUse& use, const SegmentView& segment, const ElementSpan& span) {
    if (!span.present) {
      if (use.usage == Usage::kMandatory) {
        ElementFinding(use, "1", 0, 0, use.reference(), "", Name(def, use, 0) + " (" + use.reference() + ") is mandatory but missing");
      }
      return;
    }
    if (use.usage == Usage::kNotUsed) {
      ElementFinding(use, "10", 0, 0, use.reference(), segment.element(use.position).raw(),
                     Name(def, use, 0) + " is not used in this implementation but is present")
          .implementation_code = "I10";
    }
    if (use.element != nullptr && span.end == span.begin + 1) {
      // Most elements: one value, neither repeated nor split into components (the loop below
      // comes to the same).
      const std::string_view value = values_[span.begin];
      if (PlainlyValid(*use.element, use.codes, value)) return;  // before the bookkeeping
      locating_begin_ = span.begin;
      locating_end_ = span.end;
      CheckValueInFull(def, use, *use.element, use.codes, value, 0, use.max_repeat == 1 ? 0 : 1);
      locating_begin_ = 0;
      return;
    }
    // Repetitions, then components within each. EDIFACT: trailing repetition separators with
    // nothing after them are the envelope check's (code 45), not empty repetitions.
    uint32_t span_end = span.end;
    if (edifact_) {
      while (span_end > span.begin + 1 && leads_[span_end - 1] == ValueLead::kRepetition && values_[span_end - 1].empty()) {
        --span_end;
      }
    }
    size_t repetition = 1;
    uint32_t start = span.begin;
    for (uint32_t v = span.begin + 1; v <= span_end; ++v) {
      if (v < span_end && leads_[v] != ValueLead::kRepetition) continue;
      locating_begin_ = start;
      locating_end_ = v;
      if (use.max_repeat != 0 && repetition > use.max_repeat) {
        ElementFinding(use, "12", 0, repetition, use.reference(), values_[start],
                       Name(def, use, 0) + " repetition " + std::to_string(repetition) + " is one too many (at most " +
                           std::to_string(use.max_repeat) + ")");
      }
      CheckRepetition(def, use, start, v, use.max_repeat == 1 ? 0 : repetition);
      start = v;
      ++repetition;
    }
    locating_begin_ = 0;
  }

  // One repetition of an element: values [begin, end), components after the first.
  void CheckRepetition(const SegmentDef& def, const ElementUse& use, uint32_t begin, uint32_t end, size_t repetition) {
    size_t components = end - begin;
    if (edifact_) {  // trailing component separators, as trailing element separators above
      while (components > 1 && values_[begin + components - 1].empty()) --components;
    }
    if (use.element != nullptr) {
      if (components > 1) {
        ElementFinding(use, "13", 2, repetition, use.reference(), values_[begin + 1],
                       Name(def, use, 0) + " has " + std::to_string(components) + " components but is not a composite");
      }
      CheckValue(def, use, *use.element, use.codes, values_[begin], 0, repetition);
      return;
    }
    const CompositeDef& composite = *use.composite;
    const size_t defined = composite.components.empty() ? 0 : composite.components.back().position;
    if (components > defined) {
      ElementFinding(use, "13", defined + 1, repetition, "", values_[begin + static_cast<uint32_t>(defined)],
                     Name(def, use, 0) + " (" + composite.id + ") has " + std::to_string(components) +
                         " components; it has " + std::to_string(defined));
    }
    for (const ElementUse& component : composite.components) {
      const std::string_view value =
          component.position <= components ? values_[begin + component.position - 1] : std::string_view();
      if (value.empty()) {
        if (component.usage == Usage::kMandatory) {
          ElementFinding(use, "1", component.position, repetition, component.reference(), "",
                         Name(def, use, component.position) + " (" + component.reference() + ") is mandatory but missing");
        }
        continue;
      }
      CheckValue(def, use, *component.element, component.codes, value, component.position, repetition);
    }
    if (!composite.rules.empty()) {
      uint64_t present = 0;
      for (size_t position = 1; position <= components && position < 64; ++position) {
        if (!values_[begin + position - 1].empty()) present |= uint64_t{1} << position;
      }
      CheckRules(composite.rules, present, def, &use);
    }
  }

  // The commonest value, decided without the call to CheckValueInFull: text (ID or AN) in a
  // segment already known printable, of an allowed length, one of its codes if it has any. False
  // means the full check must look, not that the value is wrong.
  bool PlainlyValid(const ElementDef& element, const CodeList* codes, std::string_view value) const {
    if (!printable_ascii_segment_) return false;
    if (element.type != ElementType::kIdentifier && element.type != ElementType::kString) return false;
    if (value.size() < element.min_length || value.size() > element.max_length) return false;
    return codes == nullptr || codes->Contains(value);
  }

  // One value against its element's type, length and codes: the commonest one (PlainlyValid)
  // decided inline, the rest, and every value with something to report, in full.
  void CheckValue(const SegmentDef& def, const ElementUse& use, const ElementDef& element, const CodeList* codes,
                  std::string_view value, size_t component, size_t repetition) {
    if (!PlainlyValid(element, codes, value)) CheckValueInFull(def, use, element, codes, value, component, repetition);
  }

  void CheckValueInFull(const SegmentDef& def, const ElementUse& use, const ElementDef& element, const CodeList* codes,
                        std::string_view value, size_t component, size_t repetition) {
    // The message's subject is only spelled out when there is something to say.
    auto finding = [&](std::string_view code, const std::string& problem) -> Finding& {
      std::string name = Name(def, use, component) + " (" + element.id;
      if (!element.name.empty()) name += " " + element.name;
      return ElementFinding(use, code, component, repetition, element.id, value, name + ") " + problem);
    };
    if (element.type == ElementType::kBinary) return;
    if (element.type == ElementType::kNumber && !IsEdifactNumber(value)) {  // its digit count means nothing
      finding(EdifactNumberError(value), Quoted(value) + " is not a number").bad_value.clear();
      return;
    }
    // Lengths count characters; numbers count digits only (no sign or decimal point).
    TextFacts text;
    switch (element.type) {
      case ElementType::kIdentifier:
      case ElementType::kString:
        text = printable_ascii_segment_ ? TextFacts{value.size(), false} : ExamineText(value);
        break;
      case ElementType::kNumeric:
      case ElementType::kDecimal:
      case ElementType::kNumber: text.characters = DigitCount(value); break;
      default: text.characters = CharacterCount(value); break;
    }
    const size_t length = text.characters;
    if (length < element.min_length) {
      finding("4", Quoted(value) + " is " + std::to_string(length) + " long; at least " + std::to_string(element.min_length));
    } else if (length > element.max_length) {
      finding("5", Quoted(value) + " is " + std::to_string(length) + " long; at most " + std::to_string(element.max_length));
    }
    switch (element.type) {
      case ElementType::kNumeric:
        if (!IsNumber(value)) finding("6", Quoted(value) + " is not a number").bad_value.clear();
        break;
      case ElementType::kDecimal:
        if (!IsDecimal(value)) finding("6", Quoted(value) + " is not a decimal number").bad_value.clear();
        break;
      case ElementType::kDate:
        if (!IsValidDate(value)) finding("8", Quoted(value) + " is not a valid date");
        break;
      case ElementType::kTime:
        if (!IsValidTime(value)) finding("9", Quoted(value) + " is not a valid time");
        break;
      case ElementType::kIdentifier:
      case ElementType::kString:
        if (text.has_control) {
          finding("6", Quoted(value) + " holds a control character").bad_value.clear();
        } else if (codes != nullptr && !codes->Contains(value)) {
          Finding& f = finding("7", Quoted(value) + " is not one of its codes");
          if (codes != element.codes) f.implementation_code = "I6";  // narrowed by the guide
        }
        break;
      case ElementType::kNumber: break;  // checked first
      case ElementType::kAlphabetic:
        if (DigitCount(value) != 0) {
          finding("6", Quoted(value) + " holds digits; it is alphabetic").bad_value.clear();
        } else if (codes != nullptr && !codes->Contains(value)) {
          finding("7", Quoted(value) + " is not one of its codes");
        }
        break;
      case ElementType::kBinary: break;
    }
  }

  // Syntax notes, against `present`: bit p set when element (or component) p has data. The
  // test is a mask operation per rule; only a broken rule walks its positions to report.
  void CheckRules(const std::vector<SyntaxRule>& rules, uint64_t present, const SegmentDef& def,
                  const ElementUse* composite) {
    for (const SyntaxRule& rule : rules) {
      const uint64_t here = present & rule.position_mask;
      const uint64_t first = here & rule.first_mask;
      const bool several = (here & (here - 1)) != 0;  // more than one bit (no popcnt on baseline x86-64)
      bool broken = false;
      switch (rule.kind) {
        case 'P': broken = here != 0 && here != rule.position_mask; break;  // all or none
        case 'R': broken = here == 0; break;                                // at least one
        case 'E': broken = several; break;                                  // at most one
        case 'C': broken = first != 0 && here != rule.position_mask; break; // if the first, then all
        case 'L': broken = first != 0 && !several; break;                   // if the first, then one more
        default: break;
      }
      if (broken) ReportBrokenRule(rule, present, def, composite);
    }
  }

  void ReportBrokenRule(const SyntaxRule& rule, uint64_t present, const SegmentDef& def, const ElementUse* composite) {
    const auto& positions = rule.positions;
    auto is_present = [&](uint8_t p) { return ((present >> p) & 1) != 0; };
    auto name_of = [&](uint8_t p) { return composite == nullptr ? def.tag + TwoDigits(p) : Name(def, *composite, p); };
    auto report = [&](uint8_t p, std::string_view code, const std::string& message) {
      Finding& f = Report(AckLevel::kAk4, code, rule.text + ": " + name_of(p) + " " + message);
      f.element = composite == nullptr ? p : composite->position;
      f.component = composite == nullptr ? 0 : p;
    };
    switch (rule.kind) {
      case 'P':
        for (uint8_t p : positions) {
          if (!is_present(p)) report(p, "2", "is required because the others of the pair are present");
        }
        break;
      case 'R':
        report(positions.front(), "2", "is required (at least one of " + rule.text.substr(1) + " must be present)");
        break;
      case 'E': {
        bool seen = false;
        for (uint8_t p : positions) {
          if (!is_present(p)) continue;
          if (seen) report(p, "10", "may not be present with the others");
          seen = true;
        }
        break;
      }
      case 'C':
        for (size_t i = 1; i < positions.size(); ++i) {
          if (!is_present(positions[i])) {
            report(positions[i], "2", "is required because " + name_of(positions.front()) + " is present");
          }
        }
        break;
      case 'L':
        report(positions[1], "2", "is required (or another of " + rule.text.substr(3) + ") because " +
                                      name_of(positions.front()) + " is present");
        break;
      default: break;
    }
  }

  const grammar::Dictionary& dictionary_;
  const grammar::TransactionSetDef& grammar_;
  const SetContext& context_;
  Findings& findings_;
  const bool edifact_;
  std::vector<Frame> frames_;
  std::vector<uint32_t> counts_;
  std::vector<ElementSpan> spans_;
  std::vector<std::string_view> values_;
  std::vector<uint32_t> value_offsets_;
  // The first value of the repetition being checked, for positions only (findings on an element
  // that does not repeat report no repetition number, but their column is still that
  // repetition's); 0 outside the repetition loop.
  uint32_t locating_begin_ = 0;
  uint32_t locating_end_ = 0;  // where each value starts on the tape (before resolving releases)
  std::string unescaped_;  // values with release characters resolved (EDIFACT)
  std::vector<ValueLead> leads_;
  std::vector<TotalState> totals_;
  std::vector<HierarchicalLevel> levels_;  // every HL of the set, in order
  bool levels_sequential_ = true;
  std::unordered_map<std::string_view, size_t> level_by_id_;  // once HL01s leave 1, 2, 3, ...
  size_t business_unit_depth_ = 0;  // frames_ size when the unit began; 0: none
  const StructureNode* business_unit_loop_ = nullptr;
  std::string_view business_unit_;
  uint32_t span_count_ = 0;
  uint64_t present_elements_ = 0;  // bit p: element p has data (p < 64)
  bool printable_ascii_segment_ = false;
  std::string control_delimiters_;  // the tape's inner delimiters that are control characters
  uint32_t current_ = 0;
};

}  // namespace

void ValidateSet(const grammar::Dictionary& dictionary, const grammar::TransactionSetDef& grammar,
                 const SetContext& context, Findings& findings) {
  SetValidator(dictionary, grammar, context, findings).Run();
}

}  // namespace wharf::x12
