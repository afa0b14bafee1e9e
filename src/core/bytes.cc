// Byte searches.
#include "core/bytes.h"

#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace wharf {
namespace {

#if defined(__x86_64__)
// The AVX2 loop of FindHeaderTag, 32 positions a step (compiled for AVX2 alone, called only where
// the processor has it). Returns the first tag in the blocks it looked at, or the first position
// it did not look at: the narrower loops go on from there (and at a tag, stop at once).
__attribute__((target("avx2"))) size_t FindHeaderTagAvx2(std::string_view text, size_t at, bool x12, bool edifact) {
  const size_t size = text.size();
  const __m256i want_x12 = x12 ? _mm256_set1_epi8(-1) : _mm256_setzero_si256();
  const __m256i want_edifact = edifact ? _mm256_set1_epi8(-1) : _mm256_setzero_si256();
  const __m256i i = _mm256_set1_epi8('I'), s = _mm256_set1_epi8('S'), u = _mm256_set1_epi8('U');
  const __m256i n = _mm256_set1_epi8('N'), a = _mm256_set1_epi8('A'), b = _mm256_set1_epi8('B');
  for (; at + 34 <= size; at += 32) {
    const char* p = text.data() + at;
    const __m256i first = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
    const __m256i second = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 1));
    const __m256i third = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 2));
    const __m256i third_a = _mm256_cmpeq_epi8(third, a);
    const __m256i isa =
        _mm256_and_si256(_mm256_and_si256(_mm256_cmpeq_epi8(first, i), _mm256_cmpeq_epi8(second, s)), third_a);
    const __m256i un = _mm256_and_si256(_mm256_cmpeq_epi8(first, u), _mm256_cmpeq_epi8(second, n));
    const __m256i una_unb = _mm256_and_si256(un, _mm256_or_si256(third_a, _mm256_cmpeq_epi8(third, b)));
    const __m256i found = _mm256_or_si256(_mm256_and_si256(isa, want_x12), _mm256_and_si256(una_unb, want_edifact));
    const uint32_t mask = static_cast<uint32_t>(_mm256_movemask_epi8(found));
    if (mask != 0) return at + static_cast<size_t>(__builtin_ctz(mask));
  }
  return at;
}
#endif

}  // namespace

size_t FindPair(std::string_view text, size_t from, char first, char second) {
  const size_t size = text.size();
  size_t at = from;
#if defined(__SSE2__)
  const __m128i want_first = _mm_set1_epi8(first);
  const __m128i want_second = _mm_set1_epi8(second);
  for (; at + 17 <= size; at += 16) {
    const __m128i here = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + at));
    const __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + at + 1));
    const uint32_t mask = static_cast<uint32_t>(
        _mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(here, want_first), _mm_cmpeq_epi8(next, want_second))));
    if (mask != 0) return at + static_cast<size_t>(__builtin_ctz(mask));
  }
#endif
  for (; at + 1 < size; ++at) {
    if (text[at] == first && text[at + 1] == second) return at;
  }
  return size;
}

size_t FindAnyPair(std::string_view text, size_t from, std::string_view firsts, std::string_view seconds) {
  const size_t size = text.size();
  size_t at = from;
#if defined(__SSE2__)
  const __m128i first_a = _mm_set1_epi8(firsts[0]), second_a = _mm_set1_epi8(seconds[0]);
  const __m128i first_b = _mm_set1_epi8(firsts[1]), second_b = _mm_set1_epi8(seconds[1]);
  const __m128i first_c = _mm_set1_epi8(firsts[2]), second_c = _mm_set1_epi8(seconds[2]);
  for (; at + 17 <= size; at += 16) {
    const __m128i here = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + at));
    const __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + at + 1));
    const __m128i a = _mm_and_si128(_mm_cmpeq_epi8(here, first_a), _mm_cmpeq_epi8(next, second_a));
    const __m128i b = _mm_and_si128(_mm_cmpeq_epi8(here, first_b), _mm_cmpeq_epi8(next, second_b));
    const __m128i c = _mm_and_si128(_mm_cmpeq_epi8(here, first_c), _mm_cmpeq_epi8(next, second_c));
    const uint32_t mask = static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(a, b), c)));
    if (mask != 0) return at + static_cast<size_t>(__builtin_ctz(mask));
  }
#endif
  for (; at + 1 < size; ++at) {
    for (size_t pair = 0; pair < 3; ++pair) {
      if (text[at] == firsts[pair] && text[at + 1] == seconds[pair]) return at;
    }
  }
  return size;
}

size_t FindHeaderTag(std::string_view text, size_t from, bool x12, bool edifact) {
#if defined(__x86_64__)
  // Every byte of the input is searched about once, by the splitter or by MeasurePiece (where the
  // splitter did not look): twice the width of SSE2 takes 60% off the search's instructions
  // (bench/RESULTS.md, "What moved the figures", 20).
  if ((x12 || edifact) && __builtin_cpu_supports("avx2")) from = FindHeaderTagAvx2(text, from, x12, edifact);
#endif
  return FindHeaderTagSse2(text, from, x12, edifact);
}

size_t FindHeaderTagSse2(std::string_view text, size_t from, bool x12, bool edifact) {
  const size_t size = text.size();
  size_t at = from;
  if (!x12 && !edifact) return size;
#if defined(__SSE2__)
  const __m128i want_x12 = x12 ? _mm_set1_epi8(-1) : _mm_setzero_si128();
  const __m128i want_edifact = edifact ? _mm_set1_epi8(-1) : _mm_setzero_si128();
  const __m128i i = _mm_set1_epi8('I'), s = _mm_set1_epi8('S'), u = _mm_set1_epi8('U'), n = _mm_set1_epi8('N');
  const __m128i a = _mm_set1_epi8('A'), b = _mm_set1_epi8('B');
  for (; at + 18 <= size; at += 16) {
    const char* p = text.data() + at;
    const __m128i first = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i second = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 1));
    const __m128i third = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 2));
    const __m128i third_a = _mm_cmpeq_epi8(third, a);
    const __m128i isa = _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(first, i), _mm_cmpeq_epi8(second, s)), third_a);
    const __m128i un = _mm_and_si128(_mm_cmpeq_epi8(first, u), _mm_cmpeq_epi8(second, n));
    const __m128i una_unb = _mm_and_si128(un, _mm_or_si128(third_a, _mm_cmpeq_epi8(third, b)));
    const __m128i found = _mm_or_si128(_mm_and_si128(isa, want_x12), _mm_and_si128(una_unb, want_edifact));
    const uint32_t mask = static_cast<uint32_t>(_mm_movemask_epi8(found));
    if (mask != 0) return at + static_cast<size_t>(__builtin_ctz(mask));
  }
#endif
  for (; at + 2 < size; ++at) {
    const char c = text[at], next = text[at + 1], last = text[at + 2];
    if (x12 && c == 'I' && next == 'S' && last == 'A') return at;
    if (edifact && c == 'U' && next == 'N' && (last == 'A' || last == 'B')) return at;
  }
  return size;
}

size_t FindAnyOf(std::string_view text, size_t from, char a, char b, char c, char d) {
  size_t at = from;
#if defined(__SSE2__)
  const __m128i want_a = _mm_set1_epi8(a), want_b = _mm_set1_epi8(b);
  const __m128i want_c = _mm_set1_epi8(c), want_d = _mm_set1_epi8(d);
  for (; at + 16 <= text.size(); at += 16) {
    const __m128i here = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + at));
    const __m128i found = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(here, want_a), _mm_cmpeq_epi8(here, want_b)),
                                       _mm_or_si128(_mm_cmpeq_epi8(here, want_c), _mm_cmpeq_epi8(here, want_d)));
    const uint32_t mask = static_cast<uint32_t>(_mm_movemask_epi8(found));
    if (mask != 0) return at + static_cast<size_t>(__builtin_ctz(mask));
  }
#endif
  for (; at < text.size(); ++at) {
    const char here = text[at];
    if (here == a || here == b || here == c || here == d) return at;
  }
  return text.size();
}

namespace {

// CountByte and CountAnyOf: one compare per block where one byte is counted.
template <bool kTwoBytes>
size_t CountBytes(std::string_view text, char a, char b) {
  size_t count = 0, at = 0;
#if defined(__SSE2__)
  // Each match subtracts -1 from a byte lane; before a lane can wrap (255 blocks) the lanes are
  // summed with SAD against zero.
  const __m128i want_a = _mm_set1_epi8(a), want_b = _mm_set1_epi8(b);
  while (at + 16 <= text.size()) {
    __m128i lanes = _mm_setzero_si128();
    for (int block = 0; block < 255 && at + 16 <= text.size(); ++block, at += 16) {
      const __m128i here = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + at));
      __m128i found = _mm_cmpeq_epi8(here, want_a);
      if constexpr (kTwoBytes) found = _mm_or_si128(found, _mm_cmpeq_epi8(here, want_b));
      lanes = _mm_sub_epi8(lanes, found);
    }
    const __m128i sums = _mm_sad_epu8(lanes, _mm_setzero_si128());
    count += static_cast<size_t>(_mm_cvtsi128_si32(sums)) + static_cast<size_t>(_mm_extract_epi16(sums, 4));
  }
#endif
  for (; at < text.size(); ++at) count += text[at] == a || (kTwoBytes && text[at] == b);
  return count;
}

}  // namespace

size_t CountByte(std::string_view text, char byte) { return CountBytes<false>(text, byte, byte); }

size_t CountAnyOf(std::string_view text, char a, char b) { return CountBytes<true>(text, a, b); }

}  // namespace wharf
