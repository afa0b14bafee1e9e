// Wiring the three stages into a tbb::parallel_pipeline.
#include "pipeline/pipeline.h"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/global_control.h>
#include <tbb/info.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <ostream>
#include <set>

#include "pipeline/home_layout.h"
#include "pipeline/piece_pipeline.h"
#include "store/archive_codec.h"

namespace wharf::pipeline {
namespace {

using Clock = std::chrono::steady_clock;

Result<std::unique_ptr<ByteSource>> OpenInput(const RunInput& input) {
  return input.open ? input.open() : OpenFileSource(input.path);
}

Result<std::string> DigestInput(const RunInput& input, uint64_t& bytes) {
  Result<std::unique_ptr<ByteSource>> source = OpenInput(input);
  if (!source.ok()) return source.status();
  store::DigestStream digest;
  std::string block(1 << 20, '\0');
  bytes = 0;
  for (;;) {
    Result<size_t> got = (*source)->Read(block.data(), block.size());
    if (!got.ok()) return got.status();
    if (*got == 0) break;
    digest.Update(std::string_view(block.data(), *got));
    bytes += *got;
  }
  return digest.Finish();
}

// Notes from the first stage, printed by the last (one writer to the error stream at a time).
class NoteQueue {
 public:
  void Add(std::string note) {
    std::lock_guard lock(mutex_);
    notes_.push_back(std::move(note));
  }
  void PrintTo(std::ostream* out) {
    std::vector<std::string> notes;
    {
      std::lock_guard lock(mutex_);
      notes.swap(notes_);
    }
    if (out == nullptr) return;
    for (const std::string& note : notes) *out << note << '\n';
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> notes_;
};

// The intent's inputs (store/ledger.h, WriteIntent): (digest or identity, name), one per line.
std::vector<std::pair<std::string_view, std::string_view>> IntentInputs(std::string_view intent) {
  std::vector<std::pair<std::string_view, std::string_view>> lines;
  while (!intent.empty()) {
    const size_t end = intent.find('\n');
    const std::string_view line = intent.substr(0, end);
    const size_t tab = std::min(line.size(), line.find('\t'));
    lines.emplace_back(line.substr(0, tab), line.substr(std::min(line.size(), tab + 1)));
    intent.remove_prefix(end == std::string_view::npos ? intent.size() : end + 1);
  }
  return lines;
}

// Whether this run can redo the commit group an interrupted run left open: each of its inputs is
// among this run's, with the same content (its digest; a replay's inputs, its identity). Only
// then does redoing it give its published acknowledgments the same control numbers again.
bool CanRedoInterruptedGroup(const std::vector<RunInput>& inputs, std::string_view intent) {
  for (const auto& [digest, name] : IntentInputs(intent)) {
    const auto input = std::find_if(inputs.begin(), inputs.end(), [&](const RunInput& i) { return i.name == name; });
    if (input == inputs.end()) return false;
    uint64_t bytes = 0;
    const Result<std::string> content =
        input->identity.empty() ? DigestInput(*input, bytes) : Result<std::string>(input->identity);
    if (!content.ok() || *content != digest) return false;
  }
  return true;
}

// The order to read the inputs in: those of a commit group an interrupted run left open first
// (store/ledger.h, WriteIntent), then the rest as given.
std::vector<size_t> InputOrder(const std::vector<RunInput>& inputs, std::string_view intent, NoteQueue& notes) {
  std::vector<size_t> order;
  std::vector<bool> taken(inputs.size(), false);
  for (const auto& [digest, name] : IntentInputs(intent)) {
    for (size_t i = 0; i < inputs.size(); ++i) {
      if (!taken[i] && inputs[i].name == name) {
        taken[i] = true;
        order.push_back(i);
        notes.Add(inputs[i].name + ": first, to finish what an interrupted run began");
        break;
      }
    }
  }
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (!taken[i]) order.push_back(i);
  }
  return order;
}

// The first stage's state: which input, its splitter, and what was skipped.
class PieceSource {
 public:
  PieceSource(const std::vector<RunInput>& inputs, std::vector<size_t> order, std::vector<InputInfo>& infos,
              store::Store& store, size_t piece_bytes, bool unwrap_line_breaks, NoteQueue& notes)
      : inputs_(inputs), order_(std::move(order)), infos_(infos), ledger_(store), piece_bytes_(piece_bytes),
        unwrap_line_breaks_(unwrap_line_breaks), notes_(notes) {}

  // The next piece, null at the end; a failure is kept in `failure`.
  PieceWork* Next(Status& failure) {
    for (;;) {
      if (!splitter_) {
        if (next_ == order_.size()) return nullptr;
        if (Status s = Open(order_[next_++]); !s.ok()) {
          failure = s;
          return nullptr;
        }
        continue;
      }
      Result<std::optional<Piece>> piece = splitter_->Next();
      if (!piece.ok()) {
        failure = piece.status();
        return nullptr;
      }
      if (!piece->has_value()) {
        splitter_.reset();
        continue;
      }
      const InputInfo& info = infos_[current_];
      if ((*piece)->last && (*piece)->offset + (*piece)->bytes.size() != info.bytes) {
        // Digested at one size, read at another: it is still being written. Nothing of it is
        // committed as done; a later run takes it whole.
        failure = Status::IoError(info.name + ": changed while being read (" + std::to_string(info.bytes) + " bytes, then " +
                                  std::to_string((*piece)->offset + (*piece)->bytes.size()) + ")");
        return nullptr;
      }
      auto* work = new PieceWork;
      work->input = current_;
      work->input_name = infos_[current_].name;
      work->input_tag = InputTag(infos_[current_].digest);
      work->piece = std::move(**piece);
      return work;
    }
  }

  uint64_t skipped() const { return skipped_; }

 private:
  Status Open(size_t index) {
    const RunInput& input = inputs_[index];
    InputInfo& info = infos_[index];
    info.name = input.name;
    if (input.identity.empty()) {
      Result<std::string> digest = DigestInput(input, info.bytes);
      if (!digest.ok()) return digest.status();
      info.digest = *digest;
    } else {
      info.digest = input.identity;
      info.bytes = input.size;
    }
    if (!Fresh(info, !input.identity.empty())) {
      ++skipped_;
      return Status::Ok();
    }
    current_ = index;
    Result<std::unique_ptr<ByteSource>> source = OpenInput(input);
    if (!source.ok()) return source.status();
    splitter_ = std::make_unique<InputSplitter>(std::move(*source), piece_bytes_);
    if (!unwrap_line_breaks_) splitter_->KeepLineBreaks();
    return Status::Ok();
  }

  // False (with a note) when the same content (or identity) was processed before or earlier in
  // this run.
  bool Fresh(const InputInfo& info, bool by_identity) {
    if (!seen_.insert(info.digest).second) {
      Note(info.name + ": skipped: the same content as an earlier input of this run");
      return false;
    }
    Result<std::optional<store::InputRecord>> before = ledger_.FindInput(info.digest);
    if (before.ok() && before->has_value()) {
      Note(info.name + (by_identity ? ": skipped: done before this run was interrupted"
                                    : ": skipped: the same content was processed before, as " + (*before)->path));
      return false;
    }
    return true;
  }

  void Note(std::string text) { notes_.Add(std::move(text)); }

  const std::vector<RunInput>& inputs_;
  std::vector<size_t> order_;
  std::vector<InputInfo>& infos_;
  store::Ledger ledger_;  // reads only: the commit stage has the writing one
  size_t piece_bytes_;
  bool unwrap_line_breaks_;
  NoteQueue& notes_;
  std::unique_ptr<InputSplitter> splitter_;
  size_t next_ = 0, current_ = 0;
  uint64_t skipped_ = 0;
  std::set<std::string> seen_;
};

class Progress {
 public:
  explicit Progress(std::ostream* out) : out_(out), start_(Clock::now()), last_(start_) {}
  void Update(const RunTotals& totals, size_t inputs_done, size_t inputs, bool final = false) {
    if (out_ == nullptr) return;
    const auto now = Clock::now();
    if (!final && now - last_ < std::chrono::milliseconds(250)) return;
    last_ = now;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    char line[200];
    std::snprintf(line, sizeof line, "\rfiles %zu/%zu  interchanges %llu  %.1f MB/s  errors %llu  dead letters %llu   ",
                  inputs_done, inputs, static_cast<unsigned long long>(totals.interchanges),
                  seconds > 0 ? static_cast<double>(totals.bytes) / 1e6 / seconds : 0.0,
                  static_cast<unsigned long long>(totals.errors), static_cast<unsigned long long>(totals.dead_letters));
    *out_ << line << (final ? "\n" : "") << std::flush;
  }

 private:
  std::ostream* out_;
  Clock::time_point start_, last_;
};

void AddFile(const std::filesystem::path& path, std::vector<RunInput>& out) {
  RunInput input;
  input.name = path.string();
  input.path = path;
  out.push_back(std::move(input));
}

}  // namespace

Result<std::vector<RunInput>> ExpandInputs(const std::vector<std::string>& paths) {
  std::vector<RunInput> inputs;
  for (const std::string& name : paths) {
    std::error_code error;
    const std::filesystem::path path(name);
    if (std::filesystem::is_directory(path, error)) {
      std::vector<std::filesystem::path> files;
      auto it = std::filesystem::recursive_directory_iterator(path, error);
      for (; !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
        const std::string leaf = it->path().filename().string();
        if (!leaf.empty() && leaf[0] == '.') {
          if (it->is_directory()) it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file()) files.push_back(it->path());
      }
      if (error) return Status::IoError(name + ": cannot list: " + error.message());
      std::sort(files.begin(), files.end());
      for (const auto& file : files) AddFile(file, inputs);
    } else if (std::filesystem::is_regular_file(path, error)) {
      AddFile(path, inputs);
    } else {
      return Status::NotFound(name + ": no such file or folder");
    }
  }
  return inputs;
}

Result<RunReport> RunPipeline(const std::vector<RunInput>& inputs, store::Store& store, const RunOptions& options) {
  const auto started = Clock::now();
  const size_t threads = options.threads != 0 ? options.threads : static_cast<size_t>(tbb::info::default_concurrency());
  tbb::global_control parallelism(tbb::global_control::max_allowed_parallelism, threads);

  store::Ledger ledger(store);
  CommitOptions commit_options;
  commit_options.home = options.home;
  commit_options.clock = options.clock;
  commit_options.check_duplicates = options.check_duplicates;
  commit_options.archive_inbound = options.archive_inbound;
  commit_options.faults = options.faults;
  commit_options.errors_out = options.errors_out;
  commit_options.commit_bytes = options.commit_bytes;
  Committer committer(ledger, commit_options);

  std::vector<InputInfo> infos(inputs.size());
  NoteQueue notes;
  Result<std::string> intent = ledger.ReadIntent();
  if (!intent.ok()) return intent.status();
  if (!intent->empty() && !CanRedoInterruptedGroup(inputs, *intent)) {
    if (Status s = ledger.AdoptInterruptedCounters(); !s.ok()) return s;
    std::string names;
    for (const auto& [digest, name] : IntentInputs(*intent)) names += (names.empty() ? "" : ", ") + std::string(name);
    notes.Add("an interrupted run left a commit group open (" + names +
              ") that this run does not have as it was: control numbers go on after any it published, and those "
              "inputs are read afresh when given again");
    intent->clear();
  }
  PieceSource source(inputs, InputOrder(inputs, *intent, notes), infos, store, options.piece_bytes,
                     options.unwrap_line_breaks, notes);
  PieceContext context;
  context.home = options.home;
  context.partners = options.partners;
  context.registry = options.registry;
  context.require_grammar = options.require_grammar;
  context.unwrap_line_breaks = options.unwrap_line_breaks;
  tbb::enumerable_thread_specific<store::ArchiveCompressor> compressors;
  Progress progress(options.progress_out);

  Status failure;  // written by the first stage, or by the last; read after the run
  std::atomic<bool> failed{false};
  size_t inputs_done = 0;
  // Read and cut in order, processed in parallel, committed in order (pipeline/piece_pipeline.h).
  auto read = [&]() -> PieceWork* {
    Status status;
    PieceWork* work = failed ? nullptr : source.Next(status);
    if (!status.ok() && !failed.exchange(true)) failure = status;
    return work;
  };
  auto process = [&](PieceWork& work) {
    if (!failed) ProcessPiece(work, context, &compressors.local());
  };
  auto commit = [&](PieceWork& work) {
    notes.PrintTo(options.errors_out);
    if (failed) return;
    Status s = work.failure.ok() ? committer.Commit(work, infos[work.input]) : work.failure;
    if (!s.ok()) {
      if (!failed.exchange(true)) failure = s;
      return;
    }
    inputs_done += work.piece.last;
    progress.Update(committer.totals(), inputs_done, inputs.size());
  };
  RunPieces<PieceWork>(threads * 2 + 1, /*on_this_thread=*/threads == 1, read, process, commit);
  notes.PrintTo(options.errors_out);
  if (failed) return failure;
  if (Status flushed = committer.Flush(); !flushed.ok()) return flushed;

  RunReport report;
  report.totals = committer.totals();
  report.totals.inputs = inputs.size();
  report.totals.inputs_skipped = source.skipped();
  report.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  report.threads = threads;
  progress.Update(report.totals, inputs_done, inputs.size(), true);
  return report;
}

}  // namespace wharf::pipeline
