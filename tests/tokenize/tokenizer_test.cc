// Stage 2: the tape the tokenizer builds, for X12 and EDIFACT-style delimiters and odd input.
#include "tokenize/tokenizer.h"

#include <gtest/gtest.h>

#include <string>

#include "core/padded_buffer.h"

namespace wharf {
namespace {

// The tape written back with canonical delimiters: '*' element, ':' component, '^' repetition,
// " / " between segments, and {flags} after a segment.
std::string Describe(const Tape& tape) {
  std::string text;
  for (size_t s = 0; s < tape.segment_count(); ++s) {
    const SegmentView segment = tape.segment(s);
    if (s > 0) text += " / ";
    for (size_t v = 0; v < segment.value_count(); ++v) {
      if (v != 0) {
        const ValueLead lead = segment.lead(v);
        text += lead == ValueLead::kElement ? '*' : lead == ValueLead::kComponent ? ':' : '^';
      }
      text += segment.value(v);
    }
    const uint8_t flags = segment.flags();
    if (flags & kSegmentEscaped) text += "{esc}";
    if (flags & kSegmentUnterminated) text += "{unterminated}";
    if (flags & kSegmentBinary) text += "{binary}";
    if (flags & kSegmentBinaryLengthInvalid) text += "{length-invalid}";
    if (flags & kSegmentBinaryLengthMismatch) text += "{length-mismatch}";
  }
  return text;
}

struct Syntax {
  Delimiters delimiters;
  TokenizerOptions options;
};

Syntax X12Options() {
  Syntax syntax;
  syntax.delimiters.element = '*';
  syntax.delimiters.component = ':';
  syntax.delimiters.repetition = '^';
  syntax.delimiters.segment = '~';
  syntax.options.binary_segments = true;
  syntax.options.trailer_tag = "IEA";
  syntax.options.header_tags = {"ISA", ""};
  return syntax;
}

Syntax EdifactOptions() {
  Syntax syntax;
  syntax.delimiters.element = '+';
  syntax.delimiters.component = ':';
  syntax.delimiters.repetition = '*';
  syntax.delimiters.segment = '\'';
  syntax.delimiters.release = '?';
  syntax.options.trailer_tag = "UNZ";
  syntax.options.header_tags = {"UNA", "UNB"};
  return syntax;
}

struct Run {
  PaddedBuffer input;
  Tape tape;
  TokenizerResult result;
};

std::unique_ptr<Run> Tokenize(const std::string& text, const Syntax& syntax, ScanKernel kernel = BestScanKernel()) {
  auto run = std::make_unique<Run>();
  run->input = PaddedBuffer::Copy(text);
  run->tape.Reset(run->input.view(), syntax.delimiters);
  Tokenizer tokenizer(kernel);
  run->result = tokenizer.Run(run->tape, 0, syntax.options);
  return run;
}

TEST(Tokenizer, SplitsSegmentsElementsComponentsAndRepetitions) {
  auto run = Tokenize("ST*850*0001~REF*ZZ*A^B:C^~N1**X~", X12Options());
  EXPECT_EQ(Describe(run->tape), "ST*850*0001 / REF*ZZ*A^B:C^ / N1**X");
  EXPECT_EQ(run->result.stop, TokenizerStop::kEndOfInput);
  const SegmentView ref = run->tape.segment(1);
  EXPECT_EQ(ref.tag(), "REF");
  EXPECT_EQ(ref.element_count(), 2u);
  EXPECT_EQ(ref.element(2).repetition_count(), 3u);
  EXPECT_EQ(ref.element(2).raw(), "A^B:C^");
  EXPECT_FALSE(ref.element(3).present());
  EXPECT_EQ(run->tape.segment(2).element(1).raw(), "");
  EXPECT_TRUE(run->tape.segment(2).element(1).present());
  EXPECT_TRUE(run->tape.segment(2).element(1).empty());
}

TEST(Tokenizer, ComponentsOfACompositeElement) {
  auto run = Tokenize("CLM*1*2***12>B>1*Y~", [] {
    Syntax x12 = X12Options();
    x12.delimiters.component = '>';
    return x12;
  }());
  const ElementView composite = run->tape.segment(0).element(5);
  EXPECT_EQ(composite.component_count(), 3u);
  EXPECT_EQ(composite.component(1), "12");
  EXPECT_EQ(composite.component(2), "B");
  EXPECT_EQ(composite.component(3), "1");
  EXPECT_EQ(composite.component(4), "");
  EXPECT_EQ(run->tape.segment(0).element(6).text(), "Y");
}

TEST(Tokenizer, SkipsLineBreaksAndIndentationBetweenSegments) {
  auto run = Tokenize("ST*850*1~\r\n  BEG*00~\n\n\tSE*3*1~\r\n", X12Options());
  EXPECT_EQ(Describe(run->tape), "ST*850*1 / BEG*00 / SE*3*1");
  EXPECT_EQ(run->tape.segment(1).offset(), 13u);
}

TEST(Tokenizer, LineFeedTerminatorDropsTheCarriageReturnBeforeIt) {
  Syntax options = X12Options();
  options.delimiters.segment = '\n';
  auto run = Tokenize("ST*850*1\r\nBEG*00\r\n\r\nSE*3*1\r\n", options);
  EXPECT_EQ(Describe(run->tape), "ST*850*1 / BEG*00 / SE*3*1");
}

TEST(Tokenizer, StopsAfterTheTrailerSegment) {
  auto run = Tokenize("GE*1*1~IEA*1*000000001~\nISA*00~", X12Options());
  EXPECT_EQ(run->result.stop, TokenizerStop::kTrailer);
  EXPECT_EQ(run->result.end, 23u);
  EXPECT_EQ(Describe(run->tape), "GE*1*1 / IEA*1*000000001");
  EXPECT_EQ(run->tape.bytes().size(), 23u);
}

TEST(Tokenizer, StopsBeforeTheNextHeader) {
  auto run = Tokenize("GE*1*1~\r\nISA*00*rest~", X12Options());
  EXPECT_EQ(run->result.stop, TokenizerStop::kNextHeader);
  EXPECT_EQ(run->result.end, 9u);
  EXPECT_EQ(Describe(run->tape), "GE*1*1");
}

TEST(Tokenizer, AnIsaPrefixInsideATagIsNotAHeader) {
  auto run = Tokenize("ISAX*1~ISA1*2~", X12Options());
  EXPECT_EQ(run->result.stop, TokenizerStop::kEndOfInput);
  EXPECT_EQ(Describe(run->tape), "ISAX*1 / ISA1*2");
}

TEST(Tokenizer, UnterminatedLastSegmentIsFlaggedAndTrimmed) {
  auto run = Tokenize("ST*850*1~IEA*1*000000001 \r\n", X12Options());
  EXPECT_EQ(run->result.stop, TokenizerStop::kEndOfInput);
  EXPECT_EQ(Describe(run->tape), "ST*850*1 / IEA*1*000000001{unterminated}");
}

TEST(Tokenizer, EmptySegmentsStayOnTheTape) {
  auto run = Tokenize("ST*850*1~~SE*2*1~", X12Options());
  EXPECT_EQ(run->tape.segment_count(), 3u);
  EXPECT_EQ(run->tape.segment(1).tag(), "");
  EXPECT_EQ(run->tape.segment(1).entry().length, 0u);
}

TEST(Tokenizer, LineBreakInsideASegmentStopsForUnwrapping) {
  auto run = Tokenize("ST*850*1~BEG*00*S\nA~", X12Options());
  EXPECT_EQ(run->result.stop, TokenizerStop::kLineBreakInSegment);
  EXPECT_EQ(run->result.end, 17u);
}

TEST(Tokenizer, LineBreakIsDataWhenNotWatched) {
  Syntax options = X12Options();
  options.options.stop_at_line_break = false;
  auto run = Tokenize("BEG*00*S\nA~", options);
  EXPECT_EQ(run->result.stop, TokenizerStop::kEndOfInput);
  EXPECT_EQ(run->tape.segment(0).element(2).text(), "S\nA");
}

TEST(Tokenizer, MultiByteSegmentTerminator) {
  Syntax options = X12Options();
  options.delimiters.segment = '\xE2';
  options.delimiters.segment_suffix_length = 2;
  options.delimiters.segment_suffix[0] = '\x80';
  options.delimiters.segment_suffix[1] = '\xA6';
  // "…" ends segments; "€" (E2 82 AC) shares the first byte and is data.
  auto run = Tokenize("N1*ST*5\xE2\x82\xAC shop\xE2\x80\xA6\nN3*X\xE2\x80\xA6", options);
  ASSERT_EQ(run->tape.segment_count(), 2u);
  EXPECT_EQ(run->tape.segment(0).element(2).text(), "5\xE2\x82\xAC shop");
  EXPECT_EQ(Describe(run->tape).substr(Describe(run->tape).size() - 4), "N3*X");
}

TEST(Tokenizer, BinarySegmentSkipsDelimitersInsideItsData) {
  auto run = Tokenize("BIN*11*a~b*c:d\n^ef~SE*3*1~", X12Options());
  EXPECT_EQ(Describe(run->tape), "BIN*11*a~b*c:d\n^ef{binary} / SE*3*1");
}

TEST(Tokenizer, BinaryLengthThatIsNotANumberIsFlagged) {
  auto run = Tokenize("BIN*11a*DATA~SE*3*1~", X12Options());
  EXPECT_EQ(Describe(run->tape), "BIN*11a*DATA{length-invalid} / SE*3*1");
}

TEST(Tokenizer, BinaryLengthMismatchRunsToTheNextTerminator) {
  auto run = Tokenize("BIN*3*ABCDEF~SE*3*1~", X12Options());
  EXPECT_EQ(Describe(run->tape), "BIN*3*ABCDEF{binary}{length-mismatch} / SE*3*1");
}

TEST(Tokenizer, BinaryDataLongerThanTheInput) {
  auto run = Tokenize("BIN*100*ABC", X12Options());
  EXPECT_EQ(Describe(run->tape), "BIN*100*ABC{unterminated}{binary}{length-mismatch}");
}

TEST(Tokenizer, BdsCarriesItsLengthInTheSecondElement) {
  auto run = Tokenize("BDS*B64*4*~~~~~SE*2*1~", X12Options());
  EXPECT_EQ(Describe(run->tape), "BDS*B64*4*~~~~{binary} / SE*2*1");
}

TEST(Tokenizer, LargeBinarySpanningManyChunks) {
  std::string blob(200000, '~');
  for (size_t i = 0; i < blob.size(); i += 7) blob[i] = '*';
  auto run = Tokenize("BIN*200000*" + blob + "~SE*2*1~", X12Options());
  ASSERT_EQ(run->tape.segment_count(), 2u);
  EXPECT_EQ(run->tape.segment(0).element(2).text().size(), 200000u);
  EXPECT_EQ(run->tape.segment(1).tag(), "SE");
}

TEST(Tokenizer, ReleaseCharacterEscapesTheNextByte) {
  auto run = Tokenize("FTX+AAA+++It?'s 5?+3?:2 ?? ok'UNT+2+1'", EdifactOptions());
  EXPECT_EQ(Describe(run->tape), "FTX*AAA***It?'s 5?+3?:2 ?? ok{esc} / UNT*2*1");
  EXPECT_EQ(run->tape.segment(0).element_count(), 4u);
  std::string value;
  AppendUnescaped(run->tape.segment(0).element(4).text(), '?', value);
  EXPECT_EQ(value, "It's 5+3:2 ? ok");
}

TEST(Tokenizer, OddRunOfReleaseCharactersEscapesTheTerminator) {
  auto run = Tokenize("A+x??" "?'b'B+y''", EdifactOptions());
  // "x???'b": "??" is a released '?', then "?'" a released terminator.
  EXPECT_EQ(run->tape.segment(0).element(1).text(), "x??" "?'b");
  EXPECT_EQ(run->tape.segment(1).tag(), "B");
}

TEST(Tokenizer, ReleaseAcrossAChunkBoundary) {
  // The first stage-1 chunk is 1 KiB: put the release character on its last byte.
  std::string text = "FTX+";
  text += std::string(1023 - text.size(), 'x');
  text += "?'still data'UNT+1'";
  ASSERT_EQ(text[1023], '?');
  auto run = Tokenize(text, EdifactOptions());
  ASSERT_EQ(run->tape.segment_count(), 2u);
  EXPECT_EQ(run->tape.segment(0).element(1).text().substr(1019), "?'still data");
}

TEST(Tokenizer, EdifactStopsAtTrailerAndBeforeNextHeader) {
  auto run = Tokenize("UNH+1'UNZ+1+REF'UNB+UNOA:3'", EdifactOptions());
  EXPECT_EQ(run->result.stop, TokenizerStop::kTrailer);
  auto next = Tokenize("UNT+2+1'\nUNA:+.? '", EdifactOptions());
  EXPECT_EQ(next->result.stop, TokenizerStop::kNextHeader);
  EXPECT_EQ(next->result.end, 9u);
}

TEST(Tokenizer, EveryKernelBuildsTheSameTape) {
  std::string text;
  for (int i = 0; i < 3000; ++i) {
    text += "PO1*" + std::to_string(i) + "*10*EA*9.99**BP:X*ITEM-" + std::to_string(i * 7) + "^R~\r\n";
    if (i % 97 == 0) text += "BIN*5*a~b*c~";
  }
  const std::string expected = Describe(Tokenize(text, X12Options(), ScanKernel::kScalar)->tape);
  for (ScanKernel kernel : SupportedScanKernels()) {
    EXPECT_EQ(Describe(Tokenize(text, X12Options(), kernel)->tape), expected) << ScanKernelName(kernel);
  }
}

}  // namespace
}  // namespace wharf
