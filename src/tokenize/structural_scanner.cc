// Stage 1 kernels: scalar, SSE2 and AVX2 (chosen at run time) delimiter scans.
//
// The SIMD kernels build two 64-bit masks per 64-byte block (every delimiter; the special ones)
// and then write the set bits' positions eight at a time without a branch per bit, as simdjson's
// flatten_bits does. AVX2 code is compiled per function with a target attribute, so the rest of
// the binary stays runnable on any x86-64.
#include "tokenize/structural_scanner.h"

#include <bit>

#if defined(__x86_64__) || defined(_M_X64)
#define WHARF_X86_64 1
#include <immintrin.h>
#endif

namespace wharf {

void DelimiterSet::Add(char byte, bool special) {
  for (int i = 0; i < count_; ++i) {
    if (bytes_[i] == byte) {
      special_[i] = special_[i] || special;
      return;
    }
  }
  if (count_ == kMaxBytes) return;
  special_[count_] = special;
  bytes_[count_++] = byte;
}

bool DelimiterSet::Contains(char byte) const {
  for (int i = 0; i < count_; ++i) {
    if (bytes_[i] == byte) return true;
  }
  return false;
}

std::string_view ScanKernelName(ScanKernel kernel) {
  switch (kernel) {
    case ScanKernel::kScalar: return "scalar";
    case ScanKernel::kSse2: return "sse2";
    case ScanKernel::kAvx2: return "avx2";
  }
  return "unknown";
}

std::vector<ScanKernel> SupportedScanKernels() {
  std::vector<ScanKernel> kernels{ScanKernel::kScalar};
#ifdef WHARF_X86_64
  kernels.push_back(ScanKernel::kSse2);
  if (__builtin_cpu_supports("avx2")) kernels.push_back(ScanKernel::kAvx2);
#endif
  return kernels;
}

ScanKernel BestScanKernel() { return SupportedScanKernels().back(); }

namespace {

// Which line-break bits of a block directly follow the terminator (LF, or CR LF), given the
// terminator, CR and LF masks and the carries from the previous block of the same call.
struct LineBreakCarry {
  uint64_t terminator = 0;  // the previous block ended with the terminator
  uint64_t cr = 0;          // ... or with a CR right after one
};

__attribute__((always_inline)) inline uint64_t LineBreaksAfterTerminator(uint64_t terminator, uint64_t cr,
                                                                         uint64_t lf, LineBreakCarry& carry) {
  const uint64_t after_terminator = (terminator << 1) | carry.terminator;
  const uint64_t cr_after = cr & after_terminator;
  const uint64_t lf_after = lf & (after_terminator | (cr_after << 1) | carry.cr);
  carry.terminator = terminator >> 63;
  carry.cr = cr_after >> 63;
  return lf_after;
}

__attribute__((always_inline)) inline uint64_t TailMask(size_t remaining) {
  return remaining >= 64 ? ~uint64_t{0} : (uint64_t{1} << remaining) - 1;
}

// Writes the positions of the set bits of `bits` (a block at `offset`) at out[0..popcount), eight
// at a time with no branch per bit. Writes up to 63 entries past the count.
__attribute__((always_inline)) inline void FlattenBits(uint64_t bits, uint32_t offset, uint32_t* out) {
  const int count = std::popcount(bits);
  for (int i = 0; i < 8; ++i) {
    out[i] = offset + static_cast<uint32_t>(std::countr_zero(bits | (uint64_t{1} << 63)));
    bits &= bits - 1;
  }
  if (count <= 8) return;
  for (int i = 8; i < 16; ++i) {
    out[i] = offset + static_cast<uint32_t>(std::countr_zero(bits | (uint64_t{1} << 63)));
    bits &= bits - 1;
  }
  if (count <= 16) return;
  for (int i = 16; i < 24; ++i) {  // EDI is dense: a block often holds 16-24 delimiters
    out[i] = offset + static_cast<uint32_t>(std::countr_zero(bits | (uint64_t{1} << 63)));
    bits &= bits - 1;
  }
  for (int i = 24; bits != 0; ++i) {
    out[i] = offset + static_cast<uint32_t>(std::countr_zero(bits));
    bits &= bits - 1;
  }
}

// For each special bit, the index its delimiter gets among all delimiters of the block.
__attribute__((always_inline)) inline size_t EmitSpecials(uint64_t all, uint64_t special, uint32_t first_index, uint32_t* out) {
  size_t n = 0;
  while (special != 0) {
    const uint64_t below = (special & (~special + 1)) - 1;
    out[n++] = first_index + static_cast<uint32_t>(std::popcount(all & below));
    special &= special - 1;
  }
  return n;
}

// Both masks of a block in hand: emits positions and specials and advances the counts.
__attribute__((always_inline)) inline void EmitBlock(uint64_t all, uint64_t special, uint32_t offset, uint32_t index_base, uint32_t* positions,
                      uint32_t* specials, ScanCounts& counts) {
  counts.specials += EmitSpecials(all, special, index_base + static_cast<uint32_t>(counts.positions),
                                  specials + counts.specials);
  FlattenBits(all, offset, positions + counts.positions);
  counts.positions += static_cast<size_t>(std::popcount(all));
}

ScanCounts ScanScalar(const DelimiterSet& set, const char* data, size_t length, uint32_t base, uint32_t* positions,
                      uint32_t index_base, uint32_t* specials) {
  uint8_t role[256] = {};  // 1 delimiter, 2 special delimiter
  for (int i = 0; i < set.size(); ++i) role[static_cast<unsigned char>(set[i])] = set.is_special(i) ? 2 : 1;
  const std::optional<char> terminator = set.line_break_terminator();
  bool after_terminator = false;  // the previous byte was the terminator, or a CR right after it
  ScanCounts counts;
  for (size_t i = 0; i < length; ++i) {
    const char c = data[i];
    const bool was_after = after_terminator;
    after_terminator = terminator && (c == *terminator || (c == '\r' && was_after && data[i - 1] == *terminator));
    if (was_after && c == '\n') continue;
    const uint8_t r = role[static_cast<unsigned char>(c)];
    if (r == 0) continue;
    if (r == 2) specials[counts.specials++] = index_base + static_cast<uint32_t>(counts.positions);
    positions[counts.positions++] = base + static_cast<uint32_t>(i);
  }
  return counts;
}

#ifdef WHARF_X86_64

inline uint64_t Movemask64Sse2(__m128i a, __m128i b, __m128i c, __m128i d) {
  return static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(a))) |
         (static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(b))) << 16) |
         (static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(c))) << 32) |
         (static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(d))) << 48);
}

// The 64-bit mask of the bytes of a block equal to `needle`.
inline uint64_t EqualMaskSse2(const __m128i* block, __m128i needle) {
  return Movemask64Sse2(_mm_cmpeq_epi8(block[0], needle), _mm_cmpeq_epi8(block[1], needle),
                        _mm_cmpeq_epi8(block[2], needle), _mm_cmpeq_epi8(block[3], needle));
}

ScanCounts ScanSse2(const DelimiterSet& set, const char* data, size_t length, uint32_t base, uint32_t* positions,
                    uint32_t index_base, uint32_t* specials) {
  __m128i needles[DelimiterSet::kMaxBytes];
  int special_count = 0;
  for (int pass = 0, n = 0; pass < 2; ++pass) {
    for (int i = 0; i < set.size(); ++i) {
      if (set.is_special(i) == (pass == 0)) needles[n++] = _mm_set1_epi8(set[i]);
    }
    if (pass == 0) special_count = n;
  }
  const std::optional<char> terminator = set.line_break_terminator();
  const __m128i terminator_needle = _mm_set1_epi8(terminator.value_or('\0'));
  const __m128i cr_needle = _mm_set1_epi8('\r');
  const __m128i lf_needle = _mm_set1_epi8('\n');
  LineBreakCarry carry;
  ScanCounts counts;
  for (size_t i = 0; i < length; i += 64) {
    __m128i block[4], special[4], all[4];
    for (int part = 0; part < 4; ++part) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i + 16 * part));
      __m128i s = _mm_setzero_si128();
      for (int k = 0; k < special_count; ++k) s = _mm_or_si128(s, _mm_cmpeq_epi8(v, needles[k]));
      __m128i a = s;
      for (int k = special_count; k < set.size(); ++k) a = _mm_or_si128(a, _mm_cmpeq_epi8(v, needles[k]));
      block[part] = v;
      special[part] = s;
      all[part] = a;
    }
    uint64_t keep = TailMask(length - i);
    if (terminator) {
      keep &= ~LineBreaksAfterTerminator(EqualMaskSse2(block, terminator_needle), EqualMaskSse2(block, cr_needle),
                                         EqualMaskSse2(block, lf_needle), carry);
    }
    EmitBlock(Movemask64Sse2(all[0], all[1], all[2], all[3]) & keep,
              Movemask64Sse2(special[0], special[1], special[2], special[3]) & keep,
              base + static_cast<uint32_t>(i), index_base, positions, specials, counts);
  }
  return counts;
}

// For each byte value, the indices of its set bits (the rest zero): expanding a mask eight bits
// at a time needs no loop over the bits and no branch.
struct BitIndexTable {
  alignas(8) uint8_t indices[256][8];
  uint8_t counts[256];
  constexpr BitIndexTable() : indices(), counts() {
    for (int byte = 0; byte < 256; ++byte) {
      int n = 0;
      for (int bit = 0; bit < 8; ++bit) {
        if (byte & (1 << bit)) indices[byte][n++] = static_cast<uint8_t>(bit);
      }
      counts[byte] = static_cast<uint8_t>(n);
    }
  }
};
constexpr BitIndexTable kBitIndices;

// FlattenBits for AVX2: eight positions per table lookup, widened and offset in one register.
// Writes up to 7 entries past the count.
__attribute__((target("avx2,popcnt,bmi"))) __attribute__((always_inline)) inline void FlattenBitsAvx2(
    uint64_t bits, uint32_t offset, uint32_t* out) {
  for (int chunk = 0; chunk < 8; ++chunk) {
    const auto byte = static_cast<uint8_t>(bits >> (8 * chunk));
    const __m128i indices = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(kBitIndices.indices[byte]));
    const __m256i wide = _mm256_add_epi32(_mm256_cvtepu8_epi32(indices),
                                          _mm256_set1_epi32(static_cast<int>(offset + 8 * chunk)));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out), wide);
    out += kBitIndices.counts[byte];
  }
}

// Set membership by nibble lookup (the simdjson classifier): needle k owns bit k; a byte is
// needle k exactly when bit k is set both in the table of its low nibble and in the table of its
// high nibble, so two shuffles classify 32 bytes against up to eight needles with no false hits.
struct NibbleTables {
  alignas(32) uint8_t low[32] = {};
  alignas(32) uint8_t high[32] = {};
  uint8_t delimiter_bits = 0;
  uint8_t special_bits = 0;
  // Bits 6 and 7 mark CR and LF, and the terminator has its own bit, for skipping line breaks.
  uint8_t terminator_bit = 0;
  static constexpr uint8_t kCrBit = 1u << 6;
  static constexpr uint8_t kLfBit = 1u << 7;
};

NibbleTables BuildNibbleTables(const DelimiterSet& set) {
  NibbleTables tables;
  auto mark = [&](unsigned char byte, uint8_t bit) {
    for (int half = 0; half < 2; ++half) {  // vpshufb looks up within each 16-byte lane
      tables.low[16 * half + (byte & 15)] |= bit;
      tables.high[16 * half + (byte >> 4)] |= bit;
    }
  };
  for (int k = 0; k < set.size(); ++k) {
    const auto bit = static_cast<uint8_t>(1u << k);
    mark(static_cast<unsigned char>(set[k]), bit);
    tables.delimiter_bits |= bit;
    if (set.is_special(k)) tables.special_bits |= bit;
    if (set.line_break_terminator() == set[k]) tables.terminator_bit = bit;
  }
  if (set.line_break_terminator()) {
    mark('\r', NibbleTables::kCrBit);
    mark('\n', NibbleTables::kLfBit);
  }
  return tables;
}

// POPCNT and BMI come with every AVX2 processor; naming them lets the bit loops use them.
__attribute__((target("avx2,popcnt,bmi"))) ScanCounts ScanAvx2(const DelimiterSet& set, const char* data, size_t length,
                                                              uint32_t base, uint32_t* positions, uint32_t index_base,
                                                              uint32_t* specials) {
  const NibbleTables tables = BuildNibbleTables(set);
  const __m256i low_table = _mm256_load_si256(reinterpret_cast<const __m256i*>(tables.low));
  const __m256i high_table = _mm256_load_si256(reinterpret_cast<const __m256i*>(tables.high));
  const __m256i nibble = _mm256_set1_epi8(0x0F);
  const __m256i delimiter_bits = _mm256_set1_epi8(static_cast<char>(tables.delimiter_bits));
  const __m256i special_bits = _mm256_set1_epi8(static_cast<char>(tables.special_bits));
  const __m256i terminator_bit = _mm256_set1_epi8(static_cast<char>(tables.terminator_bit));
  const __m256i cr_bit = _mm256_set1_epi8(static_cast<char>(NibbleTables::kCrBit));
  const __m256i lf_bit = _mm256_set1_epi8(static_cast<char>(NibbleTables::kLfBit));
  const __m256i zero = _mm256_setzero_si256();
  const bool skip_line_breaks = set.line_break_terminator().has_value();
  LineBreakCarry carry;
  // Returns, per byte, the bits of the needles it equals (zero for other bytes).
  auto classify = [&](__m256i bytes) __attribute__((target("avx2"))) {
    const __m256i low = _mm256_shuffle_epi8(low_table, _mm256_and_si256(bytes, nibble));
    const __m256i high = _mm256_shuffle_epi8(high_table, _mm256_and_si256(_mm256_srli_epi16(bytes, 4), nibble));
    return _mm256_and_si256(low, high);
  };
  auto mask_of_nonzero = [&](__m256i a, __m256i b) __attribute__((target("avx2"))) {
    const uint32_t za = static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(a, zero)));
    const uint32_t zb = static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(b, zero)));
    return ~(static_cast<uint64_t>(za) | (static_cast<uint64_t>(zb) << 32));
  };
  ScanCounts counts;
  for (size_t i = 0; i < length; i += 64) {
    const __m256i low_class = classify(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(data + i)));
    const __m256i high_class = classify(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(data + i + 32)));
    auto masked = [&](__m256i bits) __attribute__((target("avx2"))) {
      return mask_of_nonzero(_mm256_and_si256(low_class, bits), _mm256_and_si256(high_class, bits));
    };
    uint64_t keep = TailMask(length - i);
    if (skip_line_breaks) keep &= ~LineBreaksAfterTerminator(masked(terminator_bit), masked(cr_bit), masked(lf_bit), carry);
    const uint64_t all = masked(delimiter_bits) & keep;
    counts.specials += EmitSpecials(all, masked(special_bits) & keep, index_base + static_cast<uint32_t>(counts.positions),
                                    specials + counts.specials);
    FlattenBitsAvx2(all, base + static_cast<uint32_t>(i), positions + counts.positions);
    counts.positions += static_cast<size_t>(std::popcount(all));
  }
  return counts;
}

#endif  // WHARF_X86_64

}  // namespace

ScanCounts ScanDelimiters(ScanKernel kernel, const DelimiterSet& set, const char* data, size_t length,
                          uint32_t base, uint32_t* positions, uint32_t index_base, uint32_t* specials) {
  if (set.size() == 0) return {};
#ifdef WHARF_X86_64
  switch (kernel) {
    case ScanKernel::kAvx2: return ScanAvx2(set, data, length, base, positions, index_base, specials);
    case ScanKernel::kSse2: return ScanSse2(set, data, length, base, positions, index_base, specials);
    case ScanKernel::kScalar: break;
  }
#else
  (void)kernel;
#endif
  return ScanScalar(set, data, length, base, positions, index_base, specials);
}

}  // namespace wharf
