// CONTRL text from an interchange's envelope and findings.
#include "edifact/contrl_builder.h"

#include <algorithm>
#include <tuple>
#include <vector>

#include "tokenize/segment_writer.h"

namespace wharf::edifact {
namespace {

constexpr size_t kMostUcdPerUcs = 99;     // UCD repeats at most 99 times in SG2/SG5
constexpr size_t kMostUcsPerMessage = 999;

std::string Number(uint64_t value) { return std::to_string(value); }

// The raw text of component `component` (1-based) of element `element` of a segment: inbound
// values are copied into the CONTRL as they were written (release characters included), which
// is right because the CONTRL uses the inbound's service characters.
std::string_view Raw(const Tape& tape, uint32_t segment, size_t element, size_t component) {
  if (segment == kNoSegment) return {};
  const ElementView e = tape.segment(segment).element(element);
  return e.present() ? e.component(component) : std::string_view();
}

// Reporting segment tail shared by UCI, UCF and UCM: action, error code, tag and S011.
void AddVerdict(SegmentWriter& w, const Finding* error) {
  if (error == nullptr) {
    w.Element("7");
    return;
  }
  w.Element("4").Element(error->code);
  if (!error->segment_tag.empty() && error->segment_tag.size() <= 3 && error->segment_tag.rfind("UN", 0) == 0) {
    w.Element(error->segment_tag);
    if (error->element != 0) {
      w.Composite({Number(error->element), error->component != 0 ? Number(error->component) : std::string()});
    }
  }
}

class ContrlWriter {
 public:
  ContrlWriter(const Interchange& interchange, const ContrlOptions& options)
      : in_(interchange), options_(options), w_(interchange.service.delimiters, options.line_break_after_segment) {
    for (const Finding& f : interchange.findings) {
      if (!f.is_error() || f.standard != Standard::kEdifact) continue;
      switch (f.level) {
        case AckLevel::kTa1: interchange_errors_.push_back(&f); break;
        case AckLevel::kAk9: group_errors_.push_back(&f); break;
        case AckLevel::kAk5:
        case AckLevel::kAk3:
        case AckLevel::kAk4: message_errors_.push_back(&f); break;
        case AckLevel::kNone: break;
      }
    }
    // File order within a message: by position in the message, then element and component.
    std::stable_sort(message_errors_.begin(), message_errors_.end(), [](const Finding* a, const Finding* b) {
      return std::tie(a->group_number, a->set_number, a->set_position, a->element, a->component) <
             std::tie(b->group_number, b->set_number, b->set_position, b->element, b->component);
    });
  }

  std::string Write() {
    const InterchangeEnvelope& env = in_.envelope;
    const int version = env.syntax_version;
    if (env.sender.empty() || env.recipient.empty()) return {};  // nobody to address it to
    const std::string reference = Number(options_.control_numbers->NextInterchange());
    const std::string message_reference = Number(options_.control_numbers->NextSet());
    std::string text(in_.una);
    if (!text.empty() && options_.line_break_after_segment) text += '\n';

    const Tape& tape = in_.tape;
    // An identifier or version wharf does not know cannot be answered in kind: the reply uses
    // UNOC (ISO 8859-1 holds whatever level A, B or C sent) and the nearest version.
    const std::string_view syntax_id = env.syntax.repertoire == Repertoire::kUnknown ? "UNOC" : env.syntax.id;
    w_.Begin("UNB").Composite({syntax_id, Number(std::clamp(version, 1, 4))});
    syntax4_ = std::clamp(version, 1, 4) == 4;
    // Syntax 4 adds a fourth component to S002/S003 (0042, 0046: internal sub-identification).
    const std::string_view sender_sub = syntax4_ ? Raw(tape, 0, 2, 4) : std::string_view();
    const std::string_view recipient_sub = syntax4_ ? Raw(tape, 0, 3, 4) : std::string_view();
    w_.Composite({env.recipient, env.recipient_qualifier, Raw(tape, 0, 3, 3), recipient_sub});
    w_.Composite({env.sender, env.sender_qualifier, Raw(tape, 0, 2, 3), sender_sub});
    w_.Composite({std::clamp(version, 1, 4) == 4 ? options_.date : options_.date.substr(2), options_.time});
    w_.Element(reference);
    if (!env.test_indicator.empty()) w_.Element("").Element("").Element("").Element("").Element("").Element(env.test_indicator);
    w_.End();

    w_.ResetCount();
    w_.Begin("UNH").Element(message_reference);
    if (std::clamp(version, 1, 4) == 4) {
      w_.Composite({"CONTRL", "4", "1", "UN"});
    } else {
      w_.Composite({"CONTRL", "D", "3", "UN"});
    }
    w_.End();

    w_.Begin("UCI").Element(env.control_reference);
    w_.Composite({env.sender, env.sender_qualifier, Raw(tape, 0, 2, 3), sender_sub});
    w_.Composite({env.recipient, env.recipient_qualifier, Raw(tape, 0, 3, 3), recipient_sub});
    AddVerdict(w_, interchange_errors_.empty() ? nullptr : interchange_errors_.front());
    w_.End();

    if (interchange_errors_.empty()) {
      uint32_t group_number = 0;
      for (const GroupEnvelope& group : env.groups) {
        ++group_number;
        WriteGroup(group, group_number);
      }
    }
    w_.Begin("UNT").Element(Number(w_.segments() + 1)).Element(message_reference).End();
    w_.Begin("UNZ").Element("1").Element(reference).End();
    return text + w_.text();
  }

 private:
  void WriteGroup(const GroupEnvelope& group, uint32_t group_number) {
    const Finding* group_error = nullptr;
    for (const Finding* f : group_errors_) {
      if (f->group_number == group_number) {
        group_error = f;
        break;
      }
    }
    if (group.ung != kNoSegment) {
      w_.Begin("UCF").Element(group.reference);
      w_.Composite({Raw(in_.tape, group.ung, 2, 1), Raw(in_.tape, group.ung, 2, 2)});
      w_.Composite({Raw(in_.tape, group.ung, 3, 1), Raw(in_.tape, group.ung, 3, 2)});
      AddVerdict(w_, group_error);
      w_.End();
      if (group_error != nullptr) return;  // the group and every message in it are rejected
    }
    uint32_t message_number = 0;
    for (const MessageEnvelope& message : group.messages) {
      ++message_number;
      WriteMessage(message, group_number, message_number);
    }
  }

  void WriteMessage(const MessageEnvelope& message, uint32_t group_number, uint32_t message_number) {
    // message_errors_ is sorted by group and message, and messages are written in that order:
    // one cursor walks it once for the whole interchange.
    std::vector<const Finding*> errors;
    auto before = [&](const Finding* f) {
      return std::tie(f->group_number, f->set_number) < std::tie(group_number, message_number);
    };
    while (next_message_error_ < message_errors_.size() && before(message_errors_[next_message_error_])) {
      ++next_message_error_;
    }
    for (; next_message_error_ < message_errors_.size(); ++next_message_error_) {
      const Finding* f = message_errors_[next_message_error_];
      if (f->group_number != group_number || f->set_number != message_number) break;
      errors.push_back(f);
    }
    if (errors.empty() && !options_.include_accepted_messages) return;
    const Finding* message_error = nullptr;
    for (const Finding* f : errors) {
      if (f->level == AckLevel::kAk5) {
        message_error = f;
        break;
      }
    }
    w_.Begin("UCM").Element(message.reference);
    // 0057 is conditional: one too long to fit an..6 (already reported) is left out, not copied.
    const std::string_view association = message.association.size() <= 6 ? message.association : std::string_view();
    // Syntax 4's S009 goes on with 0110 (code list directory) and 0113 (sub-function).
    w_.Composite({message.type, message.version, message.release, message.agency, association,
                  syntax4_ ? Raw(in_.tape, message.unh, 2, 6) : std::string_view(),
                  syntax4_ ? Raw(in_.tape, message.unh, 2, 7) : std::string_view()});
    if (message_error != nullptr) {
      AddVerdict(w_, message_error);
    } else {
      w_.Element(errors.empty() ? "7" : "4");
    }
    w_.End();
    // One UCS per erroneous segment; its UCDs follow (also after a UCM that carries its own
    // code: the partner learns every problem in one round).
    std::erase_if(errors, [](const Finding* f) { return f->level == AckLevel::kAk5; });
    // A missing segment is reported at the last segment before the place it was due (ISO 9735:
    // "the segment position of the last segment processed"); wharf's finding sits on the next one.
    auto position_of = [](const Finding* f) {
      const bool missing = f->level == AckLevel::kAk3 && f->code == "13" && f->set_position > 1;
      return missing ? f->set_position - 1 : f->set_position;
    };
    std::stable_sort(errors.begin(), errors.end(),
                     [&](const Finding* a, const Finding* b) { return position_of(a) < position_of(b); });
    size_t reported_segments = 0;
    for (size_t i = 0; i < errors.size() && reported_segments < kMostUcsPerMessage;) {
      const uint32_t position = position_of(errors[i]);
      size_t end = i;
      const Finding* segment_error = nullptr;
      while (end < errors.size() && position_of(errors[end]) == position) {
        if (errors[end]->level == AckLevel::kAk3 && segment_error == nullptr && !errors[end]->code.empty()) {
          segment_error = errors[end];
        }
        ++end;
      }
      w_.Begin("UCS").Element(Number(position));
      if (segment_error != nullptr) w_.Element(segment_error->code);
      w_.End();
      size_t elements = 0;
      for (size_t j = i; j < end && elements < kMostUcdPerUcs; ++j) {
        const Finding& f = *errors[j];
        if (f.level != AckLevel::kAk4 || f.element == 0) continue;
        w_.Begin("UCD").Element(f.code);
        // S011: element, component and, in syntax 4, the occurrence (0136) of a repeated element.
        w_.Composite({Number(f.element), f.component != 0 ? Number(f.component) : std::string(),
                      syntax4_ && f.repetition != 0 ? Number(f.repetition) : std::string()});
        w_.End();
        ++elements;
      }
      ++reported_segments;
      i = end;
    }
  }

  const Interchange& in_;
  const ContrlOptions& options_;
  SegmentWriter w_;
  std::vector<const Finding*> interchange_errors_, group_errors_, message_errors_;
  size_t next_message_error_ = 0;
  bool syntax4_ = false;  // the reply is in syntax 4
};

}  // namespace

std::string BuildContrl(const Interchange& interchange, const ContrlOptions& options) {
  return ContrlWriter(interchange, options).Write();
}

}  // namespace wharf::edifact
