// Validating every message of an EDIFACT interchange against its directory's grammar.
//
// Contract: CheckGrammars picks, for each message, the grammar its message identifier names
// (S009: version 0052 and release 0054 select grammars/edifact/<D96A>, type 0065 the message),
// validates it with the same set validator as X12 (release characters resolved, n/a/an types)
// and appends the findings, recoded to ISO 9735 syntax error codes (0085) at CONTRL's levels
// (UCM, UCS, UCD). A directory or message with no grammar is a finding of its own (UCM code 3
// in syntax 3 wording "message version/release not supported"): a warning unless grammars are
// required. The registry is only read, so threads may share it.
#pragma once

#include "edifact/reader.h"
#include "x12/grammar_check.h"

namespace wharf::edifact {

void CheckGrammars(Interchange& interchange, const x12::GrammarCheckOptions& options);

// The grammar a message is validated with, or null; `why` says what is missing.
const grammar::TransactionSetDef* FindMessageGrammar(const grammar::GrammarRegistry& registry,
                                                     const MessageEnvelope& message, const std::string& forced_guide,
                                                     const grammar::Dictionary** dictionary, std::string* why);

// X12 997/999 codes (what the set validator reports) as the 0085 code CONTRL uses at that level;
// empty when the level has no code of its own (AK3 8: "the segment has element errors").
std::string_view SyntaxErrorCode(AckLevel level, std::string_view x12_code);

}  // namespace wharf::edifact
