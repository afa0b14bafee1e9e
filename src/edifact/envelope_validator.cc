// EDIFACT envelope validation in one pass over the tape.
#include "edifact/envelope.h"

#include <string>
#include <unordered_set>

#include "diagnostics/segment_finding.h"
#include "x12/data_types.h"

namespace wharf::edifact {
namespace {

// ISO 9735 syntax error codes (data element 0085) used here.
constexpr const char* kSyntaxNotSupported = "2";
constexpr const char* kInvalidValue = "12";
constexpr const char* kMissing = "13";
constexpr const char* kNotSupportedHere = "15";
constexpr const char* kTooManyConstituents = "16";
constexpr const char* kUnspecified = "18";
constexpr const char* kInvalidCharacter = "21";
constexpr const char* kDuplicate = "26";
constexpr const char* kReferencesDiffer = "28";
constexpr const char* kCountDiffers = "29";
constexpr const char* kGroupsAndMessagesMixed = "30";
constexpr const char* kLowerLevelEmpty = "32";
constexpr const char* kOutsideMessage = "33";
constexpr const char* kTooLong = "39";
constexpr const char* kTrailingSeparator = "45";

using x12::IsDigits;

std::string Quoted(std::string_view value) { return QuoteValue(value); }

// EDIFACT segment tags are an3: three upper-case letters or digits, the first a letter.
bool IsSegmentTag(std::string_view tag) {
  auto upper_or_digit = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
  return tag.size() == 3 && tag[0] >= 'A' && tag[0] <= 'Z' && upper_or_digit(tag[1]) && upper_or_digit(tag[2]);
}

std::string ElementName(std::string_view tag, size_t element, size_t component = 0) {
  std::string name(tag);
  name += element < 10 ? "0" : "";
  name += std::to_string(element);
  if (component != 0) name += "-" + std::string(component < 10 ? "0" : "") + std::to_string(component);
  return name;
}

bool ParseCount(std::string_view text, uint64_t& count) {
  if (!IsDigits(text) || text.size() > 18) return false;
  count = 0;
  for (char c : text) count = count * 10 + static_cast<uint64_t>(c - '0');
  return true;
}

bool IsDate(std::string_view text, int version) {
  return text.size() == (version >= 4 ? 8u : 6u) && x12::IsValidDate(text);
}

bool IsTime(std::string_view text) { return text.size() == 4 && x12::IsValidTime(text); }

Finding EdifactSegmentFinding(const Tape& tape, const OffsetMap& offsets, Severity severity, AckLevel level,
                              std::string_view code, const SegmentView& segment, size_t element, size_t component,
                              std::string message) {
  return SegmentFinding(Standard::kEdifact, tape, offsets, severity, level, code, segment, element, component,
                        std::move(message));
}

// A trailer's count (UNT01, UNE01, UNZ01) against what its envelope holds.
std::optional<Finding> CountFinding(const Tape& tape, const OffsetMap& offsets, const SegmentView& trailer,
                                    AckLevel level, std::string_view counted, const std::string& envelope,
                                    uint64_t actual) {
  const std::string element = ElementName(trailer.tag(), 1);
  const std::string_view text = trailer.element(1).text();
  uint64_t declared = 0;
  auto error = [&](const char* code, std::string message) {
    return EdifactSegmentFinding(tape, offsets, Severity::kError, level, code, trailer, 1, 0, std::move(message));
  };
  if (text.empty()) return error(kMissing, element + " number of " + std::string(counted) + " is missing");
  if (!ParseCount(text, declared)) {
    return error(kInvalidValue, element + " number of " + std::string(counted) + " " + Quoted(text) + " is not a number");
  }
  if (declared == actual) return std::nullopt;
  return error(kCountDiffers, element + " says " + std::to_string(declared) + " " + std::string(counted) + ", " +
                                  envelope + " has " + std::to_string(actual));
}

// "interchange REF", or "the interchange" when UNB gives no reference.
std::string InterchangeName(const InterchangeEnvelope& envelope) {
  return envelope.control_reference.empty() ? "the interchange"
                                            : "interchange " + std::string(envelope.control_reference);
}

class EnvelopeValidator {
 public:
  EnvelopeValidator(const Tape& tape, const OffsetMap& offsets, Findings& findings, const EnvelopeOptions& options)
      : tape_(tape), offsets_(offsets), findings_(findings), options_(options) {}

  InterchangeEnvelope Run() {
    const SegmentView first = tape_.segment(0);
    if (first.tag() == "UNB") {
      CheckUnb(first);
    } else {
      Error(AckLevel::kTa1, kMissing, first, 0, 0,
            "the interchange does not start with UNB (it starts with " + Quoted(first.tag()) + ")")
          .segment_tag = "UNB";
    }
    repertoire_.emplace(envelope_.syntax.repertoire, tape_.delimiters());
    const TapeSegment& last = tape_.segments()[tape_.segment_count() - 1];
    unit_end_ = last.offset + last.length;
    next_suspect_ = FindSuspect(0);
    for (uint32_t i = 0; i < tape_.segment_count(); ++i) {
      const SegmentView segment = tape_.segment(i);
      const uint32_t end = segment.offset() + segment.entry().length;
      while (next_suspect_ < segment.offset()) next_suspect_ = FindSuspect(next_suspect_ + 1);  // between segments
      // A UNH's or UNG's own problems belong to the message or group it opens: checked after it.
      const std::string_view tag = segment.tag();
      const bool opens = tag == "UNH" || tag == "UNG";
      if (opens && (i > 0 || first.tag() != "UNB")) OnSegment(segment);
      if (next_suspect_ < end) {
        CheckCharacters(segment);
        next_suspect_ = FindSuspect(end);
      }
      CheckSeparators(segment);
      if (!opens && (i > 0 || first.tag() != "UNB")) OnSegment(segment);
      if ((segment.flags() & kSegmentEscaped) != 0) CheckReleases(segment);  // after OnSegment: a UNH's findings belong to its message
    }
    Finish();
    return std::move(envelope_);
  }

 private:
  // --- reporting -------------------------------------------------------------------------------

  Finding& Report(Severity severity, AckLevel level, std::string_view code, const SegmentView& segment,
                  size_t element, size_t component, std::string message) {
    Finding& f = findings_.emplace_back(
        EdifactSegmentFinding(tape_, offsets_, severity, level, code, segment, element, component, std::move(message)));
    f.interchange_control = std::string(envelope_.control_reference);
    if (group_open_) {
      const GroupEnvelope& g = envelope_.groups.back();
      f.group_control = std::string(g.reference);
      f.functional_id = std::string(g.functional_id);
      f.group_number = static_cast<uint32_t>(envelope_.groups.size());
    }
    if (message_open_) {
      const GroupEnvelope& g = envelope_.groups.back();
      const MessageEnvelope& m = g.messages.back();
      f.group_number = static_cast<uint32_t>(envelope_.groups.size());
      f.set_control = std::string(m.reference);
      f.set_id = std::string(m.type);
      f.set_position = segment.index() - m.unh + 1;
      f.set_number = static_cast<uint32_t>(g.messages.size());
    }
    return f;
  }
  Finding& Error(AckLevel level, std::string_view code, const SegmentView& segment, size_t element, size_t component,
                 std::string message) {
    return Report(Severity::kError, level, code, segment, element, component, std::move(message));
  }

  // Characters of data in a raw value: a release character and the byte it releases count once.
  size_t DataLength(std::string_view raw) const {
    if (!tape_.delimiters().release) return raw.size();
    size_t length = 0;
    for (size_t i = 0; i < raw.size(); ++i, ++length) {
      if (raw[i] == *tape_.delimiters().release) ++i;
    }
    return length;
  }

  std::string InterchangeName() const { return edifact::InterchangeName(envelope_); }

  // The level a problem inside this segment is reported at: the innermost open envelope.
  AckLevel Innermost(bool element_level) const {
    if (message_open_) return element_level ? AckLevel::kAk4 : AckLevel::kAk3;
    return group_open_ ? AckLevel::kAk9 : AckLevel::kTa1;
  }

  // --- whole-segment checks ------------------------------------------------------------------

  // The repertoire is screened over the whole interchange in long runs, not segment by segment:
  // the next byte from `from` on that may be outside it (line breaks between segments pass; the
  // reader unwraps any interchange with a line break inside a segment). Only a segment holding
  // such a byte is checked exactly.
  uint32_t FindSuspect(uint32_t from) const {
    if (from >= unit_end_) return unit_end_;
    // A line break that is the terminator leaves the other one (CR before LF) inside segments.
    const char terminator = tape_.delimiters().segment;
    const bool line_breaks_between = terminator != '\n' && terminator != '\r';
    const size_t at = repertoire_->FindInvalid(tape_.bytes().substr(from, unit_end_ - from), line_breaks_between);
    return at == std::string_view::npos ? unit_end_ : from + static_cast<uint32_t>(at);
  }

  // Bytes outside the repertoire UNB declares (UNOA: upper case only, ...).
  void CheckCharacters(const SegmentView& segment) {
    const size_t at = repertoire_->FindInvalid(segment.raw());
    if (at == std::string_view::npos || at < segment.tag().size()) return;  // a bad tag is OnSegment's
    const auto [element, component] = Locate(segment, segment.offset() + static_cast<uint32_t>(at));
    const auto byte = static_cast<unsigned char>(segment.raw()[at]);
    static constexpr char kHex[] = "0123456789ABCDEF";
    const std::string shown = byte >= 0x20 && byte < 0x7F ? "'" + std::string(1, static_cast<char>(byte)) + "'"
                                                         : std::string("0x") + kHex[byte >> 4] + kHex[byte & 15];
    Finding& f = Error(Innermost(element > 0), kInvalidCharacter, segment, element, component,
                       ElementName(segment.tag(), element, component) + " holds " + shown + ", which syntax " +
                           std::string(envelope_.syntax.id) + " does not allow");
    f.file_offset = offsets_.ToFile(segment.offset() + static_cast<uint32_t>(at));
  }

  // Which element and component hold the byte at tape offset `offset`; the component is 0 in a
  // simple element (one with no component separator), so that names read "BGM02", not "BGM02-01".
  std::pair<size_t, size_t> Locate(const SegmentView& segment, uint32_t offset) const {
    auto located = [&](size_t element, size_t component) -> std::pair<size_t, size_t> {
      if (element == 0 || segment.element(element).component_count() <= 1) component = 0;
      return {element, component};
    };
    size_t element = 0, component = 0;
    for (size_t v = 1; v < segment.value_count(); ++v) {
      const std::string_view value = segment.value(v);
      const ValueLead lead = segment.lead(v);
      if (lead == ValueLead::kElement) ++element, component = 1;
      if (lead == ValueLead::kComponent) ++component;
      if (value.data() - tape_.bytes().data() > static_cast<std::ptrdiff_t>(offset)) break;
      if (offset < static_cast<uint32_t>(value.data() + value.size() - tape_.bytes().data()) ||
          v + 1 == segment.value_count()) {
        return located(element, component);
      }
    }
    return located(element, component);
  }

  // Syntax 4 forbids separators with nothing after them at the end of a segment or composite
  // (code 45); syntax 3 tolerated them, so there they are a warning.
  void CheckSeparators(const SegmentView& segment) {
    const size_t values = segment.value_count();
    if (values < 2 || !segment.value(values - 1).empty()) return;
    const size_t elements = segment.element_count();
    const ElementView last = segment.element(elements);
    const bool element_trailing = segment.lead(values - 1) == ValueLead::kElement;
    Report(envelope_.syntax_version >= 4 ? Severity::kError : Severity::kWarning, Innermost(true), kTrailingSeparator,
           segment, elements, element_trailing ? 0 : last.component_count(),
           std::string(segment.tag()) + " ends with a separator and no data after it" +
               (envelope_.syntax_version >= 4 ? "" : " (tolerated before syntax 4)"));
  }

  // --- UNB -------------------------------------------------------------------------------------

  void CheckUnb(const SegmentView& unb) {
    const ElementView s001 = unb.element(1);
    envelope_.syntax = ParseSyntaxIdentifier(s001.component(1));
    const std::string_view version = s001.component(2);
    envelope_.syntax_version = version.size() == 1 && version[0] >= '1' && version[0] <= '9' ? version[0] - '0' : 0;
    envelope_.sender = unb.element(2).component(1);
    envelope_.sender_qualifier = unb.element(2).component(2);
    envelope_.recipient = unb.element(3).component(1);
    envelope_.recipient_qualifier = unb.element(3).component(2);
    envelope_.date = unb.element(4).component(1);
    envelope_.time = unb.element(4).component(2);
    envelope_.control_reference = unb.element(5).text();
    envelope_.application_reference = unb.element(7).text();
    envelope_.acknowledgement_request = unb.element(9).text();
    envelope_.test_indicator = unb.element(11).text();

    if (s001.component(1).empty()) {
      Error(AckLevel::kTa1, kMissing, unb, 1, 1, "UNB01-01 syntax identifier is missing");
    } else if (envelope_.syntax.repertoire == Repertoire::kUnknown) {
      Error(AckLevel::kTa1, kSyntaxNotSupported, unb, 1, 1,
            "UNB01-01 syntax identifier " + Quoted(s001.component(1)) +
                " is not one wharf knows (UNOA-UNOL, UNOW, UNOX, UNOY, IATA)");
    }
    if (version.empty()) {
      Error(AckLevel::kTa1, kMissing, unb, 1, 2, "UNB01-02 syntax version number is missing");
    } else if (envelope_.syntax_version < 1 || envelope_.syntax_version > 4) {
      Error(AckLevel::kTa1, kSyntaxNotSupported, unb, 1, 2,
            "UNB01-02 syntax version " + Quoted(version) + " is not 1, 2, 3 or 4");
    }
    auto required = [&](size_t element, size_t component, std::string_view value, const char* what) {
      if (value.empty()) {
        Error(AckLevel::kTa1, kMissing, unb, element, component,
              ElementName("UNB", element, component) + " " + what + " is missing");
        return false;
      }
      return true;
    };
    auto longest = [&](size_t element, size_t component, std::string_view value, size_t max, const char* what) {
      if (DataLength(value) > max) {
        Error(AckLevel::kTa1, kTooLong, unb, element, component,
              ElementName("UNB", element, component) + " " + what + " " + Quoted(value) + " is longer than " +
                  std::to_string(max));
      }
    };
    if (required(2, 1, envelope_.sender, "interchange sender")) longest(2, 1, envelope_.sender, 35, "sender");
    if (required(3, 1, envelope_.recipient, "interchange recipient")) {
      longest(3, 1, envelope_.recipient, 35, "recipient");
    }
    if (required(4, 1, envelope_.date, "date of preparation") && envelope_.syntax_version >= 1 && envelope_.syntax_version <= 4 &&
        !IsDate(envelope_.date, envelope_.syntax_version)) {
      Error(AckLevel::kTa1, kInvalidValue, unb, 4, 1,
            "UNB04-01 date " + Quoted(envelope_.date) + " is not a valid " +
                (envelope_.syntax_version >= 4 ? "CCYYMMDD" : "YYMMDD") + " date");
    }
    if (required(4, 2, envelope_.time, "time of preparation") && !IsTime(envelope_.time)) {
      Error(AckLevel::kTa1, kInvalidValue, unb, 4, 2, "UNB04-02 time " + Quoted(envelope_.time) + " is not a valid HHMM time");
    }
    if (required(5, 0, envelope_.control_reference, "interchange control reference")) {
      longest(5, 0, envelope_.control_reference, 14, "interchange control reference");
    }
    // Senders write 0 or N for "not requested"; refusing the interchange for it would help nobody.
    const std::string_view request = envelope_.acknowledgement_request;
    if (!request.empty() && request != "1" && !(request == "2" && envelope_.syntax_version >= 4)) {
      Report(Severity::kWarning, AckLevel::kTa1, kInvalidValue, unb, 9, 0,
             "UNB09 acknowledgement request " + Quoted(request) + " is not " +
                 (envelope_.syntax_version >= 4 ? "1 or 2" : "1") + "; read as not requested");
    }
    if (!envelope_.test_indicator.empty() && envelope_.test_indicator != "1") {
      Error(AckLevel::kTa1, kInvalidValue, unb, 11, 0, "UNB11 test indicator " + Quoted(envelope_.test_indicator) + " is not 1");
    }
    if (unb.element_count() > 11) {
      Error(AckLevel::kTa1, kTooManyConstituents, unb, 12, 0,
            "UNB has " + std::to_string(unb.element_count()) + " elements; it has 11");
    }
  }

  // --- the segments after UNB --------------------------------------------------------------------

  void OnSegment(const SegmentView& segment) {
    const std::string_view tag = segment.tag();
    if (tag.size() == 3 && tag[0] == 'U' && tag[1] == 'N') {
      switch (tag[2]) {
        case 'H': return OnUnh(segment);
        case 'T': return OnUnt(segment);
        case 'G': return OnUng(segment);
        case 'E': return OnUne(segment);
        case 'Z': return OnUnz(segment);
        case 'B':
          Error(AckLevel::kTa1, kUnspecified, segment, 0, 0, "a second UNB inside interchange " +
                                                                std::string(envelope_.control_reference));
          return;
        default: break;
      }
    }
    if (!IsSegmentTag(tag)) {  // the grammar check leaves malformed tags to this one
      Error(Innermost(false), kNotSupportedHere, segment, 0, 0,
            "segment tag " + Quoted(tag) + " is not three upper-case letters or digits");
    }
    if (unz_seen_) {
      Error(AckLevel::kTa1, kOutsideMessage, segment, 0, 0, "segment " + Quoted(tag) + " after UNZ");
      return;
    }
    if (!message_open_) {
      if (!outside_reported_) {
        Error(group_open_ ? AckLevel::kAk9 : AckLevel::kTa1, kOutsideMessage, segment, 0, 0,
              "segment " + Quoted(tag) + " is outside any message (no UNH before it)");
      }
      outside_reported_ = true;
      return;
    }
  }

  // A release character right before a terminator makes the terminator data, and the next
  // segment runs into this one; it shows as a released terminator followed by a segment tag.
  // A release character before an ordinary character is meaningless (ISO 9735 releases only
  // service characters): the character is kept, with a warning, once per segment.
  void CheckReleases(const SegmentView& segment) {
    if ((segment.flags() & kSegmentEscaped) == 0 || !tape_.delimiters().release) return;
    const Delimiters& d = tape_.delimiters();
    const std::string_view raw = segment.raw();
    const char release = *d.release;
    bool warned = false;
    for (size_t i = raw.find(release); i != std::string_view::npos && i + 1 < raw.size(); i = raw.find(release, i + 2)) {
      const char released = raw[i + 1];
      if (released == d.segment) {
        const std::string_view after = raw.substr(i + 2);
        if (after.size() > 3 && after[0] >= 'A' && after[0] <= 'Z' && after[1] >= 'A' && after[1] <= 'Z' &&
            after[2] >= 'A' && after[2] <= 'Z' && after[3] == d.element) {
          const auto [element, component] = Locate(segment, segment.offset() + static_cast<uint32_t>(i));
          Error(AckLevel::kAk3, kUnspecified, segment, element, component,
                ElementName(segment.tag(), element, component) +
                    " ends with a release character, which makes the segment terminator data: " +
                    std::string(segment.tag()) + " and the " + std::string(after.substr(0, 3)) +
                    " after it are read as one segment");
          return;
        }
      } else if (!warned && released != d.element && released != d.component && released != release &&
                 !(d.repetition && released == *d.repetition)) {
        warned = true;
        const auto [element, component] = Locate(segment, segment.offset() + static_cast<uint32_t>(i));
        Finding& f = Report(Severity::kWarning, Innermost(element > 0), kUnspecified, segment, element, component,
                            ElementName(segment.tag(), element, component) + " releases " +
                                Quoted(std::string_view(&raw[i + 1], 1)) +
                                ", which is not a service character; it is read as itself");
        f.file_offset = offsets_.ToFile(segment.offset() + static_cast<uint32_t>(i));
      }
    }
  }

  void OnUng(const SegmentView& ung) {
    if (message_open_) CloseMessage(ung);
    if (group_open_) CloseGroup(ung);
    if (!envelope_.groups.empty() && !envelope_.uses_groups) {
      Error(AckLevel::kTa1, kGroupsAndMessagesMixed, ung, 0, 0,
            "UNG after messages that are in no group: an interchange holds either groups or messages");
    }
    envelope_.uses_groups = true;
    GroupEnvelope& group = envelope_.groups.emplace_back();
    group_open_ = true;
    outside_reported_ = false;
    group.ung = ung.index();
    group.continued = ung.index() < options_.copied_segments;
    group.functional_id = ung.element(1).text();
    group.reference = ung.element(5).text();
    if (group.reference.empty()) {
      Error(AckLevel::kAk9, kMissing, ung, 5, 0, "UNG05 group reference number is missing");
    } else if (!group.continued && !group_references_.insert(std::string(group.reference)).second) {
      // (A continued group's UNG is a copy: its reference was counted in the part that holds it.)
      Error(AckLevel::kAk9, kDuplicate, ung, 5, 0,
            "UNG05 group reference " + Quoted(group.reference) + " is used twice in interchange " +
                std::string(envelope_.control_reference));
    }
    if (envelope_.syntax_version < 4 && group.functional_id.empty()) {
      Error(AckLevel::kAk9, kMissing, ung, 1, 0, "UNG01 message group identification is missing");
    }
  }

  void OnUne(const SegmentView& une) {
    if (message_open_) CloseMessage(une);
    if (!group_open_) {
      Error(AckLevel::kTa1, kOutsideMessage, une, 0, 0, "UNE without a UNG before it");
      return;
    }
    GroupEnvelope& group = envelope_.groups.back();
    group.une = une.index();
    // A group begun in an earlier part holds messages this part does not see: the join counts them.
    if (!group.continued) {
      CheckCount(une, AckLevel::kAk9, "messages", "group " + std::string(group.reference), group.messages.size());
    }
    const std::string_view reference = une.element(2).text();
    if (reference != group.reference) {
      Error(AckLevel::kAk9, reference.empty() ? kMissing : kReferencesDiffer, une, 2, 0,
            "UNE02 group reference " + Quoted(reference) + " does not match UNG05 " + Quoted(group.reference));
    }
    if (group.messages.empty() && !group.continued) {
      Error(AckLevel::kAk9, kLowerLevelEmpty, une, 0, 0, "group " + std::string(group.reference) + " holds no message");
    }
    group_open_ = false;
  }

  void OnUnh(const SegmentView& unh) {
    if (message_open_) CloseMessage(unh);
    if (!group_open_) {
      if (envelope_.uses_groups) {
        Error(AckLevel::kTa1, kGroupsAndMessagesMixed, unh, 0, 0,
              "UNH outside any group in an interchange that has groups (UNG/UNE)");
      }
      if (envelope_.groups.empty() || envelope_.groups.back().ung != kNoSegment) {
        // In a later part, the messages outside groups go on with those of the earlier parts.
        const bool first = envelope_.groups.empty();
        envelope_.groups.emplace_back().continued = first && options_.copied_segments > 0;
      }
    }
    outside_reported_ = false;
    GroupEnvelope& group = envelope_.groups.back();
    MessageEnvelope& message = group.messages.emplace_back();
    message_open_ = true;
    message.unh = unh.index();
    message.reference = unh.element(1).text();
    const ElementView s009 = unh.element(2);
    message.type = s009.component(1);
    message.version = s009.component(2);
    message.release = s009.component(3);
    message.agency = s009.component(4);
    message.association = s009.component(5);
    if (message.reference.empty()) {
      Error(AckLevel::kAk5, kMissing, unh, 1, 0, "UNH01 message reference number is missing");
    } else if (DataLength(message.reference) > 14) {
      Error(AckLevel::kAk5, kTooLong, unh, 1, 0,
            "UNH01 message reference " + Quoted(message.reference) + " is longer than 14");
    } else if (!message_references_.insert(std::string(message.reference)).second) {
      Error(AckLevel::kAk5, kDuplicate, unh, 1, 0,
            "UNH01 message reference " + Quoted(message.reference) + " is used twice in interchange " +
                std::string(envelope_.control_reference));
    }
    // ISO 9735: 0065 an..6, 0052 an..3, 0054 an..3, 0051 an..2 (an..3 from syntax 4), 0057 an..6.
    const size_t agency_length = envelope_.syntax_version >= 4 ? 3 : 2;
    const size_t kLongest[] = {0, 6, 3, 3, agency_length, 6};
    static constexpr const char* kParts[] = {"",           "message type",       "message version number",
                                             "message release number", "controlling agency", "association assigned code"};
    for (size_t component = 1; component <= 5; ++component) {
      const std::string_view value = s009.component(component);
      if (value.empty() && component <= 4) {
        Error(AckLevel::kAk5, kMissing, unh, 2, component,
              ElementName("UNH", 2, component) + " " + kParts[component] + " is missing");
      } else if (DataLength(value) > kLongest[component]) {
        Error(AckLevel::kAk5, kTooLong, unh, 2, component,
              ElementName("UNH", 2, component) + " " + kParts[component] + " " + Quoted(value) + " is longer than " +
                  std::to_string(kLongest[component]));
      }
    }
  }

  void OnUnt(const SegmentView& unt) {
    if (!message_open_) {
      Error(AckLevel::kTa1, kOutsideMessage, unt, 0, 0, "UNT without a UNH before it");
      return;
    }
    MessageEnvelope& message = envelope_.groups.back().messages.back();
    message.unt = unt.index();
    message.end = unt.index() + 1;
    CheckCount(unt, AckLevel::kAk5, "segments", "message " + std::string(message.reference),
               unt.index() - message.unh + 1);
    const std::string_view reference = unt.element(2).text();
    if (reference != message.reference) {
      Error(AckLevel::kAk5, reference.empty() ? kMissing : kReferencesDiffer, unt, 2, 0,
            "UNT02 message reference " + Quoted(reference) + " does not match UNH01 " + Quoted(message.reference));
    }
    message_open_ = false;
  }

  void OnUnz(const SegmentView& unz) {
    if (message_open_) CloseMessage(unz);
    if (group_open_) CloseGroup(unz);
    envelope_.unz = unz.index();
    unz_seen_ = true;
    size_t count = 0;
    for (const GroupEnvelope& group : envelope_.groups) count += envelope_.uses_groups ? 1 : group.messages.size();
    const bool whole = options_.copied_segments == 0;  // else the join counts over every part
    if (whole) CheckCount(unz, AckLevel::kTa1, envelope_.uses_groups ? "groups" : "messages", InterchangeName(), count);
    const std::string_view reference = unz.element(2).text();
    if (reference != envelope_.control_reference) {
      Error(AckLevel::kTa1, reference.empty() ? kMissing : kReferencesDiffer, unz, 2, 0,
            "UNZ02 interchange control reference " + Quoted(reference) + " does not match UNB05 " +
                Quoted(envelope_.control_reference));
    }
    if (count == 0 && whole) {
      Error(AckLevel::kTa1, kLowerLevelEmpty, unz, 0, 0,
            InterchangeName() + " holds no message");
    }
    if ((unz.flags() & kSegmentUnterminated) != 0) {
      Error(AckLevel::kTa1, kMissing, unz, 0, 0, "UNZ has no segment terminator: the interchange is cut short");
    }
  }

  void CheckCount(const SegmentView& trailer, AckLevel level, std::string_view counted, const std::string& envelope,
                  uint64_t actual) {
    std::optional<Finding> f = CountFinding(tape_, offsets_, trailer, level, counted, envelope, actual);
    if (f) Error(f->level, f->code, trailer, 1, 0, std::move(f->message));
  }

  // A message or group is still open when `next` arrives: its trailer is missing.
  void CloseMessage(const SegmentView& next) {
    MessageEnvelope& message = envelope_.groups.back().messages.back();
    message.end = next.index();
    Finding& f = Error(AckLevel::kAk5, kMissing, next, 0, 0,
                       "message " + std::string(message.reference) + " (UNH at segment " + std::to_string(message.unh + 1) +
                           ") has no UNT before " + std::string(next.tag()));
    f.set_position = 0;  // about the message, not about `next`
    f.segment_tag = "UNT";
    message_open_ = false;
  }

  void CloseGroup(const SegmentView& next) {
    const GroupEnvelope& group = envelope_.groups.back();
    Error(AckLevel::kAk9, kMissing, next, 0, 0,
          "group " + std::string(group.reference) + " (UNG at segment " + std::to_string(group.ung + 1) +
              ") has no UNE before " + std::string(next.tag()))
        .segment_tag = "UNE";
    group_open_ = false;
  }

  void Finish() {
    if (envelope_.unz != kNoSegment) return;
    const SegmentView last = tape_.segment(tape_.segment_count() - 1);
    if (message_open_) {
      MessageEnvelope& message = envelope_.groups.back().messages.back();
      message.end = last.index() + 1;
      // A part ends just before the next part's UNH: say it as a whole read would (CloseMessage).
      Finding& f = Error(AckLevel::kAk5, kMissing, last, 0, 0,
                         "message " + std::string(message.reference) +
                             (options_.open_end ? " (UNH at segment " + std::to_string(message.unh + 1) +
                                                      ") has no UNT before UNH"
                                                : std::string(" has no UNT: the interchange ends first")));
      f.segment_tag = "UNT";
      if (options_.open_end) f.set_position = 0;
      message_open_ = false;
    }
    if (options_.open_end) return;  // the trailers come in a later part
    if (group_open_) {
      Error(AckLevel::kAk9, kMissing, last, 0, 0,
            "group " + std::string(envelope_.groups.back().reference) + " has no UNE: the interchange ends first")
          .segment_tag = "UNE";
      group_open_ = false;
    }
    const bool release_at_end = (last.flags() & kSegmentUnterminated) != 0 && tape_.delimiters().release &&
                                !last.raw().empty() && last.raw().back() == *tape_.delimiters().release;
    Error(AckLevel::kTa1, kMissing, last, 0, 0,
          InterchangeName() + " has no UNZ: the data ends" +
              (release_at_end ? " with a release character, which leaves nothing to release" : "") +
              ((last.flags() & kSegmentUnterminated) != 0 ? " inside an unterminated " + std::string(last.tag()) + " segment"
                                                          : ""))
        .segment_tag = "UNZ";
  }

  const Tape& tape_;
  const OffsetMap& offsets_;
  Findings& findings_;
  const EnvelopeOptions& options_;
  InterchangeEnvelope envelope_;
  std::optional<RepertoireCheck> repertoire_;
  uint32_t unit_end_ = 0;      // one past the last segment on the tape
  uint32_t next_suspect_ = 0;  // FindSuspect's last answer
  bool group_open_ = false;
  bool message_open_ = false;
  bool unz_seen_ = false;
  bool outside_reported_ = false;  // one finding per run of segments outside messages
  std::unordered_set<std::string> message_references_;
  std::unordered_set<std::string> group_references_;
};

}  // namespace

InterchangeEnvelope ValidateEnvelope(const Tape& tape, const OffsetMap& offsets, Findings& findings,
                                     const EnvelopeOptions& options) {
  return EnvelopeValidator(tape, offsets, findings, options).Run();
}

std::optional<Finding> TrailerCountFinding(const Tape& tape, const OffsetMap& offsets, uint32_t segment,
                                           uint64_t actual, const InterchangeEnvelope& envelope,
                                           const GroupEnvelope* group, uint32_t group_number) {
  const SegmentView trailer = tape.segment(segment);
  std::optional<Finding> f =
      group != nullptr
          ? CountFinding(tape, offsets, trailer, AckLevel::kAk9, "messages", "group " + std::string(group->reference),
                         actual)
          : CountFinding(tape, offsets, trailer, AckLevel::kTa1, envelope.uses_groups ? "groups" : "messages",
                         InterchangeName(envelope), actual);
  if (!f) return f;
  f->interchange_control = std::string(envelope.control_reference);
  if (group != nullptr) {
    f->group_control = std::string(group->reference);
    f->functional_id = std::string(group->functional_id);
    f->group_number = group_number;
  }
  return f;
}

Finding RepeatedReferenceFinding(const Tape& tape, const OffsetMap& offsets, uint32_t segment,
                                 const InterchangeEnvelope& envelope) {
  const SegmentView view = tape.segment(segment);
  const bool message = view.tag() == "UNH";
  const size_t element = message ? 1 : 5;
  Finding f = EdifactSegmentFinding(tape, offsets, Severity::kError, message ? AckLevel::kAk5 : AckLevel::kAk9,
                                    kDuplicate, view, element, 0,
                             std::string(message ? "UNH01 message reference " : "UNG05 group reference ") +
                                 Quoted(view.element(element).text()) + " is used twice in interchange " +
                                 std::string(envelope.control_reference));
  f.interchange_control = std::string(envelope.control_reference);
  return f;
}

}  // namespace wharf::edifact
