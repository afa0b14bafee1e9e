// The CSV reader: RFC 4180 records, dialects, findings with positions, batch boundaries, and a
// differential test against a byte-at-a-time reference reader over random inputs.
#include "flat/csv_reader.h"

#include <gtest/gtest.h>

#include <optional>
#include <random>
#include <string>
#include <vector>

#include "core/padded_buffer.h"
#include "diagnostics/finding_format.h"
#include "translate/csv_json.h"

namespace wharf::flat {
namespace {

using Records = std::vector<std::vector<std::string>>;

struct ReadResult {
  Records records;
  Findings findings;
  size_t batches = 0;
};

ReadResult Read(std::string_view text, CsvDialect dialect = {}, size_t batch_bytes = CsvReader::kDefaultBatchBytes) {
  const PaddedBuffer input = PaddedBuffer::Copy(text);
  CsvReader reader(input.view(), dialect, batch_bytes);
  ReadResult result;
  CsvBatch batch;
  std::string scratch;
  while (reader.Next(batch)) {
    ++result.batches;
    for (size_t r = 0; r < batch.records(); ++r) {
      std::vector<std::string>& record = result.records.emplace_back();
      for (uint32_t f = batch.RecordBegin(r); f < batch.record_ends[r]; ++f) {
        record.emplace_back(batch.Value(batch.fields[f], scratch));
      }
    }
  }
  result.findings = reader.TakeFindings();
  EXPECT_EQ(reader.records_read(), result.records.size());
  return result;
}

std::vector<std::string> FindingLines(std::string_view text, const Findings& findings) {
  LineIndex lines(text);
  std::vector<std::string> out;
  for (const Finding& f : findings) out.push_back(FormatFinding("in.csv", "-", f, lines));
  return out;
}

TEST(CsvReader, ReadsRfc4180Records) {
  const ReadResult read = Read("id,name,note\r\n1,\"Smith, J\",\"said \"\"hi\"\"\"\r\n2,plain,\"two\r\nlines\"\r\n");
  EXPECT_EQ(read.records, (Records{{"id", "name", "note"}, {"1", "Smith, J", "said \"hi\""}, {"2", "plain", "two\r\nlines"}}));
  EXPECT_TRUE(read.findings.empty());
}

TEST(CsvReader, LineFeedsAloneByteOrderMarkEmptyLinesAndNoFinalLineBreak) {
  const ReadResult read = Read("\xEF\xBB\xBF" "a,b\n\n1,\n\r\n,2\n\"\"\n3,4");
  EXPECT_EQ(read.records, (Records{{"a", "b"}, {"1", ""}, {"", "2"}, {""}, {"3", "4"}}));
  // The line holding only "" is a record of one empty value, so its field count is reported.
  ASSERT_EQ(read.findings.size(), 1u);
  EXPECT_EQ(FindingLines("\xEF\xBB\xBF" "a,b\n\n1,\n\r\n,2\n\"\"\n3,4", read.findings)[0],
            "in.csv:-:4: WHARF-CSV-FIELD-COUNT record 4 has 1 field, the first record 2 (line 6, column 1)");
}

TEST(CsvReader, Dialects) {
  CsvDialect semicolons;
  semicolons.delimiter = ';';
  EXPECT_EQ(Read("a;b\n\"x;y\";2,5\n", semicolons).records, (Records{{"a", "b"}, {"x;y", "2,5"}}));
  CsvDialect tabs_and_single_quotes;
  tabs_and_single_quotes.delimiter = '\t';
  tabs_and_single_quotes.quote = '\'';
  EXPECT_EQ(Read("a\tb\n'it''s'\t\"q\"\n", tabs_and_single_quotes).records, (Records{{"a", "b"}, {"it's", "\"q\""}}));
  CsvDialect same;
  same.delimiter = '"';
  EXPECT_FALSE(same.Validate().ok());
  CsvDialect line_break;
  line_break.delimiter = '\n';
  EXPECT_FALSE(line_break.Validate().ok());
  EXPECT_TRUE(CsvDialect{}.Validate().ok());
}

TEST(CsvReader, QuoteInsideUnquotedFieldIsDataWithAWarning) {
  const std::string text = "size,item\n5\" PIPE,\"elbow, 90\"\"\"\n";
  const ReadResult read = Read(text);
  EXPECT_EQ(read.records, (Records{{"size", "item"}, {"5\" PIPE", "elbow, 90\""}}));
  ASSERT_EQ(read.findings.size(), 1u);
  EXPECT_FALSE(read.findings[0].is_error());
  EXPECT_EQ(FindingLines(text, read.findings)[0],
            "in.csv:-:2: WHARF-CSV-QUOTE warning: field 1: a quote inside an unquoted field is read as data (RFC 4180 "
            "wants such a field quoted, its quotes doubled) (line 2, column 2)");
}

TEST(CsvReader, TextAfterClosingQuoteIsAnErrorAndKeepsTheFieldAsWritten) {
  const std::string text = "a,b\n\"q\"z,1\n\"x\"y\",2\n";
  const ReadResult read = Read(text);
  ASSERT_EQ(read.records.size(), 3u);
  EXPECT_EQ(read.records[1], (std::vector<std::string>{"\"q\"z", "1"}));  // kept as written
  EXPECT_EQ(read.records[2], (std::vector<std::string>{"\"x\"y\"", "2"}));
  const std::vector<std::string> lines = FindingLines(text, read.findings);
  ASSERT_EQ(lines.size(), 2u) << ::testing::PrintToString(lines);
  EXPECT_EQ(lines[0], "in.csv:-:2: WHARF-CSV-QUOTE field 1: text after the closing quote of a quoted field (line 2, column 4)");
  EXPECT_EQ(lines[1], "in.csv:-:3: WHARF-CSV-QUOTE field 1: text after the closing quote of a quoted field (line 3, column 4)");
}

TEST(CsvReader, UnclosedQuoteKeepsTheRestAsItsValue) {
  const std::string text = "a,b\n1,\"open\n2,3\n";
  const ReadResult read = Read(text);
  EXPECT_EQ(read.records, (Records{{"a", "b"}, {"1", "open\n2,3\n"}}));
  const std::vector<std::string> lines = FindingLines(text, read.findings);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0],
            "in.csv:-:2: WHARF-CSV-UNCLOSED-QUOTE field 2: a quoted field is never closed: the input ends inside it "
            "(line 2, column 3)");
}

TEST(CsvReader, FieldCountFindingsNameTheRecordAndItsLine) {
  const std::string text = "a,b,c\n1,2,3\n1,2\n\"x\ny\",2,3,4\n";
  const ReadResult read = Read(text);
  const std::vector<std::string> lines = FindingLines(text, read.findings);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], "in.csv:-:3: WHARF-CSV-FIELD-COUNT record 3 has 2 fields, the first record 3 (line 3, column 1)");
  EXPECT_EQ(lines[1], "in.csv:-:4: WHARF-CSV-FIELD-COUNT record 4 has 4 fields, the first record 3 (line 4, column 1)");
}

TEST(CsvReader, BatchesEndAtRecordsOutsideQuotes) {
  std::string text = "n,text\n";
  for (int i = 0; i < 200; ++i) {
    text += std::to_string(i) + ",\"line one, of " + std::string(i % 90, 'x') + "\nline \"\"two\"\"\"\n";
  }
  const ReadResult whole = Read(text);
  ASSERT_EQ(whole.records.size(), 201u);
  EXPECT_TRUE(whole.findings.empty());
  EXPECT_EQ(whole.records[200][1], "line one, of " + std::string(199 % 90, 'x') + "\nline \"two\"");
  for (size_t batch_bytes : {1, 13, 64, 100, 4096}) {
    const ReadResult batched = Read(text, {}, batch_bytes);
    EXPECT_EQ(batched.records, whole.records) << batch_bytes;
    EXPECT_GT(batched.batches, 1u) << batch_bytes;
    EXPECT_TRUE(batched.findings.empty()) << batch_bytes;
  }
}

// The reference: RFC 4180 read one byte at a time, with the same leniency (a quote that cannot
// open a field is data; text after a closing quote keeps the field as written; an unclosed quote
// takes the rest of the input). A record ends at LF, CR LF, or the input's end (a CR just before
// the end is dropped like one before a LF); an empty line is no record.
// What the reference finds to say about an input: fields with text after their closing quote and
// unclosed quotes (errors), and quotes read as data inside unquoted fields (warnings).
struct ReferenceFindings {
  size_t after_closing_quote = 0;
  size_t unclosed = 0;
  size_t stray_quotes = 0;
  bool operator==(const ReferenceFindings&) const = default;
};

Records ReferenceRead(std::string_view text, ReferenceFindings* found = nullptr) {
  ReferenceFindings ignored;
  ReferenceFindings& counts = found != nullptr ? *found : ignored;
  Records records;
  std::vector<std::string> record;
  std::string raw;    // the field as written
  std::string value;  // its value when it is a well-formed quoted field
  enum { kStart, kUnquoted, kQuoted, kAfterQuote, kBroken } state = kStart;
  bool well_quoted = false;
  auto end_field = [&](bool at_line_end) {
    std::string field = well_quoted ? value : raw;
    if (at_line_end && !well_quoted && !field.empty() && field.back() == '\r') field.pop_back();
    const bool empty_unquoted = field.empty() && !well_quoted;
    record.push_back(field);
    raw.clear();
    value.clear();
    well_quoted = false;
    state = kStart;
    return empty_unquoted;
  };
  auto end_record = [&] {
    const bool empty_unquoted = end_field(true);
    if (!(record.size() == 1 && empty_unquoted)) records.push_back(record);
    record.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool line_end_after_quote =
        c == '\r' && (i + 1 == text.size() || text[i + 1] == '\n');  // CR LF, or CR at the end
    switch (state) {
      case kStart:
      case kUnquoted:
      case kBroken:
        if (c == '"' && state == kStart) {
          raw += c;
          state = kQuoted;
        } else if (c == '"' && state == kUnquoted) {
          raw += c;
          ++counts.stray_quotes;
        } else if (c == ',') {
          end_field(false);
        } else if (c == '\n') {
          end_record();
        } else {
          raw += c;
          if (state == kStart) state = kUnquoted;
        }
        break;
      case kQuoted:
        raw += c;
        if (c == '"') {
          state = kAfterQuote;
        } else {
          value += c;
        }
        break;
      case kAfterQuote:
        if (c == '"') {
          raw += c;
          value += c;
          state = kQuoted;
        } else if (c == ',' || c == '\n' || line_end_after_quote) {
          well_quoted = true;
          if (c == ',') {
            end_field(false);
            break;
          }
          if (c == '\r') ++i;
          end_record();
        } else {
          raw += c;
          state = kBroken;
          ++counts.after_closing_quote;
        }
        break;
    }
  }
  if (state == kAfterQuote) {
    well_quoted = true;
    end_record();
  } else if (state == kQuoted) {
    ++counts.unclosed;
    value = raw.substr(1);
    well_quoted = true;
    end_record();
  } else if (state != kStart || !record.empty()) {
    end_record();
  }
  return records;
}

TEST(CsvReader, AgreesWithAByteAtATimeReaderOnRandomInput) {
  std::mt19937 random(20261129);
  const std::string alphabet = "ab,\"\n\r ";
  for (int round = 0; round < 3000; ++round) {
    std::string text(random() % 300, ' ');
    for (char& c : text) c = alphabet[random() % alphabet.size()];
    ReferenceFindings expected_findings;
    const Records expected = ReferenceRead(text, &expected_findings);
    std::optional<std::vector<std::string>> first_lines;  // of the default batch size
    for (size_t batch_bytes : {CsvReader::kDefaultBatchBytes, size_t{1}, size_t{37}}) {
      const ReadResult read = Read(text, {}, batch_bytes);
      ASSERT_EQ(read.records, expected) << "input: " << ::testing::PrintToString(text) << " batch " << batch_bytes;
      ReferenceFindings found;
      for (const Finding& f : read.findings) {
        if (f.message.find("text after the closing quote") != std::string::npos) ++found.after_closing_quote;
        if (f.code.ends_with("CSV-UNCLOSED-QUOTE")) ++found.unclosed;
        if (f.message.find("a quote inside an unquoted field") != std::string::npos) ++found.stray_quotes;
      }
      ASSERT_EQ(found, expected_findings) << "input: " << ::testing::PrintToString(text) << " batch " << batch_bytes
                                          << ": after closing quote " << found.after_closing_quote << "/"
                                          << expected_findings.after_closing_quote << ", unclosed " << found.unclosed
                                          << "/" << expected_findings.unclosed << ", stray " << found.stray_quotes << "/"
                                          << expected_findings.stray_quotes;
      // Where batches end changes nothing of what is reported.
      const std::vector<std::string> lines = FindingLines(text, read.findings);
      if (!first_lines) first_lines = lines;
      ASSERT_EQ(lines, *first_lines) << "input: " << ::testing::PrintToString(text) << " batch " << batch_bytes;
    }
  }
}

TEST(CsvJson, HeaderKeysExtraFieldsByPositionAndArraysWithoutHeader) {
  const PaddedBuffer input = PaddedBuffer::Copy("id,\"na\"\"me\"\n1,\"x\"\"y\"\n2,b,extra\n");
  CsvReader reader(input.view(), {}, 1);
  CsvJsonWriter writer(/*header=*/true);
  OutputBuffer json;
  CsvBatch batch;
  while (reader.Next(batch)) writer.Append(batch, json);
  EXPECT_EQ(json.view(), "{\"id\":\"1\",\"na\\\"me\":\"x\\\"y\"}\n{\"id\":\"2\",\"na\\\"me\":\"b\",\"3\":\"extra\"}\n");

  CsvDialect no_header;
  no_header.header = false;
  CsvReader arrays(input.view(), no_header);
  CsvJsonWriter array_writer(/*header=*/false);
  OutputBuffer array_json;
  while (arrays.Next(batch)) array_writer.Append(batch, array_json);
  EXPECT_EQ(array_json.view(), "[\"id\",\"na\\\"me\"]\n[\"1\",\"x\\\"y\"]\n[\"2\",\"b\",\"extra\"]\n");
}

}  // namespace
}  // namespace wharf::flat
