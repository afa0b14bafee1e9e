// Validating every transaction set of an interchange against its grammar.
//
// Contract: CheckGrammars picks, for each set, the grammar its group version (GS08) and
// implementation convention (ST03, GS08) name, validates the set with it (x12/set_validator.h)
// and appends the findings to the interchange. A version or set with no grammar is a finding of
// its own (AK9 code 2, AK5 code 1): a warning unless the options require grammars. The registry
// is only read, so any number of threads may check interchanges against one registry.
#pragma once

#include <string>

#include "grammar/loader.h"
#include "x12/reader.h"

namespace wharf::x12 {

struct GrammarCheckOptions {
  const grammar::GrammarRegistry* registry = nullptr;  // null: envelopes only
  bool require_grammar = false;  // a set with no grammar is an error rather than a warning
  std::string guide;             // validate every set against this guide id instead
};

void CheckGrammars(Interchange& interchange, const GrammarCheckOptions& options);

// The grammar a set would be validated with, or null; `why` says what is missing.
const grammar::TransactionSetDef* FindSetGrammar(const grammar::GrammarRegistry& registry, const GroupEnvelope& group,
                                                 const TransactionSetEnvelope& set, const std::string& forced_guide,
                                                 const grammar::Dictionary** dictionary, std::string* why);

}  // namespace wharf::x12
