// Cutting inputs into pieces: every byte once, cuts only at headers, positions carried.
#include <gtest/gtest.h>

#include <algorithm>

#include "pipeline/splitter.h"
#include "support/test_files.h"

namespace wharf::pipeline {
namespace {

std::string X12(int control) {
  std::string text = testing::ReadBytes(testing::SourcePath("examples/x12/acme-850-004010.edi"));
  const std::string number = std::to_string(100000000 + control).substr(0, 9);
  for (size_t at = text.find("000004711"); at != std::string::npos; at = text.find("000004711", at)) {
    text.replace(at, 9, number);
  }
  return text;
}

std::vector<Piece> Split(const std::string& input, size_t target) {
  InputSplitter splitter(MemorySource(input), target);
  std::vector<Piece> pieces;
  for (;;) {
    Result<std::optional<Piece>> piece = splitter.Next();
    EXPECT_TRUE(piece.ok());
    if (!piece.ok() || !piece->has_value()) break;
    pieces.push_back(std::move(**piece));
  }
  return pieces;
}

TEST(InputSplitter, PiecesCoverTheInputAndStartAtHeaders) {
  const std::string edifact = testing::ReadBytes(testing::SourcePath("examples/edifact/lindqvist-orders-d96a.edi"));
  std::string input = "junk before\n";
  for (int i = 0; i < 20; ++i) input += X12(i);
  input += edifact + edifact;  // UNA interchanges
  input += "ISA-like but not a header ISA\n";
  for (int i = 20; i < 25; ++i) input += X12(i);

  for (size_t target : {size_t{1}, size_t{500}, size_t{3000}, size_t{1} << 20}) {
    SCOPED_TRACE("target " + std::to_string(target));
    const std::vector<Piece> pieces = Split(input, target);
    ASSERT_FALSE(pieces.empty());
    std::string joined;
    uint32_t x12 = 0, edifact_count = 0;
    for (size_t i = 0; i < pieces.size(); ++i) {
      const Piece& piece = pieces[i];
      const std::string_view bytes = piece.bytes.view();
      EXPECT_EQ(piece.offset, joined.size());
      EXPECT_EQ(piece.ordinal, i);
      EXPECT_EQ(piece.last, i + 1 == pieces.size());
      const std::string_view before(input.data(), piece.offset);
      EXPECT_EQ(piece.line, 1 + static_cast<uint64_t>(std::count(before.begin(), before.end(), '\n')));
      const size_t line_start = before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
      EXPECT_EQ(piece.column, piece.offset - line_start + 1);
      EXPECT_EQ(piece.x12_before, x12);
      EXPECT_EQ(piece.edifact_before, edifact_count);
      if (i != 0) {
        EXPECT_TRUE(bytes.starts_with("ISA") || bytes.starts_with("UNA")) << bytes.substr(0, 20);
      }
      if (i + 1 != pieces.size()) {
        EXPECT_GE(bytes.size(), target);
      }
      for (size_t at = bytes.find("ISA*00"); at != std::string_view::npos; at = bytes.find("ISA*00", at + 1)) ++x12;
      for (size_t at = bytes.find("UNA:"); at != std::string_view::npos; at = bytes.find("UNA:", at + 1)) ++edifact_count;
      joined += bytes;
    }
    EXPECT_EQ(joined, input);
    if (target == 1) {
      EXPECT_EQ(pieces.size(), 27u);  // one per interchange; the junk before the first goes with it
    }
    if (target == (size_t{1} << 20)) {
      EXPECT_EQ(pieces.size(), 1u);
    }
  }
}

TEST(InputSplitter, EmptyInputIsOneEmptyPiece) {
  const std::vector<Piece> pieces = Split("", 100);
  ASSERT_EQ(pieces.size(), 1u);
  EXPECT_EQ(pieces[0].bytes.size(), 0u);
  EXPECT_TRUE(pieces[0].last);
}

TEST(InputSplitter, AnInterchangeLargerThanTheTargetIsNeverCut) {
  const std::string input = X12(1) + X12(2);
  const std::vector<Piece> pieces = Split(input, 10);
  ASSERT_EQ(pieces.size(), 2u);
  EXPECT_EQ(pieces[0].bytes.view(), X12(1));
}

}  // namespace
}  // namespace wharf::pipeline
