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

}  // namespace wharf
