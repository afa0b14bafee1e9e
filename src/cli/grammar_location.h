// Where wharf finds its grammars when a command is not told: $WHARF_GRAMMARS, else the grammars
// folder of the source tree it was built from.
#pragma once

#include <filesystem>

namespace wharf::cli {

std::filesystem::path DefaultGrammarRoot();

}  // namespace wharf::cli
