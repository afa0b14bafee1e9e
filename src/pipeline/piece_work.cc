// Reading, matching, validating and translating one piece.
#include "pipeline/piece_work.h"

#include "core/output_buffer.h"
#include "edifact/grammar_check.h"
#include "translate/edifact_json.h"
#include "translate/x12_json.h"
#include "x12/grammar_check.h"

namespace wharf::pipeline {
namespace {

void Rebase(Findings& findings, uint64_t offset) {
  for (Finding& finding : findings) finding.file_offset += offset;
}

void AppendDocument(std::string& documents, std::string_view type) {
  if (type.empty()) return;
  // Most interchanges carry one type many times: list each type once.
  size_t at = 0;
  while (at < documents.size()) {
    const size_t comma = documents.find(',', at);
    const size_t end = comma == std::string::npos ? documents.size() : comma;
    if (std::string_view(documents).substr(at, end - at) == type) return;
    at = end + 1;
  }
  if (!documents.empty()) documents += ',';
  documents += type;
}

// The route of the interchange's first document: its guide and where its JSON goes.
const partner::Route* RouteOf(const InterchangeWork& work, std::string_view first_document) {
  return work.partner != nullptr ? work.partner->FindRoute(first_document) : nullptr;
}

bool WantsJson(const InterchangeWork& work, const partner::Route* route) {
  if (work.partner == nullptr) return false;
  return route == nullptr || route->output == partner::OutputFormat::kJson;
}

std::string FolderOf(const partner::Route* route, std::string_view first_document) {
  if (route != nullptr) return route->folder;
  return "in/" + std::string(first_document.empty() ? "unknown" : first_document);
}

// Digest, frame, offsets: the same for both standards once the interchange is read.
template <typename Interchange>
void Finish(InterchangeWork& work, Interchange& interchange, const Piece& piece, store::ArchiveCompressor& compressor) {
  const std::string_view raw = piece.bytes.view().substr(interchange.file_offset, interchange.file_length);
  work.digest = store::ContentDigest(raw);
  work.compressed = compressor.Compress(raw);
  interchange.file_offset += piece.offset;
  Rebase(interchange.findings, piece.offset);
  work.offset = interchange.file_offset;
  work.length = interchange.file_length;
}

// What differs between the standards, by overload; ProcessRun below is the same for both.
partner::PartnerMatch MatchPartner(const partner::PartnerSet& partners, const x12::Interchange& interchange) {
  const x12::IsaHeader& header = interchange.header;
  return partners.MatchX12({std::string(header.fields[5]), std::string(partner::TrimTrailingSpaces(header.fields[6]))},
                           {std::string(header.fields[7]), std::string(partner::TrimTrailingSpaces(header.fields[8]))});
}

partner::PartnerMatch MatchPartner(const partner::PartnerSet& partners, const edifact::Interchange& interchange) {
  const edifact::InterchangeEnvelope& envelope = interchange.envelope;
  return partners.MatchEdifact({std::string(envelope.sender_qualifier), std::string(envelope.sender)},
                               {std::string(envelope.recipient_qualifier), std::string(envelope.recipient)});
}

std::string_view ControlOf(const x12::Interchange& interchange) { return interchange.header.fields[13]; }
std::string_view ControlOf(const edifact::Interchange& interchange) { return interchange.envelope.control_reference; }

// Lists the document types and counts the sets; returns the first type.
std::string_view ListDocuments(const x12::Interchange& interchange, InterchangeWork& item) {
  std::string_view first;
  for (const auto& group : interchange.envelope.groups) {
    for (const auto& set : group.sets) {
      if (first.empty()) first = set.id;
      AppendDocument(item.documents, set.id);
      ++item.sets;
    }
  }
  return first;
}

std::string_view ListDocuments(const edifact::Interchange& interchange, InterchangeWork& item) {
  std::string_view first;
  for (const auto& group : interchange.envelope.groups) {
    for (const auto& message : group.messages) {
      if (first.empty()) first = message.type;
      AppendDocument(item.documents, message.type);
      ++item.sets;
    }
  }
  return first;
}

void Keep(InterchangeWork& item, std::unique_ptr<x12::Interchange> interchange) {
  item.format = Format::kX12;
  item.x12 = std::move(interchange);
}

void Keep(InterchangeWork& item, std::unique_ptr<edifact::Interchange> interchange) {
  item.format = Format::kEdifact;
  item.edifact = std::move(interchange);
}

void TakeStray(PieceWork& work, Findings stray) {
  Rebase(stray, work.piece.offset);
  work.file_findings.insert(work.file_findings.end(), stray.begin(), stray.end());
}

template <typename Reader, typename Interchange, typename ReaderOptions>
void ProcessRun(PieceWork& work, std::string_view through_run, ReaderOptions options, const PieceContext& context,
                store::ArchiveCompressor& compressor) {
  options.unwrap_line_breaks = context.unwrap_line_breaks;
  Reader reader(through_run, options);
  for (;;) {
    auto interchange = std::make_unique<Interchange>();
    if (!reader.Next(*interchange)) break;
    InterchangeWork& item = work.interchanges.emplace_back();
    const partner::PartnerMatch match = MatchPartner(*context.partners, *interchange);
    item.partner = match.partner;
    item.unmatched = match.problem;
    item.control = ControlOf(*interchange);
    const std::string_view first_document = ListDocuments(*interchange, item);
    const partner::Route* route = RouteOf(item, first_document);
    CheckGrammars(*interchange, x12::GrammarCheckOptions{context.registry, context.require_grammar,
                                                         route != nullptr ? route->guide : ""});
    TakeStray(work, reader.TakeFileFindings());
    Finish(item, *interchange, work.piece, compressor);
    if (WantsJson(item, route)) {
      OutputBuffer json;
      AppendInterchangeJson(*interchange, work.input_name, json);
      item.json = json.view();
      item.folder = FolderOf(route, first_document);
    }
    Keep(item, std::move(interchange));
  }
  TakeStray(work, reader.TakeFileFindings());
}

}  // namespace

void ProcessPiece(PieceWork& work, const PieceContext& context, store::ArchiveCompressor& compressor) {
  const std::string_view bytes = work.piece.bytes.view();
  FormatSplit split = SplitByFormat(bytes);
  // SplitByFormat's findings (a BOM, an empty input) only make sense at the input's start.
  if (work.piece.ordinal == 0) {
    Rebase(split.findings, work.piece.offset);
    work.file_findings = std::move(split.findings);
  }
  // Ordinals count a standard's interchanges from the input's start, across runs and pieces.
  uint32_t x12_read = 0, edifact_read = 0;
  for (const FormatRun& run : split.runs) {
    const std::string_view through_run = bytes.substr(0, run.end);
    const size_t before = work.interchanges.size();
    if (run.format == Format::kX12) {
      x12::ReaderOptions options;
      options.begin = run.begin;
      options.ordinals_before = work.piece.x12_before + x12_read;
      ProcessRun<x12::InterchangeReader, x12::Interchange>(work, through_run, options, context, compressor);
    } else {
      edifact::ReaderOptions options;
      options.begin = run.begin;
      options.ordinals_before = work.piece.edifact_before + edifact_read;
      ProcessRun<edifact::InterchangeReader, edifact::Interchange>(work, through_run, options, context, compressor);
    }
    (run.format == Format::kX12 ? x12_read : edifact_read) += static_cast<uint32_t>(work.interchanges.size() - before);
  }
}

}  // namespace wharf::pipeline
