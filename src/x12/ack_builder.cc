// Acknowledgment text: envelopes, TA1, and 997/999 bodies from the findings.
#include "x12/ack_builder.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <vector>

#include "tokenize/segment_writer.h"
#include "x12/data_types.h"

namespace wharf::x12 {
namespace {

std::string Padded(std::string_view value, size_t width) {
  std::string out(value.substr(0, width));
  out.resize(width, ' ');
  return out;
}

std::string ZeroPadded(uint64_t value, int width) {
  char text[32];
  std::snprintf(text, sizeof text, "%0*llu", width, static_cast<unsigned long long>(value));
  return text;
}

// The acceptance code of a level from its findings: R for an error, E for a warning that
// carries a code, else A.
char Acceptance(const std::vector<const Finding*>& findings) {
  char code = 'A';
  for (const Finding* f : findings) {
    if (f->is_error()) return 'R';
    code = 'E';
  }
  return code;
}

// Up to `limit` distinct codes, in the order found.
std::vector<std::string> Codes(const std::vector<const Finding*>& findings, size_t limit) {
  std::vector<std::string> codes;
  for (const Finding* f : findings) {
    if (codes.size() == limit) break;
    if (std::find(codes.begin(), codes.end(), f->code) == codes.end()) codes.push_back(f->code);
  }
  return codes;
}

class AckBuilder {
 public:
  AckBuilder(const Interchange& interchange, const AckOptions& options)
      : in_(interchange), options_(options), writer_(interchange.header.delimiters, options.line_break_after_segment) {
    Classify();
  }

  std::string Build() {
    const IsaHeader& isa = in_.header;
    const auto field = [&](size_t n) { return isa.fields[n]; };
    const uint64_t control = options_.control_numbers->NextInterchange();
    // Sender and receiver swap; no authorization or security information is sent back.
    writer_.Begin("ISA")
        .Element("00").Element(Padded("", 10)).Element("00").Element(Padded("", 10))
        .Element(field(7)).Element(Padded(field(8), 15)).Element(field(5)).Element(Padded(field(6), 15))
        .Element(options_.date.substr(2, 6)).Element(options_.time.substr(0, 4)).Element(field(11))
        .Element(field(12)).Element(ZeroPadded(control, 9)).Element("0").Element(field(15)).Element(field(16));
    writer_.End();
    size_t groups = 0;
    if (options_.type == AckType::kTa1 || options_.force_ta1 || (field(14) == "1" && !options_.never_ta1)) WriteTa1();
    if (options_.type != AckType::kTa1) {
      for (size_t g = 0; g < in_.envelope.groups.size(); ++g) {
        WriteGroup(g);
        ++groups;
      }
    }
    writer_.Begin("IEA").Element(std::to_string(groups)).Element(ZeroPadded(control, 9));
    writer_.End();
    return std::move(writer_.text());
  }

 private:
  // Files every error finding under its interchange, group, set and segment.
  void Classify() {
    for (const Finding& f : in_.findings) {
      switch (f.level) {
        case AckLevel::kTa1: interchange_.push_back(&f); break;
        case AckLevel::kAk9:
          if (f.group_number != 0) groups_[f.group_number].push_back(&f);
          break;
        case AckLevel::kAk5:
          if (f.set_number != 0) sets_[{f.group_number, f.set_number}].push_back(&f);
          break;
        case AckLevel::kAk3:
        case AckLevel::kAk4:
          if (f.set_number != 0) segments_[{f.group_number, f.set_number}].push_back(&f);
          break;
        case AckLevel::kNone: break;
      }
    }
  }

  void WriteTa1() {
    const IsaHeader& isa = in_.header;
    std::vector<const Finding*> errors;
    for (const Finding* f : interchange_) errors.push_back(f);
    const char acceptance = Acceptance(errors);
    writer_.Begin("TA1")
        .Element(isa.fields[13]).Element(isa.fields[9]).Element(isa.fields[10])
        .Element(std::string(1, acceptance)).Element(errors.empty() ? "000" : errors.front()->code);
    writer_.End();
  }

  bool Is999() const { return options_.type == AckType::k999; }
  bool Is004010(const GroupEnvelope& group) const { return group.version.substr(0, 6) < "005010"; }

  void WriteGroup(size_t index) {
    const GroupEnvelope& group = in_.envelope.groups[index];
    const uint32_t group_number = static_cast<uint32_t>(index + 1);
    const uint64_t group_control = options_.control_numbers->NextGroup();
    const std::string version = Is999() ? "005010X231A1" : std::string(group.version.substr(0, 6));
    const SegmentView gs = in_.tape.segment(group.gs);
    writer_.Begin("GS").Element("FA").Element(gs.element(3).raw()).Element(gs.element(2).raw())
        .Element(options_.date).Element(options_.time).Element(std::to_string(group_control)).Element("X")
        .Element(version);
    writer_.End();
    const std::string set_control = ZeroPadded(options_.control_numbers->NextSet(), 4);
    writer_.ResetCount();
    writer_.Begin("ST").Element(Is999() ? "999" : "997").Element(set_control);
    if (Is999()) writer_.Element("005010X231A1");
    writer_.End();
    writer_.Begin("AK1").Element(group.functional_id).Element(group.control_number);
    if (Is999() || !Is004010(group)) writer_.Element(group.version);
    writer_.End();

    size_t accepted = 0;
    bool any_rejected = false;
    bool any_noted = false;
    for (size_t s = 0; s < group.sets.size(); ++s) {
      const char result = WriteSet(group, group_number, static_cast<uint32_t>(s + 1));
      if (result != 'R') ++accepted;
      any_rejected |= result == 'R';
      any_noted |= result == 'E';
    }
    const std::vector<const Finding*>& group_findings = groups_[group_number];
    char acceptance = Acceptance(group_findings);
    if (acceptance != 'R') {
      if (any_rejected) acceptance = accepted == 0 ? 'R' : 'P';
      else if (any_noted) acceptance = 'E';
    }
    const SegmentView ge = in_.tape.segment(group.ge == kNoSegment ? group.gs : group.ge);
    const std::string_view declared = group.ge == kNoSegment ? std::string_view() : ge.element(1).raw();
    writer_.Begin("AK9").Element(std::string(1, acceptance))
        .Element(IsDigits(declared) ? std::string(declared) : std::to_string(group.sets.size()))
        .Element(std::to_string(group.sets.size())).Element(std::to_string(accepted));
    for (const std::string& code : Codes(group_findings, 5)) {
      if (code == "19" && !Is999() && Is004010(group)) continue;  // 004010 has no code for a duplicate group
      writer_.Element(code);
    }
    writer_.End();
    const size_t count = writer_.segments() + 1;
    writer_.Begin("SE").Element(std::to_string(count)).Element(set_control);
    writer_.End();
    writer_.Begin("GE").Element("1").Element(std::to_string(group_control));
    writer_.End();
  }

  // Writes the AK2 loop of one set (unless it is clean and clean sets are left out); returns its
  // acceptance code.
  char WriteSet(const GroupEnvelope& group, uint32_t group_number, uint32_t set_number) {
    const TransactionSetEnvelope& set = group.sets[set_number - 1];
    std::vector<const Finding*> set_findings = sets_[{group_number, set_number}];
    const std::vector<const Finding*>& segment_findings = segments_[{group_number, set_number}];
    char acceptance = Acceptance(set_findings);
    const bool segment_errors = std::any_of(segment_findings.begin(), segment_findings.end(),
                                            [](const Finding* f) { return f->is_error(); });
    if (segment_errors) acceptance = 'R';
    if (acceptance == 'A' && !options_.include_accepted_sets) return acceptance;

    writer_.Begin("AK2").Element(set.id).Element(set.control_number);
    if (Is999() && !set.implementation_reference.empty()) writer_.Element(set.implementation_reference);
    writer_.End();
    WriteSegmentNotes(group, segment_findings);
    std::vector<std::string> codes = Codes(set_findings, 5);
    if (segment_errors && codes.size() < 5 && std::find(codes.begin(), codes.end(), "5") == codes.end()) {
      codes.push_back(Is999() && std::all_of(segment_findings.begin(), segment_findings.end(), [](const Finding* f) {
                        return !f->implementation_code.empty();
                      }) ? "I5" : "5");
    }
    writer_.Begin(Is999() ? "IK5" : "AK5").Element(std::string(1, acceptance));
    for (const std::string& code : codes) writer_.Element(code);
    writer_.End();
    return acceptance;
  }

  // AK3/IK3 per segment in error (in order), each with its AK4/IK4s.
  void WriteSegmentNotes(const GroupEnvelope& group, const std::vector<const Finding*>& findings) {
    std::map<uint32_t, std::vector<const Finding*>> by_position;  // set position -> findings
    for (const Finding* f : findings) {
      if (f->is_error()) by_position[f->set_position].push_back(f);
    }
    for (auto& [position, notes] : by_position) {
      // A segment with no usable ID (an empty segment) cannot be named in AK301; the set is
      // still rejected with AK5 code 5.
      notes.erase(std::remove_if(notes.begin(), notes.end(), [](const Finding* f) { return f->segment_tag.empty(); }),
                  notes.end());
      if (notes.empty()) continue;
      // A segment-level code if there is one; else the segment only has element errors (8).
      const Finding* segment_note = nullptr;
      for (const Finding* f : notes) {
        if (f->level == AckLevel::kAk3) segment_note = f;
      }
      const Finding& first = *notes.front();
      // AK301 holds at most three characters: a longer bad ID is cut.
      const std::string tag = (segment_note != nullptr ? segment_note->segment_tag : first.segment_tag).substr(0, 3);
      const std::string code = segment_note == nullptr ? "8" : Code(*segment_note);
      writer_.Begin(Is999() ? "IK3" : "AK3").Element(tag).Element(std::to_string(position))
          .Element(segment_note != nullptr ? segment_note->loop_id : first.loop_id).Element(code);
      writer_.End();
      // 999: the business unit (an 837's claim) the segment belongs to, CTX*CLM01:value.
      const std::string_view unit = first.business_unit;
      if (Is999() && !first.business_unit_name.empty() && !unit.empty() && writer_.Writable(unit)) {
        writer_.Begin("CTX").Composite({first.business_unit_name, unit.substr(0, 35)});
        writer_.End();
      }
      size_t elements = 0;
      for (const Finding* f : notes) {
        if (f->level != AckLevel::kAk4 || f->element == 0 || elements == 99) continue;
        ++elements;
        WriteElementNote(group, *f);
      }
      // A second segment-level note for the same segment (two missing segments reported at
      // one place) gets its own AK3.
      for (const Finding* f : notes) {
        if (f->level == AckLevel::kAk3 && f != segment_note) {
          writer_.Begin(Is999() ? "IK3" : "AK3").Element(f->segment_tag.substr(0, 3)).Element(std::to_string(position))
              .Element(f->loop_id).Element(Code(*f));
          writer_.End();
        }
      }
    }
  }

  void WriteElementNote(const GroupEnvelope& group, const Finding& f) {
    // 004010 has no codes for too many repetitions or components: they are too many elements.
    const bool too_many = MapsToTooManyElements(group, f);
    const std::string code = too_many ? std::string("3") : Code(f);
    const std::string position = std::to_string(f.element);
    const std::string component = f.component != 0 ? std::to_string(f.component) : std::string();
    const std::string repetition = Is999() && f.repetition != 0 ? std::to_string(f.repetition) : std::string();
    writer_.Begin(Is999() ? "IK4" : "AK4").Composite({position, component, repetition})
        .Element(f.element_reference != 0 ? std::to_string(f.element_reference) : std::string()).Element(code);
    // The bad data, unless it is the cause (an invalid character) or cannot be written.
    std::string_view bad = std::string_view(f.bad_value).substr(0, 99);
    if (code != "6" && !bad.empty() && writer_.Writable(bad)) writer_.Element(bad);
    writer_.End();
  }

  bool MapsToTooManyElements(const GroupEnvelope& group, const Finding& f) const {
    return !Is999() && Is004010(group) && (f.code == "12" || f.code == "13");
  }

  std::string Code(const Finding& f) const {
    return Is999() && !f.implementation_code.empty() ? f.implementation_code : f.code;
  }

  const Interchange& in_;
  const AckOptions& options_;
  SegmentWriter writer_;
  std::vector<const Finding*> interchange_;
  std::map<uint32_t, std::vector<const Finding*>> groups_;
  std::map<std::pair<uint32_t, uint32_t>, std::vector<const Finding*>> sets_;
  std::map<std::pair<uint32_t, uint32_t>, std::vector<const Finding*>> segments_;
};

}  // namespace

std::string BuildAcknowledgment(const Interchange& interchange, const AckOptions& options) {
  return AckBuilder(interchange, options).Build();
}

}  // namespace wharf::x12
