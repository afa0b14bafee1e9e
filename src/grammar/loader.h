// Loading grammar folders into Dictionaries, with every reference checked.
//
// Contract: LoadGrammars reads grammars/<standard>/<version>/*.grammar under a root folder and
// returns a registry with one Dictionary per folder. Problems (syntax, unknown references,
// duplicate definitions, rules naming missing positions) are collected as "file:line: what"
// and a version with problems is left out, so a registry never holds a half-resolved grammar.
// The registry is immutable after loading and safe to share between threads.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "grammar/grammar_file.h"
#include "grammar/model.h"

namespace wharf::grammar {

class GrammarRegistry {
 public:
  // The dictionary of a standard and version ("x12", "004010"), or null.
  const Dictionary* Find(std::string_view standard, std::string_view version) const;
  std::vector<std::string> versions() const;  // "x12/004010", ...
  const std::vector<std::string>& errors() const { return errors_; }

  void Add(std::unique_ptr<Dictionary> dictionary);
  void AddError(std::string error) { errors_.push_back(std::move(error)); }

 private:
  std::map<std::string, std::unique_ptr<Dictionary>, std::less<>> dictionaries_;
  std::vector<std::string> errors_;
};

// Loads every version folder under `root` (root/x12/004010, ...).
GrammarRegistry LoadGrammars(const std::filesystem::path& root);

// Builds one version's dictionary from its parsed files; problems go to `errors`.
std::unique_ptr<Dictionary> BuildDictionary(std::string standard, std::string version,
                                            const std::vector<GrammarFile>& files, std::vector<std::string>& errors);

}  // namespace wharf::grammar
