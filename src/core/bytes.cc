// Byte searches.
#include "core/bytes.h"

#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace wharf {

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

size_t FindEitherPair(std::string_view text, size_t from, char first_a, char second_a, char first_b, char second_b) {
  const size_t size = text.size();
  size_t at = from;
#if defined(__SSE2__)
  const __m128i a1 = _mm_set1_epi8(first_a), a2 = _mm_set1_epi8(second_a);
  const __m128i b1 = _mm_set1_epi8(first_b), b2 = _mm_set1_epi8(second_b);
  for (; at + 17 <= size; at += 16) {
    const __m128i here = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + at));
    const __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + at + 1));
    const __m128i pair_a = _mm_and_si128(_mm_cmpeq_epi8(here, a1), _mm_cmpeq_epi8(next, a2));
    const __m128i pair_b = _mm_and_si128(_mm_cmpeq_epi8(here, b1), _mm_cmpeq_epi8(next, b2));
    const uint32_t mask = static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(pair_a, pair_b)));
    if (mask != 0) return at + static_cast<size_t>(__builtin_ctz(mask));
  }
#endif
  for (; at + 1 < size; ++at) {
    if ((text[at] == first_a && text[at + 1] == second_a) || (text[at] == first_b && text[at + 1] == second_b)) return at;
  }
  return size;
}

size_t CountByte(std::string_view text, char byte) {
  size_t count = 0, at = 0;
#if defined(__SSE2__)
  // Each match subtracts -1 from a byte lane; before a lane can wrap (255 blocks) the lanes are
  // summed with SAD against zero.
  const __m128i wanted = _mm_set1_epi8(byte);
  while (at + 16 <= text.size()) {
    __m128i lanes = _mm_setzero_si128();
    for (int block = 0; block < 255 && at + 16 <= text.size(); ++block, at += 16) {
      const __m128i here = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + at));
      lanes = _mm_sub_epi8(lanes, _mm_cmpeq_epi8(here, wanted));
    }
    const __m128i sums = _mm_sad_epu8(lanes, _mm_setzero_si128());
    count += static_cast<size_t>(_mm_cvtsi128_si32(sums)) + static_cast<size_t>(_mm_extract_epi16(sums, 4));
  }
#endif
  for (; at < text.size(); ++at) count += text[at] == byte;
  return count;
}

}  // namespace wharf
