// The oneTBB pipeline behind `wharf run` and `wharf replay`.
//
// Contract: RunPipeline takes inputs in order and runs three stages with 2 × threads + 1 pieces
// in flight at most (so memory is bounded by the piece size, however large the inputs):
//   1. serial: each input's digest (an input processed before is skipped and said so), then its
//      pieces (pipeline/splitter.h);
//   2. parallel: read, match partners, validate, translate, compress (pipeline/piece_work.h);
//   3. serial, in input order: duplicates, gaps, acknowledgments, files, ledger
//      (pipeline/commit.h).
// An operational failure (I/O, store) stops the run after the pieces in flight and is returned;
// findings about the data never stop it.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "pipeline/commit.h"
#include "pipeline/splitter.h"
#include "store/store.h"

namespace wharf::pipeline {

struct RunInput {
  std::string name;            // as findings name it
  std::filesystem::path path;  // read from here, unless `open` is set
  // Opens the bytes some other way (an archived interchange, pipeline/archive_source.h); called
  // twice without an identity, for the content digest and then to split, so that the bytes are
  // never held whole.
  std::function<Result<std::unique_ptr<ByteSource>>()> open;
  // An input is marked processed by the digest of its content, and skipped when it was. When
  // `identity` is set it is marked and skipped under that instead, and `size` is its length in
  // bytes: read once, not twice (a replay's interchanges, named by the replay's run).
  std::string identity;
  uint64_t size = 0;
};

struct RunOptions {
  std::filesystem::path home;
  const partner::PartnerSet* partners = nullptr;
  const grammar::GrammarRegistry* registry = nullptr;
  bool require_grammar = false;
  bool unwrap_line_breaks = true;
  size_t threads = 0;                   // 0: every core
  size_t piece_bytes = 2 << 20;         // pieces are cut at the first header after this many bytes
  uint64_t commit_bytes = 32 << 20;     // input bytes per commit group (pipeline/commit.h)
  const Clock* clock = nullptr;
  bool check_duplicates = true;
  bool archive_inbound = true;
  FaultPoints* faults = nullptr;
  std::ostream* errors_out = nullptr;   // error findings and notes, as `wharf validate` prints them
  std::ostream* progress_out = nullptr;  // a progress line, rewritten in place (a terminal)
};

struct RunReport {
  RunTotals totals;
  double seconds = 0;
  size_t threads = 0;
};

Result<RunReport> RunPipeline(const std::vector<RunInput>& inputs, store::Store& store, const RunOptions& options);

// Files and folders (walked recursively, hidden entries skipped, sorted) as inputs.
Result<std::vector<RunInput>> ExpandInputs(const std::vector<std::string>& paths);

}  // namespace wharf::pipeline
