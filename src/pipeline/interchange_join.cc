// The parts of a large interchange joined: findings renumbered, checks across parts, skeleton.
#include "pipeline/interchange_join.h"

#include <algorithm>
#include <functional>
#include <tuple>
#include <utility>

#include "diagnostics/segment_finding.h"
#include "edifact/envelope.h"
#include "edifact/reader.h"
#include "x12/data_types.h"
#include "x12/envelope.h"
#include "x12/reader.h"

namespace wharf::pipeline {
namespace {

uint64_t ControlHash(std::string_view control) { return std::hash<std::string_view>()(control); }

// A control number used again in a later part: as the envelope validator reports it in one.
Finding Repeated(const x12::Interchange& part, uint32_t segment, uint16_t element, AckLevel level,
                 std::string_view code, std::string message) {
  Finding f = SegmentFinding(Standard::kX12, part.tape, part.offsets, Severity::kError, level, code,
                             part.tape.segment(segment), element, 0, std::move(message));
  f.interchange_control = std::string(x12::TrimRight(part.envelope.control_number));
  return f;
}

// Files a finding under the set or message it is about (1-based numbers in the part), at its
// header (set position 1).
void AboutSet(Finding& f, uint32_t group_number, uint32_t set_number, std::string_view control, std::string_view id) {
  f.group_number = group_number;
  f.set_number = set_number;
  f.set_control = std::string(control);
  f.set_id = std::string(id);
  f.set_position = 1;
}

// Validators name another segment in a message ("(GS at segment 2)", "it ends after segment 9"):
// by its number in the part, which `whole_ordinal` turns into the whole interchange's.
template <typename Renumber>
void RenumberMention(std::string& message, const Renumber& whole_ordinal) {
  for (const std::string_view mention : {" at segment ", " after segment "}) {
    const size_t at = message.find(mention);
    if (at == std::string::npos) continue;
    const size_t digits = at + mention.size();
    size_t end = digits;
    uint64_t ordinal = 0;
    while (end < message.size() && message[end] >= '0' && message[end] <= '9') ordinal = ordinal * 10 + (message[end++] - '0');
    if (end == digits) continue;
    message.replace(digits, end - digits, std::to_string(whole_ordinal(ordinal)));
    return;
  }
}

const Tape& TapeOf(const InterchangeWork& work) { return work.x12 ? work.x12->tape : work.edifact->tape; }

// Whether the part's first group goes on with the last group of the earlier parts.
template <typename Envelope>
bool FirstGroupContinues(const Envelope& envelope, uint32_t groups_before) {
  return groups_before != 0 && !envelope.groups.empty() && envelope.groups.front().continued;
}

}  // namespace

void InterchangeJoin::AppendSegment(const Tape& tape, uint32_t segment) {
  skeleton_ += tape.segment(segment).raw();
  skeleton_ += tape.delimiters().segment;
}

void InterchangeJoin::Add(InterchangeWork& part, std::string_view bytes, LineIndex& lines) {
  if (parts_++ == 0) {
    whole_ = InterchangeWork();
    whole_.format = part.format;
    whole_.partner = part.partner;
    whole_.unmatched = part.unmatched;
    whole_.control = part.control;
    whole_.offset = part.offset;
    whole_.part_offset = part.offset;
    whole_.folder = part.folder;
    std::tie(whole_.line, whole_.column) = lines.LineAndColumn(part.offset);
    if (digests_) digest_ = std::make_unique<store::DigestStream>();
    if (part.x12) {
      ordinal_ = part.x12->ordinal;
    } else {
      ordinal_ = part.edifact->ordinal;
      skeleton_ = part.edifact->una;
    }
    AppendSegment(TapeOf(part), 0);  // the ISA, the UNB
  }
  if (digest_) digest_->Update(bytes);
  wrapped_ = wrapped_ || (part.x12 ? part.x12->unwrapped : part.edifact->unwrapped).size() != 0;
  line_breaks_ += part.line_breaks;
  whole_.joined_parts = parts_;
  whole_.length += part.length;
  whole_.sets += part.sets;
  // The first document names the route: the first part may hold only the headers.
  if (whole_.documents.empty()) whole_.folder = part.folder;
  for (size_t at = 0; at < part.documents.size();) {
    const size_t comma = std::min(part.documents.find(',', at), part.documents.size());
    AppendDocument(whole_.documents, std::string_view(part.documents).substr(at, comma - at));
    at = comma + 1;
  }
  if (!part.translation.empty()) whole_.part_translations.push_back(part.translation);
  whole_.ack_file = part.ack_file;  // reserved with the last part

  const uint32_t groups_before = groups_;
  const bool first_continued = part.x12 ? FirstGroupContinues(part.x12->envelope, groups_before)
                                        : FirstGroupContinues(part.edifact->envelope, groups_before);
  const uint64_t sets_before = first_continued ? open_group_sets_ : 0;
  const uint64_t continued_header = open_group_header_;  // where the copied GS/UNG really is
  Findings found = std::move(part.findings());
  if (part.x12) {
    JoinEnvelope(*part.x12, part.copied_segments, found);
  } else {
    JoinEnvelope(*part.edifact, part.copied_segments, found);
  }
  // A segment of this part, numbered for the whole interchange; a copied header is the real one.
  const auto whole_ordinal = [&](uint64_t ordinal) {
    return ordinal > part.copied_segments ? ordinal - part.copied_segments + segments_
                                          : ordinal == 1 ? 1 : continued_header;
  };
  for (Finding& f : found) {
    if (f.segment_ordinal != 0) f.segment_ordinal = static_cast<uint32_t>(whole_ordinal(f.segment_ordinal));
    RenumberMention(f.message, whole_ordinal);
    if (f.group_number != 0) {
      const uint32_t local = f.group_number;
      f.group_number = groups_before + local - (first_continued ? 1 : 0);
      if (local == 1 && f.set_number != 0) f.set_number += static_cast<uint32_t>(sets_before);
    }
    if (f.line == 0) std::tie(f.line, f.column) = lines.LineAndColumn(f.file_offset);
    findings_.push_back(std::move(f));
  }
  segments_ += TapeOf(part).segment_count() - part.copied_segments;
}

void InterchangeJoin::JoinEnvelope(const x12::Interchange& in, uint32_t copied_segments, Findings& found) {
  const auto& groups = in.envelope.groups;
  std::vector<std::string> begun;
  for (uint32_t g = 0; g < groups.size(); ++g) {
    const x12::GroupEnvelope& group = groups[g];
    if (!group.continued) {
      AppendSegment(in.tape, group.gs);
      open_group_header_ = segments_ + group.gs + 1 - copied_segments;
      ++groups_;
      open_group_sets_ = 0;
      open_group_set_controls_.clear();
      // The part's own validator checked its groups against each other; these are the earlier parts'.
      // Only numbers the validator takes as numbers count, as in a whole read.
      const bool numbered = x12::IsDigits(group.control_number) && group.control_number.size() <= 9;
      if (numbered && group_controls_.count(std::string(group.control_number)) != 0) {
        Finding f = Repeated(in, group.gs, 6, AckLevel::kAk9, "19",
                             "GS06 group control number " + std::string(group.control_number) +
                                 " is used twice in interchange " + std::string(in.envelope.control_number));
        f.group_number = g + 1;
        f.group_control = std::string(group.control_number);
        f.functional_id = std::string(group.functional_id);
        found.push_back(std::move(f));
      }
      if (numbered) begun.emplace_back(group.control_number);
    }
    std::vector<uint64_t> controls;
    for (uint32_t s = 0; s < group.sets.size(); ++s) {
      const x12::TransactionSetEnvelope& set = group.sets[s];
      const char e = in.header.delimiters.element, t = in.header.delimiters.segment;
      skeleton_ += "ST";
      ((skeleton_ += e) += set.id) += e;
      skeleton_ += set.control_number;
      if (!set.implementation_reference.empty()) (skeleton_ += e) += set.implementation_reference;
      ((((skeleton_ += t) += "SE") += e) += "2") += e;
      (skeleton_ += set.control_number) += t;
      const std::string_view st02 = set.control_number;
      if (st02.size() < 4 || st02.size() > 9 || x12::TrimRight(st02).empty()) continue;  // not a number
      const uint64_t hash = ControlHash(st02);
      if (group.continued && open_group_set_controls_.count(hash) != 0) {
        Finding f = Repeated(in, set.st, 2, AckLevel::kAk5, "23",
                             "ST02 control number " + std::string(st02) + " is used twice in functional group " +
                                 std::string(group.control_number));
        AboutSet(f, g + 1, s + 1, st02, set.id);
        f.group_control = std::string(group.control_number);
        f.functional_id = std::string(group.functional_id);
        found.push_back(std::move(f));
      }
      controls.push_back(hash);
    }
    open_group_sets_ += group.sets.size();
    open_group_set_controls_.insert(controls.begin(), controls.end());
    if (group.ge != x12::kNoSegment) {
      if (group.continued) {
        // Counted over every part the group spans.
        if (std::optional<Finding> f = x12::TrailerCountFinding(in.tape, in.offsets, group.ge, open_group_sets_,
                                                                in.envelope.control_number, &group, g + 1)) {
          found.push_back(std::move(*f));
        }
      }
      AppendSegment(in.tape, group.ge);
    }
  }
  group_controls_.insert(begun.begin(), begun.end());
  if (in.envelope.iea != x12::kNoSegment) {
    if (copied_segments != 0) {
      if (std::optional<Finding> f = x12::TrailerCountFinding(in.tape, in.offsets, in.envelope.iea, groups_,
                                                              in.envelope.control_number, nullptr, 0)) {
        found.push_back(std::move(*f));
      }
    }
    AppendSegment(in.tape, in.envelope.iea);
  }
}

void InterchangeJoin::JoinEnvelope(const edifact::Interchange& in, uint32_t copied_segments, Findings& found) {
  const auto& groups = in.envelope.groups;
  const Delimiters& d = in.service.delimiters;
  std::vector<std::string> begun;
  std::vector<uint64_t> references;
  for (uint32_t g = 0; g < groups.size(); ++g) {
    const edifact::GroupEnvelope& group = groups[g];
    const bool continued = g == 0 && FirstGroupContinues(in.envelope, groups_);
    if (!continued) {
      ++groups_;
      open_group_sets_ = 0;
      if (group.ung != edifact::kNoSegment) {
        AppendSegment(in.tape, group.ung);
        open_group_header_ = segments_ + group.ung + 1 - copied_segments;
        // The part's own validator checked its references against each other; these are the earlier parts'.
        if (!group.reference.empty() && group_controls_.count(std::string(group.reference)) != 0) {
          Finding f = edifact::RepeatedReferenceFinding(in.tape, in.offsets, group.ung, in.envelope);
          f.group_number = g + 1;
          f.group_control = std::string(group.reference);
          f.functional_id = std::string(group.functional_id);
          found.push_back(std::move(f));
        }
        if (!group.reference.empty()) begun.emplace_back(group.reference);
      }
    }
    for (uint32_t m = 0; m < group.messages.size(); ++m) {
      const edifact::MessageEnvelope& message = group.messages[m];
      AppendSegment(in.tape, message.unh);
      ((((skeleton_ += "UNT") += d.element) += "2") += d.element) += message.reference;
      skeleton_ += d.segment;
      // An empty or over-long reference is the message's own error, not a repeat.
      if (message.reference.empty() || message.reference.size() > 14) continue;
      const uint64_t hash = ControlHash(message.reference);
      if (message_references_.count(hash) != 0) {
        Finding f = edifact::RepeatedReferenceFinding(in.tape, in.offsets, message.unh, in.envelope);
        AboutSet(f, g + 1, m + 1, message.reference, message.type);
        found.push_back(std::move(f));
      }
      references.push_back(hash);
    }
    open_group_sets_ += group.messages.size();
    messages_ += group.messages.size();
    if (group.une != edifact::kNoSegment) {
      if (continued) {
        // Counted over every part the group spans.
        if (std::optional<Finding> f = edifact::TrailerCountFinding(in.tape, in.offsets, group.une, open_group_sets_,
                                                                    in.envelope, &group, g + 1)) {
          found.push_back(std::move(*f));
        }
      }
      AppendSegment(in.tape, group.une);
    }
  }
  group_controls_.insert(begun.begin(), begun.end());
  message_references_.insert(references.begin(), references.end());
  if (in.envelope.unz != edifact::kNoSegment) {
    if (copied_segments != 0) {
      const uint64_t count = in.envelope.uses_groups ? groups_ : messages_;
      if (std::optional<Finding> f =
              edifact::TrailerCountFinding(in.tape, in.offsets, in.envelope.unz, count, in.envelope, nullptr, 0)) {
        found.push_back(std::move(*f));
      }
    }
    AppendSegment(in.tape, in.envelope.unz);
  }
}

namespace {

// The joined interchange: its skeleton read as the interchange, with every part's findings.
template <typename Reader, typename Interchange, typename ReaderOptions>
std::unique_ptr<Interchange> ReadSkeleton(PaddedBuffer skeleton, Findings findings, uint32_t ordinal,
                                          const InterchangeWork& whole) {
  ReaderOptions options;
  options.unwrap_line_breaks = false;
  auto joined = std::make_unique<Interchange>();
  Reader reader(skeleton.view(), options);
  reader.Next(*joined);  // the first part's header was read before: the skeleton reads
  joined->findings = std::move(findings);
  joined->unwrapped = std::move(skeleton);  // the tape's bytes: they move with it
  joined->ordinal = ordinal;
  joined->file_offset = whole.offset;
  joined->file_length = whole.length;
  return joined;
}

}  // namespace

void InterchangeJoin::JoinWrappedFinding() {
  // Read whole, the interchange would have been read from one copy without every CR/LF inside
  // it, and said so once, with their number: the parts read from copies said so for theirs.
  Finding joined = whole_.format == Format::kX12 ? x12::WrappedFinding(whole_.offset, line_breaks_, whole_.control)
                                                 : edifact::WrappedFinding(whole_.offset, line_breaks_, whole_.control);
  joined.line = whole_.line;
  joined.column = whole_.column;
  const auto first = std::find_if(findings_.begin(), findings_.end(), [](const Finding& f) { return f.code == "WRAPPED"; });
  if (first == findings_.end()) {
    findings_.push_back(std::move(joined));
    return;
  }
  *first = std::move(joined);
  findings_.erase(std::remove_if(first + 1, findings_.end(), [](const Finding& f) { return f.code == "WRAPPED"; }),
                  findings_.end());
}

InterchangeWork InterchangeJoin::Finish() {
  if (wrapped_) JoinWrappedFinding();
  PaddedBuffer skeleton = PaddedBuffer::Copy(skeleton_);
  if (whole_.format == Format::kX12) {
    whole_.x12 = ReadSkeleton<x12::InterchangeReader, x12::Interchange, x12::ReaderOptions>(
        std::move(skeleton), std::move(findings_), ordinal_, whole_);
  } else {
    whole_.edifact = ReadSkeleton<edifact::InterchangeReader, edifact::Interchange, edifact::ReaderOptions>(
        std::move(skeleton), std::move(findings_), ordinal_, whole_);
  }
  if (digest_) whole_.digest = digest_->Finish();
  InterchangeWork whole = std::move(whole_);
  *this = InterchangeJoin(digests_);
  return whole;
}

}  // namespace wharf::pipeline
