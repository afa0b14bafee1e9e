// CSV reading: a 64-byte block classifier, the quote-parity walk over its masks, and the checks
// made at each field and record end.
#include "flat/csv_reader.h"

#include <bit>
#include <cstring>
#include <limits>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace wharf::flat {
namespace {

constexpr uint64_t kNoQuote = ~uint64_t{0};
// Field offsets in a batch are 32 bits: a record reaching this far (an unclosed quote, CR-only line
// ends) ends the reading with a finding rather than wrap them.
constexpr uint64_t kLargestBatch = std::numeric_limits<uint32_t>::max() - 128;

// One bit per byte of p[0, 64) for each byte class; reads 64 bytes (the input's padding covers
// the last block).
BlockMasks Classify(const char* p, char quote, char delimiter) {
  BlockMasks masks;
#if defined(__SSE2__)
  const __m128i quotes = _mm_set1_epi8(quote), delimiters = _mm_set1_epi8(delimiter),
                line_feeds = _mm_set1_epi8('\n');
  for (int i = 0; i < 4; ++i) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i));
    const auto bits = [&](__m128i wanted) {
      return uint64_t{static_cast<uint16_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, wanted)))} << (16 * i);
    };
    masks.quotes |= bits(quotes);
    masks.delimiters |= bits(delimiters);
    masks.line_feeds |= bits(line_feeds);
  }
#else
  for (int i = 0; i < 64; ++i) {
    const uint64_t bit = uint64_t{1} << i;
    if (p[i] == quote) masks.quotes |= bit;
    if (p[i] == delimiter) masks.delimiters |= bit;
    if (p[i] == '\n') masks.line_feeds |= bit;
  }
#endif
  return masks;
}

// Bit i of the result is the XOR of bits 0..i: with quote positions in, the bytes from an
// opening quote up to (not including) its closing quote.
uint64_t PrefixXor(uint64_t bits) {
  bits ^= bits << 1;
  bits ^= bits << 2;
  bits ^= bits << 4;
  bits ^= bits << 8;
  bits ^= bits << 16;
  bits ^= bits << 32;
  return bits;
}

}  // namespace

Status CsvDialect::Validate() const {
  if (delimiter == quote) return Status::InvalidArgument("the CSV delimiter and quote are the same character");
  for (char c : {delimiter, quote}) {
    if (c == '\n' || c == '\r') return Status::InvalidArgument("a line break cannot be a CSV delimiter or quote");
  }
  return Status::Ok();
}

std::string_view CsvBatch::Value(const CsvField& field, std::string& scratch) const {
  const std::string_view raw = bytes.substr(field.begin, field.length);
  if (field.kind != CsvField::Kind::kQuotedWithDoubledQuotes) return raw;
  scratch.clear();
  for (size_t i = 0; i < raw.size(); ++i) {
    scratch += raw[i];
    if (raw[i] == quote && i + 1 < raw.size() && raw[i + 1] == quote) ++i;
  }
  return scratch;
}

CsvReader::CsvReader(std::string_view input, CsvDialect dialect, size_t batch_bytes)
    : input_(input), dialect_(dialect), batch_bytes_(batch_bytes == 0 ? 1 : batch_bytes) {
  if (input_.starts_with("\xEF\xBB\xBF")) position_ = 3;
}

bool CsvReader::Next(CsvBatch& batch) {
  batch.fields.clear();
  batch.record_ends.clear();
  const uint64_t size = input_.size();
  if (position_ >= size) return false;
  const uint64_t start = position_;
  const char* data = input_.data();
  batch.file_offset = start;
  batch.first_record = records_read_ + 1;
  batch.quote = dialect_.quote;
  const uint64_t soft_end = start + batch_bytes_;

  uint64_t field_begin = start;
  uint64_t last_quote = kNoQuote;  // the last quote before the current block
  bool inside_quotes = false;      // carried from one block to the next
  uint64_t may_open = 1;           // bit 0: may a quote at the block's first byte open a field?
  stray_quotes_.clear();
  next_stray_quote_ = 0;
  for (uint64_t block = start; block < size; block += 64) {
    if (block + 64 - start > kLargestBatch) {
      AddFinding(fields_in_record_ == 0 ? field_begin : record_begin_, records_read_ + 1, 0, "CSV-TOO-LARGE",
                 "a record longer than 4 GiB (a quote never closed, or line ends that are not LF or CR LF?): "
                 "the rest of the input is not read");
      batch.fields.resize(batch.record_ends.empty() ? 0 : batch.record_ends.back());
      fields_in_record_ = 0;
      position_ = size;
      batch.bytes = input_.substr(start, block - start);
      return !batch.record_ends.empty();
    }
    BlockMasks masks = Classify(data + block, dialect_.quote, dialect_.delimiter);
    if (size - block < 64) {
      const uint64_t in_input = (uint64_t{1} << (size - block)) - 1;
      masks.quotes &= in_input;
      masks.delimiters &= in_input;
      masks.line_feeds &= in_input;
    }
    const uint64_t quoted = QuotedBytes(masks, inside_quotes, may_open, block);
    inside_quotes = (quoted >> 63) != 0;
    may_open = (masks.delimiters | masks.line_feeds | masks.quotes) >> 63;
    for (uint64_t ends = (masks.delimiters | masks.line_feeds) & ~quoted; ends != 0; ends &= ends - 1) {
      const int bit = std::countr_zero(ends);
      const uint64_t at = block + bit;
      const uint64_t quotes_before = masks.quotes & ((uint64_t{1} << bit) - 1);
      const uint64_t quote_before = quotes_before != 0 ? block + 63 - std::countl_zero(quotes_before) : last_quote;
      const bool line_end = ((masks.line_feeds >> bit) & 1) != 0;
      const uint64_t field_end = line_end && at > field_begin && data[at - 1] == '\r' ? at - 1 : at;
      EndField(batch, field_begin, field_end, quote_before);
      field_begin = at + 1;
      if (!line_end) continue;
      EndRecord(batch);
      // A batch ends at a record end, outside quotes, so the next one starts afresh there.
      if (field_begin >= soft_end) {
        position_ = field_begin;
        batch.bytes = input_.substr(start, field_begin - start);
        return true;
      }
    }
    if (masks.quotes != 0) last_quote = block + 63 - std::countl_zero(masks.quotes);
  }

  position_ = size;
  batch.bytes = input_.substr(start);
  if (field_begin < size || fields_in_record_ > 0) {
    if (inside_quotes) {
      // The field's value is all that follows its opening quote.
      AddFinding(field_begin, records_read_ + 1, fields_in_record_ + 1, "CSV-UNCLOSED-QUOTE",
                 "a quoted field is never closed: the input ends inside it");
      EndField(batch, field_begin + 1, size, kNoQuote);
      batch.fields.back().kind = CsvField::Kind::kQuoted;  // a record even when nothing follows the quote
    } else {
      // A CR ending the input ends its last record as a CR LF would.
      const uint64_t field_end = size > field_begin && data[size - 1] == '\r' ? size - 1 : size;
      EndField(batch, field_begin, field_end, last_quote);
    }
    EndRecord(batch);
  }
  return !batch.record_ends.empty();
}

uint64_t CsvReader::QuotedBytes(BlockMasks& masks, bool inside_quotes, uint64_t may_open, uint64_t block) {
  // In RFC 4180 a quote opens a field only at its start (after a delimiter, a line feed, or the
  // closing quote of a doubled pair); a quote the parity would read as opening anywhere else is
  // data, as lenient readers take it (5" PIPE). It leaves the mask, and the parity is redone.
  for (;;) {
    const uint64_t quoted = PrefixXor(masks.quotes) ^ (inside_quotes ? ~uint64_t{0} : 0);
    const uint64_t field_starts = ((masks.delimiters | masks.line_feeds | masks.quotes) << 1) | may_open;
    const uint64_t stray = masks.quotes & quoted & ~field_starts;
    if (stray == 0) return quoted;
    const int bit = std::countr_zero(stray);
    masks.quotes &= ~(uint64_t{1} << bit);
    stray_quotes_.push_back(block + bit);
  }
}

void CsvReader::EndField(CsvBatch& batch, uint64_t begin, uint64_t end, uint64_t quote_before) {
  if (fields_in_record_ == 0) record_begin_ = begin;
  ++fields_in_record_;
  const char* data = input_.data();
  const char quote = dialect_.quote;
  CsvField field;
  field.begin = static_cast<uint32_t>(begin - batch.file_offset);
  field.length = static_cast<uint32_t>(end - begin);
  const uint64_t record = records_read_ + 1;
  // A quote read as data in a field that opened with a quote is part of the text after its
  // closing quote, reported below as an error.
  const bool opens_with_quote = begin < end && data[begin] == quote;
  for (; next_stray_quote_ < stray_quotes_.size() && stray_quotes_[next_stray_quote_] < end; ++next_stray_quote_) {
    if (opens_with_quote) continue;
    AddFinding(stray_quotes_[next_stray_quote_], record, fields_in_record_, "CSV-QUOTE",
               "a quote inside an unquoted field is read as data (RFC 4180 wants such a field quoted, "
               "its quotes doubled)", Severity::kWarning);
  }
  const bool has_quote = quote_before != kNoQuote && quote_before >= begin;
  if (has_quote && opens_with_quote && end - begin >= 2 && data[end - 1] == quote) {
    field.begin += 1;
    field.length -= 2;
    field.kind = CsvField::Kind::kQuoted;
    // Inside the quotes every quote must be doubled; an undoubled one closed the field early
    // ("x"y"), which leaves the field as written.
    for (uint64_t i = begin + 1; i + 1 < end; ++i) {
      const void* found = std::memchr(data + i, quote, end - 1 - i);
      if (found == nullptr) break;
      i = static_cast<const char*>(found) - data;
      if (i + 2 < end && data[i + 1] == quote) {
        field.kind = CsvField::Kind::kQuotedWithDoubledQuotes;
        ++i;
        continue;
      }
      field = {static_cast<uint32_t>(begin - batch.file_offset), static_cast<uint32_t>(end - begin),
               CsvField::Kind::kPlain};
      AddFinding(i + 1, record, fields_in_record_, "CSV-QUOTE", "text after the closing quote of a quoted field");
      break;
    }
  } else if (has_quote && opens_with_quote) {
    AddFinding(quote_before + 1 < end ? quote_before + 1 : quote_before, record, fields_in_record_, "CSV-QUOTE",
               "text after the closing quote of a quoted field");
  }
  batch.fields.push_back(field);
}

void CsvReader::EndRecord(CsvBatch& batch) {
  const uint32_t fields = fields_in_record_;
  fields_in_record_ = 0;
  const CsvField& last = batch.fields.back();
  // An empty line is no record (a line holding only "" is one, with one empty value).
  if (fields == 1 && last.length == 0 && last.kind == CsvField::Kind::kPlain) {
    batch.fields.pop_back();
    return;
  }
  ++records_read_;
  if (expected_fields_ == 0) {
    expected_fields_ = fields;
  } else if (fields != expected_fields_) {
    AddFinding(record_begin_, records_read_, 0, "CSV-FIELD-COUNT",
               "record " + std::to_string(records_read_) + " has " + std::to_string(fields) + " field" +
                   (fields == 1 ? "" : "s") + ", the first record " + std::to_string(expected_fields_));
  }
  batch.record_ends.push_back(static_cast<uint32_t>(batch.fields.size()));
}

void CsvReader::AddFinding(uint64_t offset, uint64_t record, uint32_t field, std::string_view code,
                           std::string message, Severity severity) {
  Finding finding;
  finding.severity = severity;
  finding.code = code;
  finding.file_offset = offset;
  finding.segment_ordinal = static_cast<uint32_t>(record);
  finding.element = static_cast<uint16_t>(field);
  finding.message = field == 0 ? std::move(message) : "field " + std::to_string(field) + ": " + message;
  findings_.push_back(std::move(finding));
}

Findings CsvReader::TakeFindings() { return std::exchange(findings_, {}); }

}  // namespace wharf::flat
