// Loading grammar folders into Dictionaries, with every reference checked.
//
// Contract: a registry knows the folders grammars/<standard>/<version>/ (those with *.grammar
// files) under a root, and holds one Dictionary per folder. OpenGrammars only lists the folders:
// each is read the first time Find asks for it, so a run that meets one version reads one
// folder, not all of them (reading every grammar takes longer than validating a few megabytes).
// LoadGrammars reads them all at once, for the commands that check grammars. Problems (syntax,
// unknown references, duplicate definitions, rules naming missing positions) are collected as
// "file:line: what", and a version with problems is left out (Find gives null), so a registry
// never holds a half-resolved grammar. A registry is safe to share between threads: a folder
// asked for by several at once is read once while the others wait.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "grammar/grammar_file.h"
#include "grammar/model.h"

namespace wharf::grammar {

class GrammarRegistry {
 public:
  GrammarRegistry();
  GrammarRegistry(GrammarRegistry&&) noexcept;
  GrammarRegistry& operator=(GrammarRegistry&&) noexcept;
  ~GrammarRegistry();

  // The dictionary of a standard and version ("x12", "004010"), read on first use; null when
  // there is no such folder or it does not load.
  const Dictionary* Find(std::string_view standard, std::string_view version) const;
  // Every version that loads ("x12/004010", ...): reads every folder.
  std::vector<std::string> versions() const;
  // The problems of every folder read so far, in the order they were found.
  std::vector<std::string> errors() const;

  // Adds a dictionary built elsewhere (BuildDictionary, in tests), replacing one of its version.
  void Add(std::unique_ptr<Dictionary> dictionary);

 private:
  struct Version;
  friend GrammarRegistry OpenGrammars(const std::filesystem::path& root);
  void Load(Version& version) const;
  void AddError(std::string error) const;

  std::map<std::string, std::unique_ptr<Version>, std::less<>> versions_;
  mutable std::mutex errors_mutex_;
  mutable std::vector<std::string> errors_;  // guarded by errors_mutex_
};

// Lists the version folders under `root` (root/x12/004010, ...); each is read when first found.
GrammarRegistry OpenGrammars(const std::filesystem::path& root);
// Lists and reads every version folder under `root`.
GrammarRegistry LoadGrammars(const std::filesystem::path& root);

// Builds one version's dictionary from its parsed files; problems go to `errors`.
std::unique_ptr<Dictionary> BuildDictionary(std::string standard, std::string version,
                                            const std::vector<GrammarFile>& files, std::vector<std::string>& errors);

}  // namespace wharf::grammar
