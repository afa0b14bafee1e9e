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

inline uint64_t TailMask(size_t remaining) {
  return remaining >= 64 ? ~uint64_t{0} : (uint64_t{1} << remaining) - 1;
}

// Writes the positions of the set bits of `bits` (a block at `offset`) at out[0..popcount).
// Writes up to 63 entries past that count.
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
  for (int i = 16; bits != 0; ++i) {
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
  ScanCounts counts;
  for (size_t i = 0; i < length; ++i) {
    const uint8_t r = role[static_cast<unsigned char>(data[i])];
    if (r == 0) continue;
    if (r == 2) specials[counts.specials++] = index_base + static_cast<uint32_t>(counts.positions);
    positions[counts.positions++] = base + static_cast<uint32_t>(i);
  }
  return counts;
}

#ifdef WHARF_X86_64

struct Sse2Needles {
  __m128i bytes[DelimiterSet::kMaxBytes];
  int count = 0;
  int special_count = 0;  // the special needles come first
};

inline uint64_t Movemask64Sse2(__m128i a, __m128i b, __m128i c, __m128i d) {
  return static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(a))) |
         (static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(b))) << 16) |
         (static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(c))) << 32) |
         (static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(d))) << 48);
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
  ScanCounts counts;
  for (size_t i = 0; i < length; i += 64) {
    __m128i special[4], all[4];
    for (int part = 0; part < 4; ++part) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i + 16 * part));
      __m128i s = _mm_setzero_si128();
      for (int k = 0; k < special_count; ++k) s = _mm_or_si128(s, _mm_cmpeq_epi8(v, needles[k]));
      __m128i a = s;
      for (int k = special_count; k < set.size(); ++k) a = _mm_or_si128(a, _mm_cmpeq_epi8(v, needles[k]));
      special[part] = s;
      all[part] = a;
    }
    const uint64_t tail = TailMask(length - i);
    EmitBlock(Movemask64Sse2(all[0], all[1], all[2], all[3]) & tail,
              Movemask64Sse2(special[0], special[1], special[2], special[3]) & tail,
              base + static_cast<uint32_t>(i), index_base, positions, specials, counts);
  }
  return counts;
}

// POPCNT and BMI come with every AVX2 processor; naming them lets the bit loops use them.
__attribute__((target("avx2,popcnt,bmi"))) ScanCounts ScanAvx2(const DelimiterSet& set, const char* data, size_t length,
                                                      uint32_t base, uint32_t* positions, uint32_t index_base,
                                                      uint32_t* specials) {
  __m256i needles[DelimiterSet::kMaxBytes];
  int special_count = 0;
  for (int pass = 0, n = 0; pass < 2; ++pass) {
    for (int i = 0; i < set.size(); ++i) {
      if (set.is_special(i) == (pass == 0)) needles[n++] = _mm256_set1_epi8(set[i]);
    }
    if (pass == 0) special_count = n;
  }
  ScanCounts counts;
  for (size_t i = 0; i < length; i += 64) {
    const __m256i low = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(data + i));
    const __m256i high = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(data + i + 32));
    __m256i special_low = _mm256_setzero_si256(), special_high = _mm256_setzero_si256();
    for (int k = 0; k < special_count; ++k) {
      special_low = _mm256_or_si256(special_low, _mm256_cmpeq_epi8(low, needles[k]));
      special_high = _mm256_or_si256(special_high, _mm256_cmpeq_epi8(high, needles[k]));
    }
    __m256i all_low = special_low, all_high = special_high;
    for (int k = special_count; k < set.size(); ++k) {
      all_low = _mm256_or_si256(all_low, _mm256_cmpeq_epi8(low, needles[k]));
      all_high = _mm256_or_si256(all_high, _mm256_cmpeq_epi8(high, needles[k]));
    }
    const uint64_t tail = TailMask(length - i);
    const uint64_t all = (static_cast<uint64_t>(static_cast<uint32_t>(_mm256_movemask_epi8(all_low))) |
                          (static_cast<uint64_t>(static_cast<uint32_t>(_mm256_movemask_epi8(all_high))) << 32)) &
                         tail;
    const uint64_t special =
        (static_cast<uint64_t>(static_cast<uint32_t>(_mm256_movemask_epi8(special_low))) |
         (static_cast<uint64_t>(static_cast<uint32_t>(_mm256_movemask_epi8(special_high))) << 32)) &
        tail;
    EmitBlock(all, special, base + static_cast<uint32_t>(i), index_base, positions, specials, counts);
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
