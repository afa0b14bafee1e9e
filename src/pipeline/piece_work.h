// The parallel stage of the pipeline: one piece of an input read, matched to partners,
// validated, translated and compressed for the archive.
//
// Contract: ProcessPiece reads every interchange of a piece (X12 or EDIFACT, told apart as
// `wharf validate` does), finds its partner by envelope identity, checks it against the
// grammars (the route's guide when the partner's route names one), writes its JSON when the
// route asks for it (staged as a hidden temporary: the commit publishes it or drops it), and
// computes its digest and zstd frame. Offsets in findings and interchanges are made the whole
// input's. Nothing here touches the store: everything that must happen in input order
// (duplicates, gaps, control numbers, publishing files) is the commit's. The
// context is read-only and shared by all threads; one compressor per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/atomic_file.h"
#include "detect/format_runs.h"
#include "edifact/reader.h"
#include "partner/partner.h"
#include "pipeline/splitter.h"
#include "store/archive_codec.h"
#include "tokenize/structural_scanner.h"
#include "x12/reader.h"

namespace wharf::grammar {
class GrammarRegistry;
}

namespace wharf::pipeline {

struct PieceContext {
  std::filesystem::path home;
  // Null: no partners (the command line's validate, translate and ack): nothing is matched,
  // routed, translated into a home or acknowledged here.
  const partner::PartnerSet* partners = nullptr;
  const grammar::GrammarRegistry* registry = nullptr;  // null: envelopes only
  bool require_grammar = false;
  bool unwrap_line_breaks = true;
  std::string guide;  // for an interchange whose route names none ("": the standard's grammar)
  ScanKernel scan_kernel = BestScanKernel();
};

struct InterchangeWork {
  Format format = Format::kX12;
  std::unique_ptr<x12::Interchange> x12;  // exactly one of the two is set
  std::unique_ptr<edifact::Interchange> edifact;
  const partner::Partner* partner = nullptr;
  std::string unmatched;  // why no partner matched (then partner is null)
  std::string control;    // ISA13 / UNB 0020 as received
  std::string documents;  // the sets' types, "850" or "850,860"
  uint64_t sets = 0;
  uint64_t offset = 0;  // in the input (of the whole interchange, for a part)
  uint64_t length = 0;  // of its bytes here (of the part)
  // A part of an interchange too large for one piece (pipeline/splitter.h), joined again by the
  // commit (pipeline/interchange_join.h):
  bool continued = false;        // begun in an earlier piece
  bool continues = false;        // goes on in the next piece
  uint32_t part = 0;             // 1-based, 0: not a part
  uint32_t copied_segments = 0;  // header copies at the start of its tape (continued)
  uint64_t part_offset = 0;      // where its bytes here start in the input
  uint64_t line_breaks = 0;      // CR and LF bytes a reading of the whole without them would drop
  uint64_t line = 0, column = 0;  // of `offset`, when it lies in an earlier piece (a joined whole)
  std::string folder;             // in the partner's folder, for its translation when valid
  std::vector<std::filesystem::path> part_translations;  // a joined whole's, one per part
  uint32_t joined_parts = 0;      // a joined whole's: its parts, archived (and dead-lettered) one by one
  std::string digest;      // of the interchange's bytes
  std::string compressed;  // its zstd frame, for the archive
  std::filesystem::path translation;  // the staged JSON's target, when the route asks for one
  std::optional<size_t> ack_file;     // a file reserved in the partner's acks/ (PieceWork::staged)

  std::string_view standard() const { return format == Format::kX12 ? "x12" : "edifact"; }
  Findings& findings() { return x12 ? x12->findings : edifact->findings; }
  const Findings& findings() const { return x12 ? x12->findings : edifact->findings; }
  std::string Label() const { return x12 ? x12->Label() : edifact->Label(); }
  bool valid() const { return x12 ? x12->valid() : edifact->valid(); }
  bool is_part() const { return part != 0; }
};

struct PieceWork {
  size_t input = 0;        // which input of the run
  std::string input_name;  // as findings and JSON name it
  std::string input_tag;   // in file names (pipeline/home_layout.h)
  Piece piece;
  PieceMeasure measure;    // taken on a worker thread when the splitter does not number pieces
  PaddedBuffer continued;  // piece.continued_header then piece.bytes: what is read, when continued
  std::vector<InterchangeWork> interchanges;
  Findings file_findings;  // about bytes outside interchanges
  AtomicFileBatch staged;  // translations, written here in parallel, published by the commit
  Status failure;          // a translation that could not be written
};

// `work.measure` must have been taken (RunPieces measures every piece before processing it).
// `compressor` may be null when the context does not archive.
void ProcessPiece(PieceWork& work, const PieceContext& context, store::ArchiveCompressor* compressor);

// Adds a document type to a comma-separated list of them, once.
void AppendDocument(std::string& documents, std::string_view type);

}  // namespace wharf::pipeline
