// Choosing each message's grammar, running the set validator and recoding its findings.
#include "edifact/grammar_check.h"

#include "x12/set_validator.h"

namespace wharf::edifact {
namespace {

// "D" + "96A": the folder a message identifier's directory lives in. CONTRL belongs to the
// syntax, not to a directory: CONTRL:D:3:UN is syntax 3's, CONTRL:4:n:UN syntax 4's.
std::string DirectoryOf(const MessageEnvelope& message) {
  if (message.type == "CONTRL" && message.version == "D" && message.release == "3") return "syntax3";
  if (message.type == "CONTRL" && message.version == "4") return "syntax4";
  return std::string(message.version) + std::string(message.release);
}

Finding MissingGrammar(const Interchange& interchange, const GroupEnvelope& group, const MessageEnvelope& message,
                       uint32_t group_number, uint32_t message_number, bool error, std::string text) {
  const SegmentView unh = interchange.tape.segment(message.unh);
  Finding f;
  f.severity = error ? Severity::kError : Severity::kWarning;
  f.standard = Standard::kEdifact;
  f.level = AckLevel::kAk5;
  f.code = "3";  // message version/release not supported
  f.message = std::move(text);
  f.file_offset = interchange.offsets.ToFile(unh.offset());
  f.segment_ordinal = message.unh + 1;
  f.segment_tag = "UNH";
  f.interchange_control = std::string(interchange.envelope.control_reference);
  f.group_control = std::string(group.reference);
  f.functional_id = std::string(group.functional_id);
  f.group_number = group_number;
  f.set_number = message_number;
  f.set_control = std::string(message.reference);
  f.set_id = std::string(message.type);
  f.set_position = 1;
  return f;
}

// A code that is not in UNTDID's list is an error only when UNTDID's list is the one that
// applies. When the composite names another agency in its 3055 (EAN is 9: "IMD+C++CU::9"), or
// the message is a subset that adds codes of its own (UNH 0057, "EAN008" for EANCOM, whose
// "PCI+33E" marks an SSCC), the value is checked against a list wharf does not hold: a warning.
void SoftenForeignCode(const Interchange& interchange, const grammar::Dictionary& dictionary,
                       const MessageEnvelope& message, Finding& f) {
  std::string_view agency;
  if (f.component != 0 && f.segment_ordinal != 0) {
    const SegmentView segment = interchange.tape.segment(f.segment_ordinal - 1);
    const auto def = dictionary.segments.find(segment.tag());
    if (def != dictionary.segments.end()) {
      for (const grammar::ElementUse& use : def->second->elements) {
        if (use.position != f.element || use.composite == nullptr) continue;
        for (const grammar::ElementUse& component : use.composite->components) {
          if (component.element != nullptr && component.element->id == "3055") {
            agency = segment.element(f.element).component(component.position);
          }
        }
      }
    }
  }
  const bool foreign_list = !agency.empty() && agency != "6";
  if (!foreign_list && message.association.empty()) return;
  f.severity = Severity::kWarning;
  f.message += foreign_list ? "; its composite names code list agency " + std::string(agency) +
                                  ", whose list wharf does not hold"
                            : "; message " + std::string(message.reference) + " is the subset " +
                                  std::string(message.association) + ", which may add codes wharf does not hold";
}

}  // namespace

std::string_view SyntaxErrorCode(AckLevel level, std::string_view code) {
  if (level == AckLevel::kAk3) {
    if (code == "3" || code == "I6" || code == "I7" || code == "I8") return "13";  // missing
    if (code == "4") return "36";                                                  // too many group repetitions
    if (code == "5") return "35";                                                  // too many segment repetitions
    if (code == "8") return {};
    return "15";  // unrecognised, unexpected, out of order, not used: not supported in this position
  }
  if (level == AckLevel::kAk4) {
    if (code == "19" || code == "38") return code;  // decimal notation: the set validator's EDIFACT codes
    if (code == "1" || code == "2" || code == "I13") return "13";  // missing
    if (code == "3" || code == "12" || code == "13") return "16";  // too many constituents
    if (code == "4") return "40";                                  // too short
    if (code == "5") return "39";                                  // too long
    if (code == "6") return "37";                                  // invalid type of characters
    if (code == "10" || code == "I10") return "15";                // not supported in this position
    return "12";                                                   // invalid value (codes, dates, times)
  }
  return code;
}

const grammar::TransactionSetDef* FindMessageGrammar(const grammar::GrammarRegistry& registry,
                                                     const MessageEnvelope& message, const std::string& forced_guide,
                                                     const grammar::Dictionary** dictionary, std::string* why) {
  const std::string directory = DirectoryOf(message);
  *dictionary = registry.Find("edifact", directory);
  if (*dictionary == nullptr) {
    *why = "no grammar for EDIFACT directory " + std::string(message.version) + ":" + std::string(message.release);
    return nullptr;
  }
  if (!forced_guide.empty()) {
    const grammar::TransactionSetDef* guide = (*dictionary)->FindSet(forced_guide);
    if (guide != nullptr && guide->set_id == message.type) return guide;
    *why = "guide " + forced_guide + " is not loaded for EDIFACT " + directory + " message " + std::string(message.type);
    return nullptr;
  }
  const grammar::TransactionSetDef* base = (*dictionary)->FindSet(message.type);
  if (base == nullptr) *why = "no grammar for message " + std::string(message.type) + " in directory " + directory;
  return base;
}

void CheckGrammars(Interchange& interchange, const x12::GrammarCheckOptions& options) {
  if (options.registry == nullptr) return;
  Findings found;
  uint32_t group_number = 0;
  for (const GroupEnvelope& group : interchange.envelope.groups) {
    ++group_number;
    uint32_t message_number = 0;
    for (const MessageEnvelope& message : group.messages) {
      ++message_number;
      const grammar::Dictionary* dictionary = nullptr;
      std::string why;
      const grammar::TransactionSetDef* grammar =
          FindMessageGrammar(*options.registry, message, options.guide, &dictionary, &why);
      if (grammar == nullptr) {
        found.push_back(MissingGrammar(interchange, group, message, group_number, message_number,
                                       options.require_grammar,
                                       "message " + std::string(message.type) + " " + std::string(message.reference) +
                                           " is checked for its envelope only: " + why));
        continue;
      }
      // The set validator walks [st, end) and knows the set by its id and control number.
      x12::TransactionSetEnvelope as_set;
      as_set.st = message.unh;
      as_set.se = message.unt;
      as_set.end = message.end;
      as_set.id = message.type;
      as_set.control_number = message.reference;
      x12::SetContext context;
      context.tape = &interchange.tape;
      context.offsets = &interchange.offsets;
      context.set = &as_set;
      context.interchange_control = interchange.envelope.control_reference;
      context.group_control = group.reference;
      context.functional_id = group.functional_id;
      context.group_number = group_number;
      context.set_number = message_number;
      const size_t first = found.size();
      x12::ValidateSet(*dictionary, *grammar, context, found);
      for (size_t i = first; i < found.size(); ++i) {
        Finding& f = found[i];
        f.standard = Standard::kEdifact;
        f.implementation_code.clear();
        if (f.level == AckLevel::kAk4 && f.code == "7") SoftenForeignCode(interchange, *dictionary, message, f);
        if (f.level == AckLevel::kAk3 || f.level == AckLevel::kAk4) f.code = std::string(SyntaxErrorCode(f.level, f.code));
      }
    }
  }
  interchange.findings.insert(interchange.findings.end(), std::make_move_iterator(found.begin()),
                              std::make_move_iterator(found.end()));
}

}  // namespace wharf::edifact
