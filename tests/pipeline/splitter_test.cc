// Cutting inputs into pieces: every byte once, cuts at headers or (inside an X12 interchange too
// large for a piece) before a transaction set, positions and header copies carried.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <memory>

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

std::vector<std::pair<size_t, Format>> Places(const std::vector<HeaderAt>& headers) {
  std::vector<std::pair<size_t, Format>> places;
  for (const HeaderAt& header : headers) places.emplace_back(header.at, header.format);
  return places;
}

// Every piece, measured and numbered as the pipeline does (pipeline/piece_pipeline.h). MeasurePiece
// searches for headers only where the splitter has not: it must find what a search of the whole
// piece finds.
std::vector<Piece> Pieces(InputSplitter& splitter) {
  std::vector<Piece> pieces;
  PieceNumbering numbering;
  for (;;) {
    Result<std::optional<Piece>> piece = splitter.Next();
    EXPECT_TRUE(piece.ok());
    if (!piece.ok() || !piece->has_value()) break;
    const PieceMeasure measure = MeasurePiece(**piece);
    EXPECT_EQ(Places(measure.headers), Places(FindHeaders((*piece)->bytes.view())))
        << "piece " << pieces.size() << " searched in [" << (*piece)->headers_from << ", " << (*piece)->headers_to
        << ")";
    numbering.Number(**piece, measure);
    pieces.push_back(std::move(**piece));
  }
  return pieces;
}

std::vector<Piece> Split(const std::string& input, size_t target) {
  InputSplitter splitter(MemorySource(input), target);
  return Pieces(splitter);
}

// As the command line splits a file: over the input in memory, pieces borrowed from it.
std::vector<Piece> SplitInMemory(const std::string& input, size_t target) {
  InputSplitter splitter(std::make_shared<const PaddedBuffer>(PaddedBuffer::Copy(input)), target);
  return Pieces(splitter);
}

// `check(target, pieces)` for `input` split at each target, streamed and read in memory alike.
void ForEachSplit(const std::string& input, std::initializer_list<size_t> targets,
                  const std::function<void(size_t, const std::vector<Piece>&)>& check) {
  for (const size_t target : targets) {
    for (const bool in_memory : {false, true}) {
      SCOPED_TRACE(::testing::Message() << "target " << target << (in_memory ? ", in memory" : ", streamed"));
      check(target, in_memory ? SplitInMemory(input, target) : Split(input, target));
    }
  }
}

std::string Edifact() { return testing::ReadBytes(testing::SourcePath("examples/edifact/lindqvist-orders-d96a.edi")); }

// X12 and EDIFACT interchanges, with bytes that are no interchange before, between and inside.
std::string MixedInput() {
  const std::string edifact = Edifact();
  std::string input = "junk before\n";
  for (int i = 0; i < 20; ++i) input += X12(i);
  input += edifact + edifact;  // UNA interchanges
  input += "ISA-like but not a header ISA\n";
  for (int i = 20; i < 25; ++i) input += X12(i);
  return input;
}

// One EDIFACT interchange of `messages` ORDERS messages, 58-64 bytes each.
std::string LargeEdifact(int messages) {
  std::string input = "UNA:+.? 'UNB+UNOC:3+7350000000017:14+5412345000013:14+261129:0830+LQ1++ORDERS'";
  for (int reference = 1; reference <= messages; ++reference) {
    const std::string ref = std::to_string(reference);
    input += "UNH+" + ref + "+ORDERS:D:96A:UN'BGM+220+PO-" + ref + "+9'QTY+21:48'UNT+4+" + ref + "'\n";
  }
  return input + "UNZ+" + std::to_string(messages) + "+LQ1'\n";
}

TEST(InputSplitter, PiecesCoverTheInputAndStartAtHeaders) {
  const std::string edifact = Edifact();
  const std::string input = MixedInput();

  for (const bool in_memory : {false, true}) {
    for (size_t target : {size_t{1}, size_t{500}, size_t{3000}, size_t{1} << 20}) {
      SCOPED_TRACE((in_memory ? "in memory, target " : "streamed, target ") + std::to_string(target));
      const std::vector<Piece> pieces = in_memory ? SplitInMemory(input, target) : Split(input, target);
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
        const bool continued = !piece.continued_header.empty();
        const bool edifact_part = continued && bytes.starts_with("UNH+");
        EXPECT_EQ(piece.x12_before, x12 - (continued && !edifact_part ? 1 : 0));
        EXPECT_EQ(piece.edifact_before, edifact_count - (edifact_part ? 1 : 0));
        EXPECT_EQ(piece.continues, i + 1 < pieces.size() && !pieces[i + 1].continued_header.empty());
        if (edifact_part) {
          // Cut before a message: the piece carries the UNA and the UNB.
          EXPECT_EQ(piece.continued_header, edifact.substr(0, 9) + edifact.substr(10, edifact.find('\'', 10) + 1 - 10));
          EXPECT_EQ(piece.continued_segments, 1u);
        } else if (continued) {
          // Cut before a set: the piece carries the interchange's ISA and the GS open there.
          EXPECT_TRUE(bytes.starts_with("ST*850*")) << bytes.substr(0, 20);
          const std::string isa = input.substr(piece.interchange_offset, 106);
          ASSERT_TRUE(isa.starts_with("ISA*")) << isa;
          EXPECT_EQ(piece.continued_header, isa + "GS*PO*ACMERETAIL*WHARFSUPPLY*20261127*0915*4711*X*004010~");
          EXPECT_EQ(piece.continued_segments, 2u);
          EXPECT_EQ(piece.continued_part, pieces[i - 1].continued_header.empty() ? 2u : pieces[i - 1].continued_part + 1);
        } else if (i != 0) {
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
        // In three: the headers, then each of the two sets or messages. The junk before the first
        // interchange goes with it.
        EXPECT_EQ(pieces.size(), 25u * 3 + 2 * 3);
      }
      if (target == (size_t{1} << 20)) {
        EXPECT_EQ(pieces.size(), 1u);
      }
    }
  }
}

TEST(InputSplitter, EmptyInputIsOneEmptyPiece) {
  const std::vector<Piece> pieces = Split("", 100);
  ASSERT_EQ(pieces.size(), 1u);
  EXPECT_EQ(pieces[0].bytes.size(), 0u);
  EXPECT_TRUE(pieces[0].last);
}

TEST(InputSplitter, AnInterchangeLargerThanTwiceTheTargetIsCutBeforeASet) {
  const std::string input = X12(1) + X12(2);
  // Up to twice the target an interchange is not cut.
  std::vector<Piece> pieces = Split(input, 400);
  ASSERT_EQ(pieces.size(), 2u);
  EXPECT_EQ(pieces[0].bytes.view(), X12(1));
  EXPECT_FALSE(pieces[0].continues);

  // Cut at the first set after the target: X12(1)'s second, X12(2)'s first and second.
  pieces = Split(input, 200);
  ASSERT_EQ(pieces.size(), 4u);
  const size_t second_set = X12(1).find("ST*850*0002");
  const size_t first_set = X12(2).find("ST*850*0001");
  EXPECT_EQ(pieces[0].bytes.view(), X12(1).substr(0, second_set));
  EXPECT_TRUE(pieces[0].continues);
  EXPECT_EQ(pieces[1].bytes.view(), X12(1).substr(second_set) + X12(2).substr(0, first_set));
  EXPECT_EQ(pieces[1].interchange_offset, 0u);
  EXPECT_EQ(pieces[1].continued_part, 2u);
  EXPECT_TRUE(pieces[1].continues);
  EXPECT_EQ(pieces[1].x12_before, 0u);
  EXPECT_EQ(pieces[2].bytes.view(), X12(2).substr(first_set, second_set - first_set));
  EXPECT_EQ(pieces[2].interchange_offset, X12(1).size());
  EXPECT_EQ(pieces[2].continued_part, 2u);
  EXPECT_EQ(pieces[2].x12_before, 1u);
  std::string header = X12(2).substr(0, first_set - 1);
  header.erase(106, 1);  // the ISA and GS segments, without the line breaks after them
  EXPECT_EQ(pieces[2].continued_header, header);
  EXPECT_EQ(pieces[3].continued_part, 3u);
  EXPECT_FALSE(pieces[3].continues);
  // Every part is routed by the interchange's first set.
  EXPECT_EQ(pieces[0].continues_first_document, "850");
  EXPECT_EQ(pieces[2].continued_first_document, "850");
}

TEST(InputSplitter, PartsOfALargeInterchangeAreNotSearchedForHeadersAgain) {
  // One interchange of 200 messages: the splitter searched every byte after the first piece's
  // target for a header, and found none; MeasurePiece need not search those bytes again.
  const std::string input = LargeEdifact(200);
  ForEachSplit(input, {300, 1000, 1900, 4000}, [&](size_t target, const std::vector<Piece>& pieces) {
    ASSERT_GE(pieces.size(), 3u);
    // Its end, too, is cut past one and a half targets (a message is 58-64 bytes): the last piece
    // is not up to twice the others, for one thread to read while the others wait.
    EXPECT_LE(pieces.back().bytes.size(), target + target / 2 + 64);
    EXPECT_EQ(pieces[0].headers_from, 0u);  // the first piece is searched whole
    EXPECT_EQ(pieces[0].headers_to, SIZE_MAX);
    for (size_t i = 1; i < pieces.size(); ++i) {
      EXPECT_FALSE(pieces[i].continued_header.empty()) << i;
      // The last piece, cut without a search, only from where the previous search stopped.
      if (i + 1 < pieces.size()) {
        EXPECT_GE(pieces[i].headers_from, pieces[i].headers_to) << i;
      }
      EXPECT_GT(pieces[i].headers_from, 0u) << i;
    }
  });
  // Between interchanges, the bytes before a piece's target are searched by MeasurePiece alone.
  const std::vector<Piece> pieces = Split(X12(1) + X12(2), 400);
  ASSERT_EQ(pieces.size(), 2u);
  EXPECT_EQ(pieces[1].headers_from, 0u);
  EXPECT_EQ(pieces[1].headers_to, 400u);
}

TEST(InputSplitter, BytesBeforeTheFirstHeaderDoNotStopItsInterchangeBeingCut) {
  // More bytes before the first header than the first read holds: the interchange after them is
  // still cut inside (it was read whole, as one piece, when the search before its header gave up).
  std::string junk;
  while (junk.size() < 20000) junk += "not an interchange, just text\n";
  const std::string input = junk + LargeEdifact(300);
  ForEachSplit(input, {4000}, [&](size_t, const std::vector<Piece>& pieces) {
    ASSERT_GT(pieces.size(), 3u);
    EXPECT_TRUE(pieces[0].bytes.view().starts_with(junk));
    EXPECT_LT(pieces[0].bytes.size(), junk.size() + 4000 + 64);  // cut within a target past the header
    EXPECT_FALSE(pieces[1].continued_header.empty());
  });
  // Nor do they make a small interchange after them too large for a piece.
  ForEachSplit(junk + X12(1), {4000}, [&](size_t, const std::vector<Piece>& pieces) { EXPECT_EQ(pieces.size(), 1u); });
}

TEST(InputSplitter, OnlyTheContinuedInterchangeHasItsEndCutAgain) {
  // A large interchange, then a small one: at the input's end only the large one's rest is cut
  // again, never the small one, which is not too large for a piece.
  const std::string input = LargeEdifact(100) + X12(1);
  for (size_t target = 800; target <= 2400; target += 23) {
    SCOPED_TRACE(::testing::Message() << "target " << target);
    for (const Piece& piece : Split(input, target)) EXPECT_FALSE(piece.continued_header.starts_with("ISA"));
  }
}

TEST(InputSplitter, APartCarriesTheGroupOpenAtItsCutAndNoneAfterAGroupTrailer) {
  // Two groups, then two sets outside any group (an error the reader reports): a part carries the
  // last group header before its cut, and none once a group trailer has closed it.
  const std::string isa = X12(1).substr(0, 107);
  const auto gs = [](int number) {
    return "GS*PO*ACMERETAIL*WHARFSUPPLY*20261127*0915*" + std::to_string(number) + "*X*004010~\n";
  };
  const auto set = [](int number) {
    const std::string control = std::to_string(1000 + number);
    return "ST*850*" + control + "~\nBEG*00*SA*PO" + control + "**20261127~\nSE*3*" + control + "~\n";
  };
  std::string input = isa + gs(1) + set(1) + set(2) + "GE*2*1~\n" + gs(2) + set(3) + set(4) + set(5) + "GE*3*2~\n";
  input += set(6) + set(7) + "IEA*2*000004711~\n";
  ForEachSplit(input, {20, 60, 90, 130, 170, 250}, [&](size_t, const std::vector<Piece>& pieces) {
    ASSERT_GE(pieces.size(), 2u);
    for (const Piece& piece : pieces) {
      if (piece.continued_header.empty()) continue;
      const std::string_view before = std::string_view(input).substr(0, piece.offset);
      const size_t group = before.rfind("GS*"), trailer = before.rfind("GE*");
      const bool open = group != std::string_view::npos && (trailer == std::string_view::npos || trailer < group);
      const std::string expected_group =
          open ? std::string(before.substr(group, before.find('~', group) + 1 - group)) : "";
      EXPECT_EQ(piece.continued_header, isa.substr(0, 106) + expected_group) << "cut at " << piece.offset;
      EXPECT_EQ(piece.continued_segments, open ? 2u : 1u) << "cut at " << piece.offset;
    }
  });
}

TEST(InputSplitter, AnEdifactInterchangeIsCutBeforeAMessageNotAfterAReleasedTerminator) {
  std::string edifact = testing::ReadBytes(testing::SourcePath("examples/edifact/lindqvist-orders-d96a.edi"));
  // Text that reads like a message header, behind a released terminator: data, not a cut.
  const size_t second = edifact.find("UNH+2+");
  edifact.insert(edifact.find("UNS+S'"), "FTX+AAI+++SEE ?'\nUNH+9+ORDERS:D:96A:UN'\n");
  const std::vector<Piece> pieces = Split(edifact, 300);  // cut at the first message after byte 300
  ASSERT_EQ(pieces.size(), 2u);
  EXPECT_TRUE(pieces[1].bytes.view().starts_with("UNH+2+")) << pieces[1].bytes.view().substr(0, 20);
  EXPECT_EQ(pieces[0].bytes.size(), second + (edifact.size() - testing::ReadBytes(testing::SourcePath(
                                                   "examples/edifact/lindqvist-orders-d96a.edi")).size()));
  EXPECT_EQ(pieces[1].continued_header, edifact.substr(0, 9) + edifact.substr(10, edifact.find('\'', 10) + 1 - 10));
  EXPECT_EQ(pieces[1].edifact_before, 0u);
  EXPECT_EQ(pieces[0].continues_first_document, "ORDERS");
  EXPECT_EQ(pieces[1].continued_first_document, "ORDERS");
}

// An 850 of `lines` PO1 lines with control number `control`.
std::string Order(const std::string& control, int lines) {
  std::string set = "ST*850*" + control + "~\nBEG*00*SA*PO" + control + "**20261127~\n";
  for (int i = 1; i <= lines; ++i) set += "PO1*" + std::to_string(i) + "*1*EA*9.99**UP*012345678905~\n";
  return set + "SE*" + std::to_string(lines + 3) + "*" + control + "~\n";
}

// An EDIFACT interchange without UNA, after an X12 one, cut before its messages: a continued
// piece counts it among the EDIFACT interchanges before it, not the X12 ones, however
// the pieces are numbered.
TEST(InputSplitter, AContinuedUnbInterchangeIsCountedAsEdifact) {
  const std::string edifact = Edifact();
  const std::string without_una = edifact.substr(edifact.find("UNB+"));
  const std::string input = X12(1) + without_una + X12(2);
  for (const bool in_memory : {false, true}) {
    SCOPED_TRACE(in_memory ? "in memory" : "streamed");
    const std::vector<Piece> pieces = in_memory ? SplitInMemory(input, 1) : Split(input, 1);
    const auto part = std::find_if(pieces.begin(), pieces.end(), [](const Piece& piece) {
      return piece.continued_header.starts_with("UNB+");
    });
    ASSERT_NE(part, pieces.end());
    EXPECT_TRUE(part->bytes.view().starts_with("UNH+")) << part->bytes.view().substr(0, 20);
    EXPECT_EQ(part->x12_before, 1u);
    EXPECT_EQ(part->edifact_before, 0u);
    const auto after = std::find_if(pieces.begin(), pieces.end(), [&](const Piece& piece) {
      return piece.offset == X12(1).size() + without_una.size();
    });
    ASSERT_NE(after, pieces.end());
    EXPECT_EQ(after->x12_before, 1u);
    EXPECT_EQ(after->edifact_before, 1u);
  }
}

TEST(InputSplitter, EveryPartCarriesTheHeaderOfTheInterchangeItIsIn) {
  // Interchanges of both standards back to back, each cut inside at small targets: a part's
  // copied header must be its own interchange's, never the one before (the search for it skips
  // what the previous cut already searched, and must not skip a header).
  const std::vector<std::string> interchanges = {X12(1), Edifact(), X12(2), X12(3), Edifact(), X12(4)};
  std::string input;
  std::vector<size_t> starts;
  for (const std::string& interchange : interchanges) {
    starts.push_back(input.size());
    input += interchange;
  }
  ForEachSplit(input, {60, 100, 150, 200, 250, 333}, [&](size_t, const std::vector<Piece>& pieces) {
    size_t parts = 0;
    for (const Piece& piece : pieces) {
      if (piece.continued_header.empty()) continue;
      ++parts;
      const size_t holder = static_cast<size_t>(std::upper_bound(starts.begin(), starts.end(), piece.offset) - starts.begin()) - 1;
      EXPECT_EQ(piece.interchange_offset, starts[holder]) << "piece at " << piece.offset;
      const size_t compared = piece.continued_header.starts_with("ISA") ? 106 : 9;  // the ISA, the UNA
      EXPECT_EQ(piece.continued_header.substr(0, compared), interchanges[holder].substr(0, compared));
    }
    EXPECT_GE(parts, interchanges.size());
  });
}

TEST(InputSplitter, ASetLargerThanThePieceDoesNotStopTheCuts) {
  const std::string isa = X12(1).substr(0, X12(1).find("ST*850*0001"));  // ISA and GS
  std::string input = isa + Order("0001", 2) + Order("0002", 2000);  // more than a 64 KB read
  const size_t third = input.size();
  for (int i = 3; i <= 9; ++i) input += Order("000" + std::to_string(i), 2);
  input += "GE*9*4711~\nIEA*1*100000001~\n";
  const std::vector<Piece> pieces = Split(input, 300);
  // The first cut waits for the first set after the 70 KB one, and cutting goes on after it.
  ASSERT_GT(pieces.size(), 2u);
  EXPECT_EQ(pieces[0].bytes.size(), third);
  EXPECT_EQ(pieces[1].continued_part, 2u);
}

TEST(InputSplitter, NoCutLandsInsideBinaryData) {
  // Sets whose BIN and BDS data hold what reads like a set, a group and a trailer after a
  // terminator byte: every cut must be at a real set, and no part may copy a group from the data.
  const std::string fake = "~\nST*850*9999~\nGS*PO*FAKE*FAKE*20260101*1200*9*X*004010~\nIEA*1*999999999~\n";
  const std::string isa = X12(1).substr(0, X12(1).find("ST*850*0001"));  // ISA and GS
  std::string input = isa;
  std::vector<size_t> sets;
  for (int i = 1; i <= 12; ++i) {
    const std::string control = "000" + std::to_string(10 + i);
    sets.push_back(input.size());
    std::string data;
    for (int k = 0; k < i % 4 + 1; ++k) data += fake;
    const std::string binary = i % 2 == 0 ? "BIN*" + std::to_string(data.size()) + "*" + data
                                          : "BDS*B64*" + std::to_string(data.size()) + "*" + data;
    input += "ST*850*" + control + "~\nBEG*00*SA*PO" + control + "**20261127~\n" + binary + "~\nSE*4*" + control + "~\n";
  }
  input += "GE*12*4711~\nIEA*1*100000001~\n";
  for (const size_t target : {40, 100, 150, 230, 400}) {
    for (const bool in_memory : {false, true}) {
      SCOPED_TRACE(::testing::Message() << "target " << target << (in_memory ? ", in memory" : ", streamed"));
      const std::vector<Piece> pieces = in_memory ? SplitInMemory(input, target) : Split(input, target);
      size_t parts = 0;
      for (const Piece& piece : pieces) {
        if (piece.continued_header.empty()) continue;
        ++parts;
        EXPECT_NE(std::find(sets.begin(), sets.end(), piece.offset), sets.end()) << "a cut at " << piece.offset;
        EXPECT_EQ(piece.continued_header.find("FAKE"), std::string::npos) << piece.continued_header;
      }
      EXPECT_GT(parts, 0u);
    }
  }
}

TEST(InputSplitter, BytesAfterAnInterchangesTrailerAreNeverAPart) {
  // Stray text after the IEA that looks like sets: no header is copied in front of it.
  std::string junk;
  for (int i = 0; i < 40; ++i) junk += "ST*850*9999~\nNOT AN INTERCHANGE ANY MORE~\n";
  const std::string input = X12(1) + junk;
  const std::vector<Piece> pieces = Split(input, 100);
  for (const Piece& piece : pieces) {
    if (!piece.continued_header.empty()) {
      EXPECT_LT(piece.offset, X12(1).size());
    }
  }
  EXPECT_TRUE(pieces.back().bytes.view().ends_with(junk));
}

// `flat` after `prefix` (its first line), wrapped at `width` columns: line breaks then fall
// inside segments and tags. Every cut of it, at any target, must be at the first byte of a set
// (`set_tag` in `flat`), behind copies of the interchange's header segments and of the group open
// there without line breaks (`header_at(flat position of the cut)`); `min_parts` at the least.
void ExpectCutsOfWrapped(const std::string& prefix, const std::string& flat, std::string_view set_tag,
                         const std::function<std::string(size_t)>& header_at, size_t min_parts) {
  for (const size_t width : {80, 37, 13}) {
    for (const std::string line_break : {"\r\n", "\n"}) {
      std::string input = prefix;
      std::vector<size_t> flat_at(prefix.size(), std::string::npos);  // each input byte's place in `flat`
      for (size_t at = 0; at < flat.size(); at += width) {
        input += flat.substr(at, width);
        for (size_t k = at; k < std::min(flat.size(), at + width); ++k) flat_at.push_back(k);
        input += line_break;
        flat_at.insert(flat_at.end(), line_break.size(), std::string::npos);
      }
      for (const size_t target : {60, 150, 300}) {
        for (const bool in_memory : {false, true}) {
          SCOPED_TRACE(::testing::Message() << "width " << width << ", target " << target
                                            << (in_memory ? ", in memory" : ", streamed"));
          std::string joined;
          size_t parts = 0;
          for (const Piece& piece : in_memory ? SplitInMemory(input, target) : Split(input, target)) {
            joined += piece.bytes.view();
            if (piece.continued_header.empty()) continue;
            ++parts;
            ASSERT_LT(piece.offset, flat_at.size());
            const size_t cut = flat_at[piece.offset];
            ASSERT_NE(cut, std::string::npos) << "a cut at a line break, byte " << piece.offset;
            EXPECT_EQ(flat.substr(cut, set_tag.size()), set_tag) << "byte " << piece.offset;
            EXPECT_EQ(piece.continued_header, header_at(cut));
          }
          EXPECT_EQ(joined, input);
          EXPECT_GE(parts, min_parts);
        }
      }
    }
  }
}

TEST(InputSplitter, WrappedX12IsCutBeforeItsSetsBehindHeadersWithoutLineBreaks) {
  // Two groups of small sets, wrapped with the ISA: "G\r\nS*", "I\nEA" and a wrapped ISA.
  std::string isa = X12(1).substr(0, X12(1).find("GS*"));
  std::erase(isa, '\n');
  const std::string first_gs = "GS*PO*ACMERETAIL*WHARFSUPPLY*20261127*0915*4711*X*004010~";
  const std::string second_gs = "GS*PO*ACMERETAIL*WHARFSUPPLY*20261127*0915*4712*X*004010~";
  std::string flat = isa + first_gs;
  for (int i = 1; i <= 4; ++i) flat += Order("000" + std::to_string(i), 3);
  flat += "GE*4*4711~";
  const size_t second_group = flat.size();
  flat += second_gs;
  for (int i = 5; i <= 9; ++i) flat += Order("000" + std::to_string(i), 3);
  flat += "GE*5*4712~IEA*2*100000001~";
  std::erase(flat, '\n');
  ExpectCutsOfWrapped("", flat, "ST*850*",
                      [&](size_t cut) { return isa + (cut < second_group ? first_gs : second_gs); }, 3);
}

TEST(InputSplitter, LineFeedsInBinaryDataAreNotWrapping) {
  // Text attachments in BIN segments, line feeds and all, and a new group right after one: the
  // reader reads past the data by its length, so this is no wrapped interchange, and every part
  // copies the group open at its cut (searched in a copy without line breaks, the data would be
  // shorter than its length says and hide the GE and GS after it).
  std::string isa = X12(1).substr(0, X12(1).find("GS*"));
  isa.pop_back();  // its line feed: a copied header ends with the terminator
  const std::string first_gs = "GS*PO*ACMERETAIL*WHARFSUPPLY*20261127*0915*4711*X*004010~";
  const std::string second_gs = "GS*PO*ACMERETAIL*WHARFSUPPLY*20261127*0915*4712*X*004010~";
  std::string text;
  for (int line = 0; line < 60; ++line) text += "LINE " + std::to_string(line) + " OF THE ATTACHED NOTE\n";
  std::string input = isa + "\n" + first_gs + "\n";
  std::vector<size_t> sets;
  size_t second_group = 0;
  for (int i = 1; i <= 8; ++i) {
    if (i == 5) {
      input += "GE*4*4711~\n";
      second_group = input.size();
      input += second_gs + "\n";
    }
    const std::string control = "000" + std::to_string(10 + i);
    sets.push_back(input.size());
    input += "ST*850*" + control + "~\nBEG*00*SA*PO" + control + "**20261127~\nBIN*" + std::to_string(text.size()) + "*" +
             text + "~\nSE*4*" + control + "~\n";
  }
  input += "GE*4*4712~\nIEA*2*100000001~\n";
  ForEachSplit(input, {100, 400, 1000, 1500}, [&](size_t target, const std::vector<Piece>& pieces) {
    size_t parts = 0;
    for (const Piece& piece : pieces) {
      if (piece.continued_header.empty()) continue;
      ++parts;
      EXPECT_NE(std::find(sets.begin(), sets.end(), piece.offset), sets.end()) << "a cut at " << piece.offset;
      EXPECT_EQ(piece.continued_header, isa + (piece.offset < second_group ? first_gs : second_gs))
          << "a cut at " << piece.offset;
    }
    // Every set is larger than 100 bytes: with the data's length read right, a cut before each.
    EXPECT_EQ(parts, target == 100 ? sets.size() : parts);
    EXPECT_GE(parts, 2u);
  });
}

TEST(InputSplitter, WithLineBreaksAsDataAWrappedIsaIsNotCut) {
  // As the reader with unwrap_line_breaks off reads no such ISA, its interchange stays whole.
  std::string flat = X12(1);
  std::erase(flat, '\n');
  std::string wrapped;
  for (size_t at = 0; at < flat.size(); at += 80) wrapped += flat.substr(at, 80) + "\n";
  for (const bool in_memory : {false, true}) {
    auto splitter = in_memory
                        ? std::make_unique<InputSplitter>(std::make_shared<const PaddedBuffer>(PaddedBuffer::Copy(wrapped)), 10)
                        : std::make_unique<InputSplitter>(MemorySource(wrapped), 10);
    splitter->KeepLineBreaks();
    const std::vector<Piece> pieces = Pieces(*splitter);
    ASSERT_EQ(pieces.size(), 1u);
    EXPECT_EQ(pieces[0].bytes.view(), wrapped);
  }
}

TEST(InputSplitter, WrappedEdifactIsCutBeforeItsMessagesBehindHeadersWithoutLineBreaks) {
  // Two groups of messages (UNG/UNE), wrapped after the UNA line: "UN\nG+", "U\r\nNZ".
  const std::string una = "UNA:+.? '";
  const std::string unb = "UNB+UNOC:3+7350000000017:14+5412345000013:14+261129:0830+LQ1++ORDERS'";
  const std::string first_ung = "UNG+ORDERS+7350000000017:14+5412345000013:14+261129:0830+1+UN+D:96A'";
  const std::string second_ung = "UNG+ORDERS+7350000000017:14+5412345000013:14+261129:0830+2+UN+D:96A'";
  const auto message = [](int reference) {
    const std::string ref = std::to_string(reference);
    return "UNH+" + ref + "+ORDERS:D:96A:UN'BGM+220+PO-" + ref + "+9'LIN+1++4000862141404:SRS'QTY+21:48'UNT+5+" + ref + "'";
  };
  std::string flat = unb + first_ung;
  for (int i = 1; i <= 4; ++i) flat += message(i);
  flat += "UNE+4+1'";
  const size_t second_group = flat.size();
  flat += second_ung;
  for (int i = 5; i <= 9; ++i) flat += message(i);
  flat += "UNE+5+2'UNZ+2+LQ1'";
  ExpectCutsOfWrapped(una + "\n", flat, "UNH+",
                      [&](size_t cut) { return una + unb + (cut < second_group ? first_ung : second_ung); }, 2);
}

}  // namespace
}  // namespace wharf::pipeline
