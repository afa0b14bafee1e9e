// Reading, matching, validating and translating one piece.
#include "pipeline/piece_work.h"

#include <algorithm>
#include <cstring>
#include <type_traits>
#include <vector>

#include "core/bytes.h"
#include "core/output_buffer.h"
#include "pipeline/home_layout.h"
#include "edifact/grammar_check.h"
#include "translate/edifact_json.h"
#include "translate/x12_json.h"
#include "x12/grammar_check.h"

namespace wharf::pipeline {
namespace {

void Rebase(Findings& findings, uint64_t offset) {
  for (Finding& finding : findings) finding.file_offset += offset;
}

}  // namespace

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

namespace {

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
  return "in/" + FileSafe(first_document.empty() ? "unknown" : first_document);
}

// The bytes read are the piece's, or, in a continued piece, copies of the interchange's header
// segments then the piece's: offsets there are `shift` bytes ahead of the piece's.
uint64_t HeaderShift(const PieceWork& work) { return work.piece.continued_header.size(); }
std::string_view BytesRead(const PieceWork& work) {
  return work.piece.continued_header.empty() ? work.piece.bytes.view() : work.continued.view();
}

// The interchange headers in BytesRead: the ones MeasurePiece found in the piece, after those
// of a continued piece's header copies (searched here: a few hundred bytes). Headers are found
// alike in the piece alone and behind the copies, which end with a terminator.
std::vector<HeaderAt> HeadersRead(const PieceWork& work, std::string_view bytes) {
  const size_t copied = work.piece.continued_header.size();
  if (copied == 0) return work.measure.headers;
  std::vector<HeaderAt> headers = FindHeaders(bytes, 0, copied);
  for (const HeaderAt& header : work.measure.headers) headers.push_back({header.at + copied, header.format});
  return headers;
}

// A part's place among its interchange's parts (pipeline/splitter.h), from where it lies in
// the piece; its header copies' findings were reported with the part that holds them.
template <typename Interchange>
void MarkPart(InterchangeWork& work, Interchange& interchange, const PieceWork& piece_work, bool last_in_piece) {
  const Piece& piece = piece_work.piece;
  work.continued = !piece.continued_header.empty() && interchange.file_offset == 0;
  work.continues = piece.continues && last_in_piece;
  if (!work.continued && !work.continues) return;
  work.part = work.continued ? piece.continued_part : 1;
  if (!work.continued) return;
  work.copied_segments = piece.continued_segments;
  std::erase_if(interchange.findings, [&](const Finding& f) {
    return f.segment_ordinal != 0 && f.segment_ordinal <= work.copied_segments;
  });
}

// The document that routes an interchange: its first; for a part, the whole interchange's first,
// which the splitter found (so that every part is checked and filed alike).
template <typename Interchange>
std::string_view RouteDocument(const Piece& piece, const Interchange& interchange, bool last_in_piece,
                               std::string_view own_first) {
  if (!piece.continued_header.empty() && interchange.file_offset == 0 && !piece.continued_first_document.empty()) {
    return piece.continued_first_document;
  }
  if (piece.continues && last_in_piece && !piece.continues_first_document.empty()) return piece.continues_first_document;
  return own_first;
}

// The CR and LF bytes of a part that reading its whole interchange from a copy without them
// would drop: from the UNB on (not a UNA's line break), through the trailer's terminator. Counted
// on the thread that reads the part, for the warning the joined interchange gets when it was
// wrapped (pipeline/interchange_join.h).
template <typename Interchange>
uint64_t LineBreaksOfPart(const Interchange& interchange, std::string_view raw, bool first) {
  bool trailer = false;
  if constexpr (std::is_same_v<Interchange, edifact::Interchange>) {
    if (first && !interchange.una.empty()) {
      raw.remove_prefix(std::min(raw.size(), raw.find_first_not_of(" \t\r\n", edifact::kUnaLength)));
    }
    trailer = interchange.envelope.unz != edifact::kNoSegment;
  } else {
    trailer = interchange.envelope.iea != x12::kNoSegment;
  }
  if (trailer) raw = raw.substr(0, raw.find_last_not_of("\r\n") + 1);  // npos + 1: none
  return CountAnyOf(raw, '\n', '\r');
}

// Digest, frame, offsets: the same for both standards once the interchange is read.
template <typename Interchange>
void Finish(InterchangeWork& work, Interchange& interchange, const PieceWork& piece_work,
            store::ArchiveCompressor* compressor) {
  const uint64_t shift = HeaderShift(piece_work);
  const uint64_t begin = std::max<uint64_t>(interchange.file_offset, shift);
  const std::string_view raw =
      BytesRead(piece_work).substr(begin, interchange.file_offset + interchange.file_length - begin);
  if (work.is_part()) work.line_breaks = LineBreaksOfPart(interchange, raw, !work.continued);
  // A part's digest is the whole interchange's, which the commit computes as the parts arrive.
  if (compressor != nullptr) {
    if (!work.is_part()) work.digest = store::ContentDigest(raw);
    work.compressed = compressor->Compress(raw);
  }
  const uint64_t base = piece_work.piece.offset - shift;  // wraps back for a continued piece
  interchange.offsets.MoveBy(base);
  Rebase(interchange.findings, base);
  // A continued part's source is its own bytes, without the header copies.
  interchange.file_offset = begin + base;
  interchange.file_length = raw.size();
  work.part_offset = interchange.file_offset;
  work.offset = work.continued ? piece_work.piece.interchange_offset : interchange.file_offset;
  work.length = raw.size();
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

// A finding about a group or message whose version the partner file does not list.
Finding NotAgreed(Standard standard, const Tape& tape, const OffsetMap& offsets, uint32_t segment, AckLevel level,
                  std::string code, std::string message) {
  Finding f;
  f.standard = standard;
  f.level = level;
  f.code = std::move(code);
  f.message = std::move(message);
  f.segment_ordinal = segment + 1;
  f.segment_tag = std::string(tape.segment(segment).tag());
  f.file_offset = offsets.ToFile(tape.segment(segment).offset());
  return f;
}

// Versions the partner does not accept: X12 GS08 (its first six characters; the rest names a
// guide) is a group the partner has no agreement for (AK905 2), an EDIFACT message's directory
// (S009 0052+0054, "D96A") a message with no agreement (0085 code 17).
void CheckAgreedVersions(x12::Interchange& interchange, const partner::Partner& partner) {
  const auto& groups = interchange.envelope.groups;
  for (uint32_t g = 0; g < groups.size(); ++g) {
    const std::string_view version = groups[g].version.substr(0, 6);
    if (groups[g].gs == x12::kNoSegment || partner.Accepts("x12", version)) continue;
    Finding f = NotAgreed(Standard::kX12, interchange.tape, interchange.offsets, groups[g].gs, AckLevel::kAk9, "2",
                          "version " + QuoteValue(groups[g].version) + " is not one partner '" + partner.id +
                              "' sends (its partner file lists the versions it accepts)");
    f.element = 8;
    f.group_number = g + 1;
    f.group_control = std::string(groups[g].control_number);
    f.functional_id = std::string(groups[g].functional_id);
    f.interchange_control = std::string(interchange.header.fields[13]);
    interchange.findings.push_back(std::move(f));
  }
}

void CheckAgreedVersions(edifact::Interchange& interchange, const partner::Partner& partner) {
  const auto& groups = interchange.envelope.groups;
  for (uint32_t g = 0; g < groups.size(); ++g) {
    for (uint32_t m = 0; m < groups[g].messages.size(); ++m) {
      const edifact::MessageEnvelope& message = groups[g].messages[m];
      const std::string directory = std::string(message.version) + std::string(message.release);
      if (message.unh == edifact::kNoSegment || partner.Accepts("edifact", directory)) continue;
      Finding f = NotAgreed(Standard::kEdifact, interchange.tape, interchange.offsets, message.unh, AckLevel::kAk5,
                            "17", "directory " + QuoteValue(directory) + " is not one partner '" + partner.id +
                                      "' sends (its partner file lists the versions it accepts)");
      f.element = 2;
      f.group_number = g + 1;
      f.set_number = m + 1;
      f.set_control = std::string(message.reference);
      f.set_id = std::string(message.type);
      f.interchange_control = std::string(interchange.envelope.control_reference);
      interchange.findings.push_back(std::move(f));
    }
  }
}

void Keep(InterchangeWork& item, std::unique_ptr<x12::Interchange> interchange) {
  item.format = Format::kX12;
  item.x12 = std::move(interchange);
}

void Keep(InterchangeWork& item, std::unique_ptr<edifact::Interchange> interchange) {
  item.format = Format::kEdifact;
  item.edifact = std::move(interchange);
}

// Whether the partner's policy can ask for an acknowledgment of this standard at all.
bool MayAcknowledge(const partner::Partner& partner, Format format) {
  if (format == Format::kEdifact) return partner.acks.contrl;
  return partner.acks.functional != partner::FunctionalAck::kNone || partner.acks.ta1 != partner::Ta1Policy::kNever;
}

void TakeStray(PieceWork& work, Findings stray) {
  Rebase(stray, work.piece.offset - HeaderShift(work));
  work.file_findings.insert(work.file_findings.end(), stray.begin(), stray.end());
}

template <typename Reader, typename Interchange, typename ReaderOptions>
void ProcessRun(PieceWork& work, std::string_view through_run, ReaderOptions options, const PieceContext& context,
                store::ArchiveCompressor* compressor) {
  options.unwrap_line_breaks = context.unwrap_line_breaks;
  options.scan_kernel = context.scan_kernel;
  Reader reader(through_run, options);
  for (;;) {
    auto interchange = std::make_unique<Interchange>();
    if (!reader.Next(*interchange)) break;
    InterchangeWork& item = work.interchanges.emplace_back();
    const bool last_in_piece = interchange->file_offset + interchange->file_length == BytesRead(work).size();
    if (context.partners != nullptr) {
      const partner::PartnerMatch match = MatchPartner(*context.partners, *interchange);
      item.partner = match.partner;
      item.unmatched = match.problem;
    }
    item.control = ControlOf(*interchange);
    const std::string_view first_document = RouteDocument(work.piece, *interchange, last_in_piece,
                                                          ListDocuments(*interchange, item));
    const partner::Route* route = RouteOf(item, first_document);
    CheckGrammars(*interchange, x12::GrammarCheckOptions{context.registry, context.require_grammar,
                                                         route != nullptr ? route->guide : context.guide});
    if (item.partner != nullptr) CheckAgreedVersions(*interchange, *item.partner);
    MarkPart(item, *interchange, work, last_in_piece);
    TakeStray(work, reader.TakeFileFindings());
    Finish(item, *interchange, work, compressor);
    item.folder = FolderOf(route, first_document);
    if (WantsJson(item, route) && work.failure.ok()) {
      OutputBuffer json;
      AppendInterchangeJson(*interchange, work.input_name, json);
      // An interchange with errors is not passed on: its translation goes beside, to rejected/.
      // A part's folder is settled when its interchange is joined (pipeline/interchange_join.h).
      std::string name = ItemName(item.control, work.input_tag, item.offset);
      if (item.is_part()) name += ".part-" + PartNumber(item.part);
      item.translation = PartnerFolder(context.home, item.partner->id) /
                         (interchange->valid() ? item.folder : "rejected") / (name + ".json");
      work.failure = work.staged.Stage(item.translation, json.view());
    }
    Keep(item, std::move(interchange));
    if (item.partner != nullptr && work.failure.ok() && MayAcknowledge(*item.partner, item.format) && !item.continues) {
      // The acknowledgment's content needs control numbers only the commit can give; its file
      // is created here, in parallel (pipeline/commit.h).
      Result<size_t> reserved = work.staged.Reserve(PartnerFolder(context.home, item.partner->id) / "acks");
      if (reserved.ok()) {
        item.ack_file = *reserved;
      } else {
        work.failure = reserved.status();
      }
    }
  }
  TakeStray(work, reader.TakeFileFindings());
}

}  // namespace

void ProcessPiece(PieceWork& work, const PieceContext& context, store::ArchiveCompressor* compressor) {
  if (!work.piece.continued_header.empty()) {
    // The header copies, then the piece: one copy of the piece's bytes.
    const std::string_view header = work.piece.continued_header, bytes = work.piece.bytes.view();
    work.continued = PaddedBuffer::Allocate(header.size() + bytes.size());
    std::memcpy(work.continued.mutable_data(), header.data(), header.size());
    std::memcpy(work.continued.mutable_data() + header.size(), bytes.data(), bytes.size());
  }
  const std::string_view bytes = BytesRead(work);
  FormatSplit split = SplitByFormat(bytes, HeadersRead(work, bytes));
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
      if (run.begin == 0) options.copied_segments = work.piece.continued_segments;
      options.continues = work.piece.continues && run.end == bytes.size();
      ProcessRun<x12::InterchangeReader, x12::Interchange>(work, through_run, options, context, compressor);
    } else {
      edifact::ReaderOptions options;
      options.begin = run.begin;
      options.ordinals_before = work.piece.edifact_before + edifact_read;
      if (run.begin == 0) options.copied_segments = work.piece.continued_segments;
      options.continues = work.piece.continues && run.end == bytes.size();
      ProcessRun<edifact::InterchangeReader, edifact::Interchange>(work, through_run, options, context, compressor);
    }
    (run.format == Format::kX12 ? x12_read : edifact_read) += static_cast<uint32_t>(work.interchanges.size() - before);
  }
}

}  // namespace wharf::pipeline
