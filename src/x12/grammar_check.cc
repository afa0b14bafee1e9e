// Choosing each set's grammar and running the set validator.
#include "x12/grammar_check.h"

#include "x12/data_types.h"
#include "x12/set_validator.h"

namespace wharf::x12 {
namespace {

// GS08 "005010X222A1" -> "005010": the version is the first six characters.
std::string_view VersionOf(std::string_view gs08) { return gs08.substr(0, std::min<size_t>(6, gs08.size())); }

Finding MissingGrammar(const Interchange& interchange, const GroupEnvelope& group, const TransactionSetEnvelope* set,
                       uint32_t group_number, uint32_t set_number, bool error, std::string message) {
  const SegmentView segment = interchange.tape.segment(set != nullptr ? set->st : group.gs);
  Finding f;
  f.severity = error ? Severity::kError : Severity::kWarning;
  f.level = set != nullptr ? AckLevel::kAk5 : AckLevel::kAk9;
  f.code = set != nullptr ? "1" : "2";
  f.message = std::move(message);
  f.file_offset = interchange.offsets.ToFile(segment.offset());
  f.segment_ordinal = segment.index() + 1;
  f.segment_tag = std::string(segment.tag());
  f.interchange_control = std::string(TrimRight(interchange.envelope.control_number));
  f.group_control = std::string(group.control_number);
  f.functional_id = std::string(group.functional_id);
  f.group_number = group_number;
  f.set_number = set_number;
  if (set != nullptr) {
    f.set_control = std::string(set->control_number);
    f.set_id = std::string(set->id);
    f.set_position = 1;
  }
  return f;
}

}  // namespace

const grammar::TransactionSetDef* FindSetGrammar(const grammar::GrammarRegistry& registry, const GroupEnvelope& group,
                                                 const TransactionSetEnvelope& set, const std::string& forced_guide,
                                                 const grammar::Dictionary** dictionary, std::string* why) {
  const std::string_view version = VersionOf(group.version);
  *dictionary = registry.Find("x12", version);
  if (*dictionary == nullptr) {
    *why = "no grammar for X12 version " + std::string(version);
    return nullptr;
  }
  // A guide named by the caller, by ST03, or by GS08 (whole), in that order.
  for (std::string_view guide : {std::string_view(forced_guide), set.implementation_reference, group.version}) {
    if (guide.empty()) continue;
    const grammar::TransactionSetDef* found = (*dictionary)->FindSet(guide);
    if (found != nullptr && found->set_id == set.id) return found;
    if (guide == forced_guide) {
      *why = "guide " + forced_guide + " is not loaded for X12 " + std::string(version) + " transaction set " +
             std::string(set.id);
      return nullptr;
    }
  }
  const grammar::TransactionSetDef* base = (*dictionary)->FindSet(set.id);
  if (base == nullptr) *why = "no grammar for transaction set " + std::string(set.id) + " in X12 " + std::string(version);
  return base;
}

void CheckGrammars(Interchange& interchange, const GrammarCheckOptions& options) {
  if (options.registry == nullptr) return;
  Findings found;
  uint32_t group_number = 0;
  for (const GroupEnvelope& group : interchange.envelope.groups) {
    ++group_number;
    if (options.registry->Find("x12", VersionOf(group.version)) == nullptr) {
      found.push_back(MissingGrammar(interchange, group, nullptr, group_number, 0, options.require_grammar,
                                     "no grammar for X12 version " + std::string(VersionOf(group.version)) +
                                         " (GS08 " + std::string(group.version) + "): sets checked for envelopes only"));
      continue;
    }
    uint32_t set_number = 0;
    for (const TransactionSetEnvelope& set : group.sets) {
      ++set_number;
      const grammar::Dictionary* dictionary = nullptr;
      std::string why;
      const grammar::TransactionSetDef* grammar = FindSetGrammar(*options.registry, group, set, options.guide, &dictionary, &why);
      if (grammar == nullptr) {
        found.push_back(MissingGrammar(interchange, group, &set, group_number, set_number, options.require_grammar,
                                       "transaction set " + std::string(set.id) + " " + std::string(set.control_number) +
                                           " is not supported: " + why));
        continue;
      }
      SetContext context;
      context.tape = &interchange.tape;
      context.offsets = &interchange.offsets;
      context.set = &set;
      context.interchange_control = TrimRight(interchange.envelope.control_number);
      context.group_control = group.control_number;
      context.functional_id = group.functional_id;
      context.group_number = group_number;
      context.set_number = set_number;
      ValidateSet(*dictionary, *grammar, context, found);
    }
  }
  interchange.findings.insert(interchange.findings.end(), std::make_move_iterator(found.begin()),
                              std::make_move_iterator(found.end()));
}

}  // namespace wharf::x12
