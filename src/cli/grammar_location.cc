// Default grammar folder.
#include "cli/grammar_location.h"

#include <cstdlib>

namespace wharf::cli {

std::filesystem::path DefaultGrammarRoot() {
  if (const char* root = std::getenv("WHARF_GRAMMARS"); root != nullptr && *root != '\0') return root;
  return WHARF_DEFAULT_GRAMMARS;
}

}  // namespace wharf::cli
