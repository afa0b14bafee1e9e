// Stage 1: every kernel finds exactly the delimiter positions a byte-by-byte reference finds.
#include "tokenize/structural_scanner.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "core/padded_buffer.h"

namespace wharf {
namespace {

struct Scanned {
  std::vector<uint32_t> positions;
  std::vector<uint32_t> specials;  // indices into positions
  bool operator==(const Scanned&) const = default;
};

// The contract, byte by byte: every delimiter, except a LF right after the terminator (or right
// after a CR right after it) when the set skips those.
Scanned Reference(const DelimiterSet& set, std::string_view bytes, uint32_t base, uint32_t index_base) {
  Scanned out;
  const auto terminator = set.line_break_terminator();
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (terminator && bytes[i] == '\n' && i > 0 &&
        (bytes[i - 1] == *terminator || (bytes[i - 1] == '\r' && i > 1 && bytes[i - 2] == *terminator))) {
      continue;
    }
    for (int k = 0; k < set.size(); ++k) {
      if (set[k] != bytes[i]) continue;
      if (set.is_special(k)) out.specials.push_back(index_base + static_cast<uint32_t>(out.positions.size()));
      out.positions.push_back(base + static_cast<uint32_t>(i));
    }
  }
  return out;
}

Scanned Scan(ScanKernel kernel, const DelimiterSet& set, const PaddedBuffer& buffer, uint32_t base,
             uint32_t index_base = 0) {
  Scanned out;
  out.positions.resize(buffer.size() + 64);
  out.specials.resize(buffer.size() + 64);
  const ScanCounts counts = ScanDelimiters(kernel, set, buffer.data(), buffer.size(), base, out.positions.data(),
                                           index_base, out.specials.data());
  out.positions.resize(counts.positions);
  out.specials.resize(counts.specials);
  return out;
}

// X12 with the terminator and line feed as the special bytes.
DelimiterSet X12Set() {
  DelimiterSet set;
  for (char c : std::string("*:^")) set.Add(c);
  set.Add('~', true);
  set.Add('\n', true);
  return set;
}

TEST(StructuralScanner, FindsEveryDelimiterOfASegment) {
  const PaddedBuffer input = PaddedBuffer::Copy("ST*850*0001~\nREF*ZZ*A^B:C~");
  for (ScanKernel kernel : SupportedScanKernels()) {
    SCOPED_TRACE(std::string(ScanKernelName(kernel)));
    const Scanned scanned = Scan(kernel, X12Set(), input, 0, 100);
    EXPECT_EQ(scanned.positions, (std::vector<uint32_t>{2, 6, 11, 12, 16, 19, 21, 23, 25}));
    EXPECT_EQ(scanned.specials, (std::vector<uint32_t>{102, 103, 108}));
  }
}

TEST(StructuralScanner, LineBreaksRightAfterTheTerminatorAreLeftOut) {
  DelimiterSet set = X12Set();
  set.SkipLineBreakAfter('~');
  const PaddedBuffer input = PaddedBuffer::Copy("A*B~\nC~\r\nD*\nE~\n\nF~");
  for (ScanKernel kernel : SupportedScanKernels()) {
    const Scanned scanned = Scan(kernel, set, input, 0);
    // Kept: '*' 1, '~' 3, '~' 6, '*' 10, LF 11 (inside a segment), '~' 13, LF 15 (a blank line), '~' 17.
    EXPECT_EQ(scanned.positions, (std::vector<uint32_t>{1, 3, 6, 10, 11, 13, 15, 17})) << ScanKernelName(kernel);
    EXPECT_EQ(scanned.specials, (std::vector<uint32_t>{1, 2, 4, 5, 6, 7})) << ScanKernelName(kernel);
  }
}

TEST(StructuralScanner, LineBreakAfterATerminatorInThePreviousBlockIsLeftOut) {
  DelimiterSet set = X12Set();
  set.SkipLineBreakAfter('~');
  std::string bytes(63, 'x');
  bytes += "~\nA*";  // the terminator ends the first 64-byte block, its LF starts the next
  const PaddedBuffer input = PaddedBuffer::Copy(bytes);
  for (ScanKernel kernel : SupportedScanKernels()) {
    EXPECT_EQ(Scan(kernel, set, input, 0).positions, (std::vector<uint32_t>{63, 66})) << ScanKernelName(kernel);
  }
}

TEST(StructuralScanner, OffsetsArePlusBase) {
  const PaddedBuffer input = PaddedBuffer::Copy("A*B");
  for (ScanKernel kernel : SupportedScanKernels()) {
    EXPECT_EQ(Scan(kernel, X12Set(), input, 1000).positions, std::vector<uint32_t>{1001});
  }
}

TEST(StructuralScanner, IgnoresDelimitersInThePaddingAfterTheEnd) {
  // 70 readable delimiter bytes, of which only the first 5 are input.
  const std::string bytes(70, '~');
  for (ScanKernel kernel : SupportedScanKernels()) {
    std::vector<uint32_t> positions(5 + 64), specials(5 + 64);
    const ScanCounts counts = ScanDelimiters(kernel, X12Set(), bytes.data(), 5, 0, positions.data(), 0, specials.data());
    EXPECT_EQ(counts.positions, 5u) << ScanKernelName(kernel);
    EXPECT_EQ(counts.specials, 5u) << ScanKernelName(kernel);
  }
}

TEST(StructuralScanner, EveryKernelMatchesTheReferenceOnRandomInput) {
  std::mt19937 random(20261129);
  const std::string alphabet = "AB0~*:^\n\r?'+\x1c\x80\xff ";
  for (int round = 0; round < 400; ++round) {
    const size_t length = random() % 300;
    std::string bytes;
    for (size_t i = 0; i < length; ++i) bytes += alphabet[random() % alphabet.size()];
    const PaddedBuffer input = PaddedBuffer::Copy(bytes);
    DelimiterSet set;
    const int needles = 1 + static_cast<int>(random() % DelimiterSet::kMaxBytes);
    for (int k = 0; k < needles; ++k) set.Add(alphabet[random() % alphabet.size()], random() % 3 == 0);
    if (random() % 2 == 0) set.SkipLineBreakAfter(set[0]);
    const Scanned expected = Reference(set, bytes, 7, 11);
    for (ScanKernel kernel : SupportedScanKernels()) {
      ASSERT_EQ(Scan(kernel, set, input, 7, 11), expected) << ScanKernelName(kernel) << " round " << round;
    }
  }
}

TEST(StructuralScanner, HighBytesAreMatchedExactly) {
  DelimiterSet set;
  set.Add('\xE2');  // first byte of a UTF-8 "…" terminator
  const PaddedBuffer input = PaddedBuffer::Copy("A\xE2\x80\xA6" "B\xC3\xA9");
  for (ScanKernel kernel : SupportedScanKernels()) {
    EXPECT_EQ(Scan(kernel, set, input, 0).positions, std::vector<uint32_t>{1}) << ScanKernelName(kernel);
  }
}

TEST(StructuralScanner, KernelNamesAreDistinct) {
  EXPECT_EQ(ScanKernelName(ScanKernel::kScalar), "scalar");
  EXPECT_EQ(ScanKernelName(ScanKernel::kSse2), "sse2");
  EXPECT_EQ(ScanKernelName(ScanKernel::kAvx2), "avx2");
  EXPECT_EQ(SupportedScanKernels().front(), ScanKernel::kScalar);
}

}  // namespace
}  // namespace wharf
