// Checking one input file interchange by interchange: findings are printed in file order as
// they are found, and each interchange is handed to the caller and then dropped. The file is
// read in pieces (pipeline/splitter.h), checked on several threads and handed on in file order,
// so memory holds a few pieces whatever the file's size; an interchange larger than two pieces
// is read in parts cut before a transaction set or message and joined again
// (pipeline/interchange_join.h), as `wharf run` reads it.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <iosfwd>
#include <string>
#include <vector>

#include "cli/arguments.h"
#include "core/output_buffer.h"
#include "diagnostics/finding_format.h"
#include "core/status.h"
#include "edifact/reader.h"
#include "x12/grammar_check.h"
#include "x12/reader.h"

namespace wharf::cli {

// What a file held, for summaries and exit statuses.
struct FileTally {
  std::string name;  // as the user gave it; standard input is "<stdin>"
  uint64_t bytes = 0;
  size_t interchanges = 0;
  size_t valid_interchanges = 0;
  size_t transaction_sets = 0;  // X12
  size_t messages = 0;          // EDIFACT
  uint64_t segments = 0;        // of every interchange, ISA/UNB to IEA/UNZ (UNA is no segment)
  bool csv = false;             // read as CSV: `records` counts, the EDI counts are zero
  uint64_t records = 0;         // CSV records, the header included
  size_t errors = 0;
  size_t warnings = 0;
};

// One interchange of either standard, as CheckFile hands it on: exactly one pointer is set.
// An interchange read in parts is handed on part by part (`part` 1, 2, ...: each a complete
// reading of its sets behind copies of the interchange's header and open group, its findings
// left to the join), then once more whole (`joined`): its tape then holds only the envelope (the
// ST/SE or UNH/UNT pairs, enough for an acknowledgment), its findings and validity are the
// whole interchange's.
struct CheckedInterchange {
  const x12::Interchange* x12 = nullptr;
  const edifact::Interchange* edifact = nullptr;
  uint32_t part = 0;
  bool joined = false;
  // What the render callback of CheckFile wrote for it (a joined whole is never rendered).
  std::string_view rendered;

  bool valid() const { return x12 != nullptr ? x12->valid() : edifact->valid(); }
};

struct CheckOptions {
  x12::ReaderOptions reader;  // its scan kernel reads EDIFACT too
  x12::GrammarCheckOptions grammars;  // registry null: envelopes only
  bool include_warnings = true;  // print warnings too (they are always counted)
  unsigned threads = 1;          // pieces checked at once
  // Small enough that a piece's tapes and rendered output fit memory the previous pieces freed
  // (fresh pages cost a fault each: 1 MiB pieces ran 10 MB files 1.5x as fast as 4 MiB ones),
  // and that a small file still makes several pieces for the threads to share.
  size_t piece_bytes = size_t{1} << 20;
};

// The options every command that checks files takes, their help lines, and their reading.
std::vector<OptionSpec> CheckOptionSpecs();
extern const char* const kCheckOptionsHelp;

// Check options with the grammars they point at (loaded here, unless --envelope-only).
struct CheckSetup {
  CheckOptions options;
  std::unique_ptr<grammar::GrammarRegistry> registry;
};
// Fails when the grammar folder cannot be read; the Status lists every problem.
Result<CheckSetup> CheckSetupFrom(const Arguments& parsed);
// The problems of the grammar folders read so far, past the first `known` of them, or Ok.
Status GrammarProblems(const grammar::GrammarRegistry& registry, size_t known = 0);

// Writes what a command makes of one interchange (its JSON, say) into `out`. It runs on the
// threads that check pieces, so it must depend on nothing but the interchange.
using RenderInterchange = std::function<void(const CheckedInterchange&, OutputBuffer& out)>;

// Reads `path` ("-" is standard input), tells X12 from EDIFACT interchange by interchange,
// prints its findings to `findings_out` one per line, and calls `visit` (when given) for every
// interchange in file order, on one thread at a time. `render` (when given) is called for every
// interchange and part first, on the checking threads, and what it wrote is handed to `visit` as
// `rendered`: work done there is spread over the threads, work in `visit` is not. Fails only
// when the file cannot be read (what was read before that has been printed and visited), or when
// a grammar folder it was the first to need does not load (its sets were reported as having no
// grammar).
Result<FileTally> CheckFile(const std::string& path, const CheckOptions& options, std::ostream& findings_out,
                            const std::function<void(const CheckedInterchange&)>& visit = {},
                            const RenderInterchange& render = {});

}  // namespace wharf::cli
