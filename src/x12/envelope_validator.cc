// The envelope state machine: interchange -> functional groups -> transaction sets.
#include <algorithm>
#include <string>
#include <unordered_set>

#include "diagnostics/segment_finding.h"
#include "x12/data_types.h"
#include "x12/envelope.h"
#include "x12/isa_header.h"

namespace wharf::x12 {

namespace {

struct IsaFieldRule {
  const char* name;
  const char* ta1_code;  // TA105 for a wrong width or value
};

constexpr IsaFieldRule kIsaFields[kIsaFieldCount + 1] = {
    {"", ""},
    {"authorization information qualifier", "010"},
    {"authorization information", "011"},
    {"security information qualifier", "012"},
    {"security information", "013"},
    {"interchange sender ID qualifier", "005"},
    {"interchange sender ID", "006"},
    {"interchange receiver ID qualifier", "007"},
    {"interchange receiver ID", "008"},
    {"interchange date", "014"},
    {"interchange time", "015"},
    {"repetition separator / control standards identifier", "016"},
    {"interchange control version number", "017"},
    {"interchange control number", "018"},
    {"acknowledgment requested", "019"},
    {"interchange usage indicator", "020"},
    {"component element separator", "027"},
};

// X12 code list I05 (interchange ID qualifier).
bool IsIdQualifier(std::string_view q) {
  static constexpr std::string_view kCodes[] = {"01", "02", "03", "04", "07", "08", "09", "10", "11", "12",
                                                "13", "14", "15", "16", "17", "18", "19", "20", "21", "22",
                                                "23", "24", "25", "26", "27", "28", "29", "30", "31", "32",
                                                "33", "34", "35", "36", "37", "38", "AM", "NR", "SA", "SN", "ZZ"};
  return std::find(std::begin(kCodes), std::end(kCodes), q) != std::end(kCodes);
}

bool IsAlphanumericByte(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

std::string Quoted(std::string_view value) { return QuoteValue(value); }

std::string ElementName(std::string_view tag, size_t position) {
  std::string name(tag);
  if (position < 10) name += '0';
  name += std::to_string(position);
  return name;
}

// Parses a count element (IEA01, GE01, SE01); false when it is not a number.
bool ParseCount(std::string_view text, uint64_t& count) {
  if (!IsDigits(text) || text.size() > 18) return false;
  count = 0;
  for (char c : text) count = count * 10 + static_cast<uint64_t>(c - '0');
  return true;
}

// Control numbers compare as numbers when both are numeric ("0001" and "1" are the same group).
bool SameControlNumber(std::string_view a, std::string_view b) {
  uint64_t x = 0, y = 0;
  if (ParseCount(a, x) && ParseCount(b, y)) return x == y;
  return TrimRight(a) == TrimRight(b);
}

// The X12 findings about a segment (X12 has no components at the envelope level).
Finding X12SegmentFinding(const Tape& tape, const OffsetMap& offsets, Severity severity, AckLevel level,
                          std::string_view code, const SegmentView& segment, size_t element, std::string message) {
  return SegmentFinding(Standard::kX12, tape, offsets, severity, level, code, segment, element, 0, std::move(message));
}

// A trailer's count (IEA01, GE01, SE01) against what its envelope really holds.
std::optional<Finding> CountFinding(const Tape& tape, const OffsetMap& offsets, const SegmentView& trailer,
                                    AckLevel level, std::string_view code, std::string_view counted,
                                    const std::string& envelope, uint64_t actual) {
  const std::string element = ElementName(trailer.tag(), 1);
  const std::string_view text = trailer.element(1).raw();
  uint64_t declared = 0;
  if (!ParseCount(text, declared)) {
    return X12SegmentFinding(tape, offsets, Severity::kError, level, code, trailer, 1,
                          element + " number of " + std::string(counted) + " " + Quoted(text) + " is not a number");
  }
  if (declared == actual) return std::nullopt;
  return X12SegmentFinding(tape, offsets, Severity::kError, level, code, trailer, 1,
                        element + " says " + std::to_string(declared) + " " + std::string(counted) + ", " + envelope +
                            " has " + std::to_string(actual));
}

std::string GroupName(const GroupEnvelope& group) { return "functional group " + std::string(group.control_number); }
std::string InterchangeName(std::string_view control) { return "interchange " + std::string(control); }

class EnvelopeValidator {
 public:
  EnvelopeValidator(const Tape& tape, const OffsetMap& offsets, Findings& findings, const EnvelopeOptions& options)
      : tape_(tape), offsets_(offsets), findings_(findings), options_(options) {}

  InterchangeEnvelope Run() {
    CheckIsa(tape_.segment(0));
    for (uint32_t i = 1; i < tape_.segment_count(); ++i) OnSegment(tape_.segment(i));
    Finish();
    return std::move(envelope_);
  }

 private:
  // --- reporting -------------------------------------------------------------------------------

  Finding& Report(Severity severity, AckLevel level, std::string_view code, const SegmentView& segment,
                  size_t element, std::string message) {
    Finding& f = findings_.emplace_back(
        X12SegmentFinding(tape_, offsets_, severity, level, code, segment, element, std::move(message)));
    f.interchange_control = std::string(TrimRight(envelope_.control_number));
    if (group_open_) {
      const GroupEnvelope& g = envelope_.groups.back();
      f.group_control = std::string(g.control_number);
      f.functional_id = std::string(g.functional_id);
      f.group_number = static_cast<uint32_t>(envelope_.groups.size());
      if (set_open_ && !g.sets.empty()) {
        const TransactionSetEnvelope& s = g.sets.back();
        f.set_control = std::string(s.control_number);
        f.set_id = std::string(s.id);
        f.set_position = segment.index() - s.st + 1;
        f.set_number = static_cast<uint32_t>(g.sets.size());
      }
    }
    return f;
  }
  Finding& Error(AckLevel level, std::string_view code, const SegmentView& segment, size_t element,
                 std::string message) {
    return Report(Severity::kError, level, code, segment, element, std::move(message));
  }
  Finding& Warn(AckLevel level, std::string_view code, const SegmentView& segment, size_t element,
                std::string message) {
    return Report(Severity::kWarning, level, code, segment, element, std::move(message));
  }

  // --- ISA ---------------------------------------------------------------------------------------

  void CheckIsa(const SegmentView& isa) {
    envelope_.control_number = isa.element(13).text();
    envelope_.version = isa.element(12).text();
    for (size_t field = 1; field <= kIsaFieldCount; ++field) {
      std::string_view value = isa.element(field).raw();
      const int width = kIsaFieldWidth[field];
      if (static_cast<int>(value.size()) != width) {
        Error(AckLevel::kTa1, kIsaFields[field].ta1_code, isa, field,
              ElementName("ISA", field) + " " + kIsaFields[field].name + " must be " + std::to_string(width) +
                  " characters, found " + std::to_string(value.size()) + " (" + Quoted(value) + ")");
      } else if (!IsPrintable(value) && !IsDelimiterField(isa, field)) {
        Error(AckLevel::kTa1, kIsaFields[field].ta1_code, isa, field,
              ElementName("ISA", field) + " " + kIsaFields[field].name + " holds a control character (" +
                  Quoted(value) + ")");
      }
    }
    auto value_error = [&](size_t field, std::string_view expected) {
      Error(AckLevel::kTa1, kIsaFields[field].ta1_code, isa, field,
            ElementName("ISA", field) + " " + kIsaFields[field].name + " " + Quoted(isa.element(field).raw()) +
                " is not " + std::string(expected));
    };
    const auto field = [&](size_t n) { return isa.element(n).raw(); };
    static constexpr std::string_view kAuthorizationQualifiers[] = {"00", "01", "02", "03", "04", "05", "06"};
    if (std::find(std::begin(kAuthorizationQualifiers), std::end(kAuthorizationQualifiers), field(1)) ==
        std::end(kAuthorizationQualifiers)) {
      value_error(1, "a code of list I01 (00-06)");
    }
    if (field(3) != "00" && field(3) != "01") value_error(3, "00 or 01");
    if (!IsIdQualifier(field(5))) value_error(5, "an ID qualifier of list I05");
    if (TrimRight(field(6)).empty()) value_error(6, "a sender ID (it is blank)");
    if (!IsIdQualifier(field(7))) value_error(7, "an ID qualifier of list I05");
    if (TrimRight(field(8)).empty()) value_error(8, "a receiver ID (it is blank)");
    if (field(9).size() == 6 && !IsValidDate(field(9))) value_error(9, "a valid YYMMDD date");
    if (field(10).size() == 4 && !IsValidTime(field(10))) value_error(10, "a valid HHMM time");
    const std::string_view version = field(12);
    if (version.size() == 5 && !(IsDigits(version) && version.substr(0, 2) == "00")) {
      value_error(12, "a version number such as 00401 or 00501");
    }
    if (IsDigits(version)) CheckIsa11(isa, version);
    if (field(13).size() == 9 && !IsDigits(field(13))) value_error(13, "a 9-digit number");
    if (field(14) != "0" && field(14) != "1") value_error(14, "0 or 1");
    if (field(15) != "P" && field(15) != "T" && field(15) != "I") value_error(15, "P, T or I");
  }

  // ISA16 and a separator in ISA11 hold delimiters, which may well be control characters.
  static bool IsDelimiterField(const SegmentView& isa, size_t field) {
    if (field == 16) return true;
    const std::string_view isa11 = isa.element(11).raw();
    return field == 11 && isa11.size() == 1 && !IsAlphanumericByte(isa11[0]);
  }

  void CheckIsa11(const SegmentView& isa, std::string_view version) {
    const std::string_view isa11 = isa.element(11).raw();
    const bool separator_expected = IsDigits(version) && version >= "00402";
    const bool is_separator = isa11.size() == 1 && !IsAlphanumericByte(isa11[0]) && isa11 != " ";
    if (separator_expected && !is_separator) {
      Warn(AckLevel::kTa1, "016", isa, 11,
           "ISA11 " + Quoted(isa11) + " is not a repetition separator although version " + std::string(version) +
               " has one; repeated elements will not be split");
    } else if (!separator_expected && isa11 != "U" && !is_separator) {
      Error(AckLevel::kTa1, "016", isa, 11,
            "ISA11 control standards identifier " + Quoted(isa11) + " is not U");
    } else if (!separator_expected && is_separator) {
      Warn(AckLevel::kTa1, "016", isa, 11,
           "ISA11 " + Quoted(isa11) + " is read as a repetition separator although version " +
               std::string(version) + " expects the standards identifier U");
    }
  }

  // --- segments ----------------------------------------------------------------------------------

  void OnSegment(const SegmentView& segment) {
    if (segment.flags() & kSegmentUnterminated) {
      Error(AckLevel::kTa1, "023", segment, 0,
            "segment " + Quoted(segment.tag()) + " has no segment terminator: the input ends inside it");
    }
    const std::string_view tag = segment.tag();
    switch (SegmentTagCode(tag)) {
      case SegmentTagCode("GS"): return OnGs(segment);
      case SegmentTagCode("GE"): return OnGe(segment);
      case SegmentTagCode("ST"): return OnSt(segment);
      case SegmentTagCode("SE"): return OnSe(segment);
      case SegmentTagCode("IEA"): return OnIea(segment);
      case SegmentTagCode("TA1"):
      case SegmentTagCode("ISB"):
      case SegmentTagCode("ISE"):
        if (!set_open_ && !orphan_set_) return OnServiceSegment(segment);
        break;
      default: break;
    }
    OnDataSegment(segment);
  }

  // TA1, ISB, ISE: interchange-level segments outside any group.
  void OnServiceSegment(const SegmentView& segment) {
    if (group_open_) {
      Error(AckLevel::kTa1, "022", segment, 0,
            "interchange segment " + std::string(segment.tag()) + " inside functional group " +
                std::string(envelope_.groups.back().control_number));
    }
    envelope_.service_segments.push_back(segment.index());
  }

  void OnDataSegment(const SegmentView& segment) {
    const std::string_view tag = segment.tag();
    const bool tag_ok = IsValidSegmentTag(tag);
    if (set_open_) {
      if (!tag_ok) {
        Error(AckLevel::kAk3, "1", segment, 0,
              tag.empty() ? std::string("empty segment: no segment ID before the terminator")
                          : "segment ID " + Quoted(tag) + " is not 2-3 upper-case letters and digits");
      }
      CheckBinary(segment);
      return;
    }
    if (orphan_set_) return;  // reported once, at its ST
    if (!tag_ok) {
      Error(AckLevel::kTa1, "022", segment, 0,
            tag.empty() ? std::string("empty segment: no segment ID before the terminator")
                        : "segment ID " + Quoted(tag) + " is not 2-3 upper-case letters and digits");
      return;
    }
    Error(AckLevel::kTa1, "022", segment, 0,
          "segment " + std::string(tag) + " is outside any transaction set" +
              (group_open_ ? std::string() : std::string(" and functional group")));
  }

  void CheckBinary(const SegmentView& segment) {
    if ((segment.flags() & (kSegmentBinaryLengthInvalid | kSegmentBinaryLengthMismatch)) == 0) return;
    const size_t length_element = segment.tag() == "BDS" ? 2 : 1;
    if (segment.flags() & kSegmentBinaryLengthInvalid) {
      Error(AckLevel::kAk4, "6", segment, length_element,
            ElementName(segment.tag(), length_element) + " binary data length " +
                Quoted(segment.element(length_element).raw()) + " is not a number");
    }
    if (segment.flags() & kSegmentBinaryLengthMismatch) {
      const size_t data_element = length_element + 1;
      ElementView data = segment.element(data_element);
      Error(AckLevel::kAk4, "5", segment, data_element,
            ElementName(segment.tag(), data_element) + " binary data is " + std::to_string(data.raw().size()) +
                " bytes up to the segment terminator, but " + ElementName(segment.tag(), length_element) +
                " says " + std::string(segment.element(length_element).raw()))
          .bad_value.clear();
    }
  }

  void OnGs(const SegmentView& gs) {
    if (set_open_ || orphan_set_) CloseSet(gs);
    if (group_open_) CloseGroup(gs);
    GroupEnvelope& group = envelope_.groups.emplace_back();
    group_open_ = true;
    set_controls_.clear();
    group.gs = gs.index();
    group.continued = gs.index() < options_.copied_segments;
    group.functional_id = gs.element(1).text();
    group.control_number = gs.element(6).text();
    group.version = gs.element(8).text();

    const size_t count = gs.element_count();
    if (count < 8) {
      Error(AckLevel::kTa1, "024", gs, 0,
            "GS has " + std::to_string(count) + " elements; GS01-GS08 are all mandatory");
    } else if (count > 8) {
      Error(AckLevel::kTa1, "024", gs, 9, "GS has " + std::to_string(count) + " elements; it has only 8");
    }
    auto bad = [&](size_t element, std::string what) {
      Error(AckLevel::kTa1, "024", gs, element,
            ElementName("GS", element) + " " + Quoted(gs.element(element).raw()) + " is not " + what);
    };
    const auto text = [&](size_t n) { return gs.element(n).raw(); };
    if (count >= 1 && !(text(1).size() == 2 && IsUpperAlphanumeric(text(1)))) bad(1, "a 2-letter functional identifier code");
    if (count >= 2 && (text(2).size() < 2 || text(2).size() > 15 || !IsPrintable(text(2)))) bad(2, "an application sender code of 2-15 characters");
    if (count >= 3 && (text(3).size() < 2 || text(3).size() > 15 || !IsPrintable(text(3)))) bad(3, "an application receiver code of 2-15 characters");
    // GS04 is CCYYMMDD from version 004010 on; earlier groups (003xxx) may still send YYMMDD.
    const std::string_view group_version = count >= 8 && text(8).size() >= 3 && IsDigits(text(8).substr(0, 3))
                                               ? text(8).substr(0, 3)
                                               : envelope_.version.substr(0, std::min<size_t>(3, envelope_.version.size()));
    const bool long_date = group_version >= "004";
    if (count >= 4 && (!IsValidDate(text(4)) || (long_date && text(4).size() != 8))) {
      bad(4, long_date ? "a valid CCYYMMDD date" : "a valid date");
    }
    if (count >= 5 && !IsValidTime(text(5))) bad(5, "a valid HHMM[SS[D[D]]] time");
    if (count >= 6) {
      if (!IsDigits(text(6)) || text(6).size() > 9) {
        Error(AckLevel::kAk9, "6", gs, 6, "GS06 group control number " + Quoted(text(6)) + " is not a number of 1-9 digits");
      } else if (!group.continued && !group_controls_.insert(std::string(text(6))).second) {
        // (A continued group's GS is a copy: its number was counted in the part that holds it.)
        Error(AckLevel::kAk9, "19", gs, 6,
              "GS06 group control number " + std::string(text(6)) + " is used twice in interchange " +
                  std::string(envelope_.control_number));
      }
    }
    if (count >= 7 && text(7) != "X" && text(7) != "T") bad(7, "a responsible agency code X or T");
    if (count >= 8 && (text(8).empty() || text(8).size() > 12 || !IsPrintable(text(8)))) bad(8, "a version code of 1-12 characters");
  }

  void OnGe(const SegmentView& ge) {
    if (!group_open_) {
      if (set_open_ || orphan_set_) CloseSet(ge);
      Error(AckLevel::kTa1, "022", ge, 0, "GE without a GS before it");
      return;
    }
    if (set_open_ || orphan_set_) CloseSet(ge);
    GroupEnvelope& group = envelope_.groups.back();
    group.ge = ge.index();
    // A group begun in an earlier part holds sets this part does not see: the join counts them.
    if (!group.continued) CheckCount(ge, AckLevel::kAk9, "5", "transaction sets", GroupName(group), group.sets.size());
    const std::string_view ge02 = ge.element(2).raw();
    if (!IsDigits(ge02) || ge02.size() > 9) {
      Error(AckLevel::kAk9, "6", ge, 2, "GE02 group control number " + Quoted(ge02) + " is not a number of 1-9 digits");
    }
    if (!SameControlNumber(ge02, group.control_number)) {
      Error(AckLevel::kAk9, "4", ge, 2,
            "GE02 control number " + Quoted(ge02) + " does not match GS06 " + Quoted(group.control_number));
    }
    if (group.sets.empty()) {
      Warn(AckLevel::kNone, "EMPTY-GROUP", ge, 0,
           "functional group " + std::string(group.control_number) + " holds no transaction set");
    }
    group_open_ = false;
  }

  void OnSt(const SegmentView& st) {
    if (set_open_ || orphan_set_) CloseSet(st);
    if (!group_open_) {
      orphan_set_ = true;
      Error(AckLevel::kTa1, "022", st, 0,
            "transaction set " + std::string(st.element(2).raw()) + " (ST) is outside any functional group");
      return;
    }
    GroupEnvelope& group = envelope_.groups.back();
    TransactionSetEnvelope& set = group.sets.emplace_back();
    set_open_ = true;
    set.st = st.index();
    set.id = st.element(1).text();
    set.control_number = st.element(2).text();
    set.implementation_reference = st.element(3).text();
    const std::string_view st01 = st.element(1).raw();
    if (!(st01.size() == 3 && IsDigits(st01))) {
      Error(AckLevel::kAk5, "6", st, 1, "ST01 transaction set identifier " + Quoted(st01) + " is not 3 digits");
    }
    const std::string_view st02 = st.element(2).raw();
    if (st02.size() < 4 || st02.size() > 9 || !IsPrintable(st02) || TrimRight(st02).empty()) {
      Error(AckLevel::kAk5, "7", st, 2,
            "ST02 transaction set control number " + Quoted(st02) + " is not 4-9 characters");
    } else if (!set_controls_.insert(std::string(st02)).second) {
      Error(AckLevel::kAk5, "23", st, 2,
            "ST02 control number " + std::string(st02) + " is used twice in functional group " +
                std::string(group.control_number));
    }
  }

  void OnSe(const SegmentView& se) {
    if (orphan_set_) {
      orphan_set_ = false;
      return;
    }
    if (!set_open_) {
      Error(AckLevel::kTa1, "022", se, 0, "SE without an ST before it");
      return;
    }
    TransactionSetEnvelope& set = envelope_.groups.back().sets.back();
    set.se = se.index();
    set.end = se.index() + 1;
    CheckCount(se, AckLevel::kAk5, "4", "segments", "transaction set " + std::string(set.control_number),
               se.index() - set.st + 1);
    const std::string_view se02 = se.element(2).raw();
    if (se02 != set.control_number) {
      Error(AckLevel::kAk5, "3", se, 2,
            "SE02 control number " + Quoted(se02) + " does not match ST02 " + Quoted(set.control_number));
    }
    set_open_ = false;
  }

  void OnIea(const SegmentView& iea) {
    if (set_open_ || orphan_set_) CloseSet(iea);
    if (group_open_) CloseGroup(iea);
    envelope_.iea = iea.index();
    if (options_.copied_segments == 0) {
      CheckCount(iea, AckLevel::kTa1, "021", "functional groups", InterchangeName(envelope_.control_number),
                 envelope_.groups.size());
    }
    const std::string_view iea02 = iea.element(2).raw();
    if (iea02.size() != 9 || !IsDigits(iea02)) {
      Error(AckLevel::kTa1, "018", iea, 2, "IEA02 interchange control number " + Quoted(iea02) + " is not a 9-digit number");
    }
    if (!SameControlNumber(iea02, envelope_.control_number)) {
      Error(AckLevel::kTa1, "001", iea, 2,
            "IEA02 control number " + Quoted(iea02) + " does not match ISA13 " + Quoted(envelope_.control_number));
    }
  }

  void CheckCount(const SegmentView& trailer, AckLevel level, std::string_view code, std::string_view counted,
                  const std::string& envelope, uint64_t actual) {
    std::optional<Finding> f = CountFinding(tape_, offsets_, trailer, level, code, counted, envelope, actual);
    if (f) Report(f->severity, f->level, f->code, trailer, 1, std::move(f->message));
  }

  // A set or group is still open when `next` arrives: its trailer is missing.
  void CloseSet(const SegmentView& next) {
    if (orphan_set_) {
      orphan_set_ = false;
      return;
    }
    TransactionSetEnvelope& set = envelope_.groups.back().sets.back();
    set.end = next.index();
    Finding& f = Error(AckLevel::kAk5, "2", next, 0,
                       "transaction set " + std::string(set.control_number) + " (ST at segment " +
                           std::to_string(set.st + 1) + ") has no SE before " + std::string(next.tag()));
    f.set_position = 0;  // the finding is about the set, not about `next`
    set_open_ = false;
  }

  void CloseGroup(const SegmentView& next) {
    GroupEnvelope& group = envelope_.groups.back();
    Error(AckLevel::kAk9, "3", next, 0,
          "functional group " + std::string(group.control_number) + " (GS at segment " + std::to_string(group.gs + 1) +
              ") has no GE before " + std::string(next.tag()));
    group_open_ = false;
  }

  void Finish() {
    if (envelope_.iea != kNoSegment) return;
    const SegmentView last = tape_.segment(tape_.segment_count() - 1);
    if (set_open_ || orphan_set_) {
      if (orphan_set_) {
        orphan_set_ = false;
      } else {
        TransactionSetEnvelope& set = envelope_.groups.back().sets.back();
        set.end = last.index() + 1;
        // A part ends just before the next part's ST: say it as a whole read would.
        Error(AckLevel::kAk5, "2", last, 0,
              "transaction set " + std::string(set.control_number) + " (ST at segment " + std::to_string(set.st + 1) +
                  (options_.open_end ? ") has no SE before ST" : ") has no SE: the interchange ends first"))
            .set_position = 0;
        set_open_ = false;
      }
    }
    if (options_.open_end) return;  // the trailers come in a later part
    if (group_open_) {
      GroupEnvelope& group = envelope_.groups.back();
      Error(AckLevel::kAk9, "3", last, 0,
            "functional group " + std::string(group.control_number) + " (GS at segment " +
                std::to_string(group.gs + 1) + ") has no GE: the interchange ends first");
      group_open_ = false;
    }
    Error(AckLevel::kTa1, "023", last, 0,
          "interchange " + std::string(envelope_.control_number) + " has no IEA trailer: it ends after segment " +
              std::to_string(last.index() + 1) + " (" + std::string(last.tag()) + ")");
  }

  const Tape& tape_;
  const OffsetMap& offsets_;
  Findings& findings_;
  const EnvelopeOptions& options_;
  InterchangeEnvelope envelope_;
  bool group_open_ = false;
  bool set_open_ = false;
  bool orphan_set_ = false;  // an ST outside any group: its segments are not reported one by one
  std::unordered_set<std::string> group_controls_;
  std::unordered_set<std::string> set_controls_;
};

}  // namespace

InterchangeEnvelope ValidateEnvelope(const Tape& tape, const OffsetMap& offsets, Findings& findings,
                                     const EnvelopeOptions& options) {
  return EnvelopeValidator(tape, offsets, findings, options).Run();
}

std::optional<Finding> TrailerCountFinding(const Tape& tape, const OffsetMap& offsets, uint32_t segment,
                                           uint64_t actual, std::string_view interchange_control,
                                           const GroupEnvelope* group, uint32_t group_number) {
  const SegmentView trailer = tape.segment(segment);
  std::optional<Finding> f =
      group != nullptr
          ? CountFinding(tape, offsets, trailer, AckLevel::kAk9, "5", "transaction sets", GroupName(*group), actual)
          : CountFinding(tape, offsets, trailer, AckLevel::kTa1, "021", "functional groups",
                         InterchangeName(interchange_control), actual);
  if (!f) return f;
  f->interchange_control = std::string(TrimRight(interchange_control));
  if (group != nullptr) {
    f->group_control = std::string(group->control_number);
    f->functional_id = std::string(group->functional_id);
    f->group_number = group_number;
  }
  return f;
}

}  // namespace wharf::x12
