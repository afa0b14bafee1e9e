// Streaming file checks.
#include "cli/file_check.h"

#include "cli/grammar_location.h"
#include "pipeline/interchange_join.h"
#include "pipeline/piece_pipeline.h"
#include "pipeline/piece_work.h"
#include "pipeline/splitter.h"

#include <tbb/task_arena.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <ostream>
#include <thread>
#include <vector>

namespace wharf::cli {
namespace {

// Prints findings sorted by file offset; `label` names their interchange ("-" for the file).
void PrintFindings(const Findings& findings, std::string_view label, const std::string& file_name,
                   bool include_warnings, LineIndex& lines, std::ostream& out) {
  std::vector<const Finding*> sorted;
  for (const Finding& f : findings) {
    if (include_warnings || f.is_error()) sorted.push_back(&f);
  }
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Finding* a, const Finding* b) { return a->file_offset < b->file_offset; });
  for (const Finding* f : sorted) out << FormatFinding(file_name, label, *f, lines) << '\n';
}

void Count(const Findings& findings, FileTally& tally) {
  for (const Finding& f : findings) ++(f.is_error() ? tally.errors : tally.warnings);
}

}  // namespace

std::vector<OptionSpec> CheckOptionSpecs() {
  return {{"--summary", "", false},       {"--no-warnings", "", false},     {"--keep-line-breaks", "", false},
          {"--grammars", "", true},       {"--envelope-only", "", false},   {"--guide", "", true},
          {"--require-grammar", "", false}, {"--threads", "-j", true},    {"--piece-size", "", true},
          {"--help", "-h", false}};
}

const char* const kCheckOptionsHelp =
    "  --grammars DIR      grammar folder (default: $WHARF_GRAMMARS, else the grammars/ wharf was built with)\n"
    "  --envelope-only     check envelopes only, not transaction sets against their grammars\n"
    "  --guide ID          validate every transaction set against this implementation guide\n"
    "  --require-grammar   a set or version with no grammar is an error (default: a warning)\n"
    "  --summary           print a line per file (interchanges, sets, findings, speed) on standard error\n"
    "  --no-warnings       print errors only\n"
    "  --keep-line-breaks  read line breaks inside segments as data instead of unwrapping wrapped files\n"
    "  -j, --threads N     check N pieces of a file at once (default: every core); output is in file order\n"
    "  --piece-size BYTES  read files in pieces of about this size (default 1048576); an interchange\n"
    "                      larger than two is read in parts, cut before a transaction set or message\n"
    "  -h, --help          show this help\n";

Result<CheckSetup> CheckSetupFrom(const Arguments& parsed) {
  CheckSetup setup;
  setup.options.reader.unwrap_line_breaks = !parsed.has("--keep-line-breaks");
  setup.options.include_warnings = !parsed.has("--no-warnings");
  setup.options.threads = std::max(1u, std::thread::hardware_concurrency());
  if (Status s = ReadCount(parsed, "--threads", 256, setup.options.threads); !s.ok()) return s;
  if (Status s = ReadCount(parsed, "--piece-size", uint64_t{1} << 40, setup.options.piece_bytes); !s.ok()) return s;
  if (parsed.has("--envelope-only")) return setup;
  const std::filesystem::path root = parsed.value("--grammars").value_or(DefaultGrammarRoot().string());
  // Each version folder is read when a file first needs it (grammar/loader.h); CheckFile fails
  // when one does not load.
  setup.registry = std::make_unique<grammar::GrammarRegistry>(grammar::OpenGrammars(root));
  if (Status loaded = GrammarProblems(*setup.registry); !loaded.ok()) return loaded;
  setup.options.grammars.registry = setup.registry.get();
  setup.options.grammars.require_grammar = parsed.has("--require-grammar");
  setup.options.grammars.guide = parsed.value("--guide").value_or("");
  return setup;
}

Status GrammarProblems(const grammar::GrammarRegistry& registry, size_t known) {
  const std::vector<std::string> errors = registry.errors();
  if (errors.size() <= known) return Status::Ok();
  std::string problems = "the grammars do not load ('wharf grammars check'):";
  for (size_t i = known; i < errors.size(); ++i) problems += "\n  " + errors[i];
  return Status::InvalidArgument(problems);
}

namespace {

// A piece once checked, with what the command rendered for each of its interchanges (in the
// order of interchanges: where each one's text ends in `rendered`).
struct CheckedPiece : pipeline::PieceWork {
  OutputBuffer rendered;
  std::vector<size_t> rendered_ends;

  std::string_view Rendered(size_t index) const {
    if (rendered_ends.empty()) return {};
    const size_t begin = index == 0 ? 0 : rendered_ends[index - 1];
    return rendered.view().substr(begin, rendered_ends[index] - begin);
  }
};

void Render(CheckedPiece& checked, const RenderInterchange& render) {
  for (const pipeline::InterchangeWork& item : checked.interchanges) {
    render({item.x12.get(), item.edifact.get(), item.part, false, {}}, checked.rendered);
    checked.rendered_ends.push_back(checked.rendered.size());
  }
}

// The in-order half of CheckFile: takes each piece once read, prints its findings in file order,
// joins the parts of an interchange, counts and visits.
class InOrderCheck {
 public:
  InOrderCheck(FileTally& tally, const CheckOptions& options, std::ostream& out,
               const std::function<void(const CheckedInterchange&)>& visit)
      : tally_(tally), options_(options), out_(out), visit_(visit) {}

  void Take(CheckedPiece& work) {
    const pipeline::Piece& piece = work.piece;
    tally_.bytes += piece.bytes.size();
    LineIndex lines(piece.bytes.view(), piece.offset, piece.line, piece.column);
    // Findings about bytes outside interchanges are printed before the interchange after them.
    Findings& strays = work.file_findings;
    std::stable_sort(strays.begin(), strays.end(),
                     [](const Finding& a, const Finding& b) { return a.file_offset < b.file_offset; });
    size_t printed = 0;
    auto print_strays_before = [&](uint64_t offset) {
      const size_t first = printed;
      while (printed < strays.size() && strays[printed].file_offset < offset) ++printed;
      Print(Findings(strays.begin() + first, strays.begin() + printed), "-", lines);
    };
    for (size_t index = 0; index < work.interchanges.size(); ++index) {
      pipeline::InterchangeWork& item = work.interchanges[index];
      print_strays_before(item.part_offset);
      if (!item.is_part()) {
        Whole(item, lines, /*joined=*/false, work.Rendered(index));
        continue;
      }
      tally_.segments += (item.x12 ? item.x12->tape : item.edifact->tape).segment_count() - item.copied_segments;
      if (visit_) visit_({item.x12.get(), item.edifact.get(), item.part, false, work.Rendered(index)});
      join_.Add(item, piece.bytes.view().substr(item.part_offset - piece.offset, item.length), lines);
      if (item.continues) continue;
      pipeline::InterchangeWork whole = join_.Finish();
      Whole(whole, lines, /*joined=*/true, {});
    }
    print_strays_before(UINT64_MAX);
  }

 private:
  void Print(const Findings& findings, std::string_view label, LineIndex& lines) {
    Count(findings, tally_);
    PrintFindings(findings, label, tally_.name, options_.include_warnings, lines, out_);
  }

  void Whole(pipeline::InterchangeWork& item, LineIndex& lines, bool joined, std::string_view rendered) {
    Print(item.findings(), item.Label(), lines);
    ++tally_.interchanges;
    tally_.valid_interchanges += item.valid();
    if (item.x12) {
      for (const auto& group : item.x12->envelope.groups) tally_.transaction_sets += group.sets.size();
      if (!joined) tally_.segments += item.x12->tape.segment_count();
    } else {
      for (const auto& group : item.edifact->envelope.groups) tally_.messages += group.messages.size();
      if (!joined) tally_.segments += item.edifact->tape.segment_count();
    }
    if (visit_) visit_({item.x12.get(), item.edifact.get(), 0, joined, rendered});
  }

  FileTally& tally_;
  const CheckOptions& options_;
  std::ostream& out_;
  const std::function<void(const CheckedInterchange&)>& visit_;
  pipeline::InterchangeJoin join_{/*digest=*/false};  // nothing here is stored
};

// Regular files under kStreamFrom are mapped, and their pieces are views of the mapping; larger
// files, pipes and standard input are read piece by piece into heap memory that later pieces
// reuse. On this project's VMs a mapped page costs a fault on its first touch even after
// MADV_POPULATE_READ: more than reading it into reused memory, less than reading it into fresh
// memory, which is what most of a small file's pieces get (break-even near 30 MB; see
// bench/RESULTS.md, "What moved the figures", 14).
constexpr uintmax_t kStreamFrom = uintmax_t{32} << 20;

bool Streamed(const std::string& path) {
  if (path == "-") return true;
  std::error_code error;
  const std::filesystem::file_status status = std::filesystem::status(path, error);
  if (error || std::filesystem::is_directory(status)) return false;  // ReadInputFile says what is wrong
  if (!std::filesystem::is_regular_file(status)) return true;         // a pipe
  const uintmax_t size = std::filesystem::file_size(path, error);
  return !error && size >= kStreamFrom;
}

// Whether the input is a file too small to be cut into pieces: nothing to do in parallel.
bool OnePiece(const std::string& path, size_t piece_bytes) {
  if (path == "-") return false;
  std::error_code error;
  const uintmax_t size = std::filesystem::file_size(path, error);
  return !error && size <= piece_bytes;
}

Result<std::unique_ptr<pipeline::InputSplitter>> OpenSplitter(const std::string& path, size_t piece_bytes) {
  if (Streamed(path)) {
    Result<std::unique_ptr<pipeline::ByteSource>> source = pipeline::OpenInputSource(path);
    if (!source.ok()) return source.status();
    return std::make_unique<pipeline::InputSplitter>(std::move(*source), piece_bytes);
  }
  Result<PaddedBuffer> bytes = ReadInputFile(path, /*populate=*/false);
  if (!bytes.ok()) return bytes.status();
  return std::make_unique<pipeline::InputSplitter>(std::make_shared<const PaddedBuffer>(std::move(*bytes)), piece_bytes);
}

}  // namespace

Result<FileTally> CheckFile(const std::string& path, const CheckOptions& options, std::ostream& findings_out,
                            const std::function<void(const CheckedInterchange&)>& visit,
                            const RenderInterchange& render) {
  Result<std::unique_ptr<pipeline::InputSplitter>> opened = OpenSplitter(path, options.piece_bytes);
  if (!opened.ok()) return opened.status();
  pipeline::InputSplitter& splitter = **opened;
  if (!options.reader.unwrap_line_breaks) splitter.KeepLineBreaks();
  FileTally tally;
  tally.name = path == "-" ? "<stdin>" : path;
  const grammar::GrammarRegistry* const registry = options.grammars.registry;
  const size_t known_grammar_errors = registry != nullptr ? registry->errors().size() : 0;
  pipeline::PieceContext context;
  context.registry = registry;
  context.require_grammar = options.grammars.require_grammar;
  context.guide = options.grammars.guide;
  context.unwrap_line_breaks = options.reader.unwrap_line_breaks;
  context.scan_kernel = options.reader.scan_kernel;
  InOrderCheck in_order(tally, options, findings_out, visit);

  // Read in order, checked in parallel, printed and visited in order: the pipeline of `wharf run`
  // (pipeline/piece_pipeline.h) without its partners, store and archive.
  Status failure;
  auto cut = [&]() -> CheckedPiece* {
    Result<std::optional<pipeline::Piece>> next = splitter.Next();
    if (!next.ok()) failure = next.status();
    if (!next.ok() || !*next) return nullptr;
    auto checked = std::make_unique<CheckedPiece>();
    checked->input_name = tally.name;
    checked->piece = std::move(**next);
    return checked.release();
  };
  auto check = [&](CheckedPiece& checked) {
    pipeline::ProcessPiece(checked, context, nullptr);
    if (render) Render(checked, render);
  };
  auto take = [&](CheckedPiece& checked) { in_order.Take(checked); };
  const unsigned threads = std::max(1u, options.threads);
  if (threads == 1 || OnePiece(path, options.piece_bytes)) {
    pipeline::RunPieces<CheckedPiece>(1, /*on_this_thread=*/true, cut, check, take);
  } else {
    tbb::task_arena arena(static_cast<int>(threads));
    arena.execute([&] { pipeline::RunPieces<CheckedPiece>(threads * 2 + 1, /*on_this_thread=*/false, cut, check, take); });
  }
  if (!failure.ok()) return failure;
  // Only the folders this file was the first to need: another file's broken folder was that
  // file's failure.
  if (registry != nullptr) {
    if (Status loaded = GrammarProblems(*registry, known_grammar_errors); !loaded.ok()) return loaded;
  }
  return tally;
}

}  // namespace wharf::cli
