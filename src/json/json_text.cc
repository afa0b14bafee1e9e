// JSON string escaping (SIMD-accelerated search for bytes that need escaping) and the writer.
#include "json/json_text.h"

#include <cstring>

#if defined(__x86_64__) || defined(_M_X64)
#include <emmintrin.h>
#define WHARF_SSE2 1
#endif

namespace wharf {
namespace {

constexpr char kHex[] = "0123456789abcdef";

char* WriteUnicodeEscape(char* out, uint32_t unit) {
  out[0] = '\\';
  out[1] = 'u';
  out[2] = kHex[(unit >> 12) & 15];
  out[3] = kHex[(unit >> 8) & 15];
  out[4] = kHex[(unit >> 4) & 15];
  out[5] = kHex[unit & 15];
  return out + 6;
}

bool NeedsEscape(unsigned char byte) { return byte < 0x20 || byte == '"' || byte == '\\' || byte >= 0x80; }

// Length of the run at the start of `p` (up to n bytes) that can be copied as it is.
size_t PlainPrefix(const char* p, size_t n) {
  size_t i = 0;
#ifdef WHARF_SSE2
  const __m128i space = _mm_set1_epi8(0x20);
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    // Signed compare: bytes >= 0x80 are negative, so "< 0x20" also catches every non-ASCII byte.
    const __m128i special = _mm_or_si128(_mm_cmplt_epi8(v, space),
                                         _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
    const int mask = _mm_movemask_epi8(special);
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  while (i < n && !NeedsEscape(static_cast<unsigned char>(p[i]))) ++i;
  return i;
}

// Decodes one well-formed UTF-8 sequence at p (n bytes left); 0 when it is not one.
size_t DecodeUtf8(const unsigned char* p, size_t n, uint32_t& code_point) {
  const unsigned char lead = p[0];
  size_t length;
  uint32_t min;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2, min = 0x80, code_point = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3, min = 0x800, code_point = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4, min = 0x10000, code_point = lead & 0x07;
  } else {
    return 0;
  }
  if (length > n) return 0;
  for (size_t k = 1; k < length; ++k) {
    if ((p[k] & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (p[k] & 0x3F);
  }
  if (code_point < min || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) return 0;
  return length;
}

// Escapes the special byte (or UTF-8 sequence) at p, n bytes left; advances `out` and returns the
// bytes consumed. Never writes more than 6 bytes per byte consumed.
size_t WriteEscaped(char*& out, const char* p, size_t n) {
  const auto byte = static_cast<unsigned char>(*p);
  char simple = 0;
  switch (byte) {
    case '"': simple = '"'; break;
    case '\\': simple = '\\'; break;
    case '\n': simple = 'n'; break;
    case '\r': simple = 'r'; break;
    case '\t': simple = 't'; break;
    case '\b': simple = 'b'; break;
    case '\f': simple = 'f'; break;
    default: break;
  }
  if (simple != 0) {
    out[0] = '\\';
    out[1] = simple;
    out += 2;
    return 1;
  }
  if (byte < 0x80) {
    out = WriteUnicodeEscape(out, byte);
    return 1;
  }
  uint32_t code_point = 0;
  const size_t length = DecodeUtf8(reinterpret_cast<const unsigned char*>(p), n, code_point);
  if (length == 0) {
    out = WriteUnicodeEscape(out, byte);  // not UTF-8: the byte as Latin-1
    return 1;
  }
  if (code_point >= 0x10000) {  // 4 input bytes, 12 output bytes
    const uint32_t v = code_point - 0x10000;
    out = WriteUnicodeEscape(out, 0xD800 + (v >> 10));
    out = WriteUnicodeEscape(out, 0xDC00 + (v & 0x3FF));
  } else {
    out = WriteUnicodeEscape(out, code_point);
  }
  return length;
}

}  // namespace

void AppendJsonString(OutputBuffer& out, std::string_view bytes) {
  char* o = out.Reserve(6 * bytes.size() + 2);
  *o++ = '"';
  const char* p = bytes.data();
  size_t n = bytes.size();
  while (n > 0) {
    const size_t plain = PlainPrefix(p, n);
    if (plain != 0) std::memcpy(o, p, plain);
    o += plain;
    p += plain;
    n -= plain;
    if (n == 0) break;
    const size_t used = WriteEscaped(o, p, n);
    p += used;
    n -= used;
  }
  *o++ = '"';
  out.Commit(o);
}

char* WriteJsonStringFromPadded(char* out, const char* bytes, size_t length) {
  *out++ = '"';
#ifdef WHARF_SSE2
  const __m128i space = _mm_set1_epi8(0x20);
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  size_t i = 0;
  while (i < length) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + i));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out), v);  // most values are short and clean
    const __m128i special = _mm_or_si128(_mm_cmplt_epi8(v, space),
                                         _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
    const size_t remaining = length - i;
    unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(special));
    if (remaining < 16) mask &= (1u << remaining) - 1;
    if (mask == 0) {
      const size_t step = remaining < 16 ? remaining : 16;
      out += step;
      i += step;
      continue;
    }
    const size_t plain = static_cast<size_t>(__builtin_ctz(mask));
    out += plain;
    i += plain;
    i += WriteEscaped(out, bytes + i, length - i);
  }
#else
  size_t i = 0;
  while (i < length) {
    const size_t plain = PlainPrefix(bytes + i, length - i);
    std::memcpy(out, bytes + i, plain);
    out += plain;
    i += plain;
    if (i < length) i += WriteEscaped(out, bytes + i, length - i);
  }
#endif
  *out++ = '"';
  return out;
}

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_in_scope_.back()) out_.push_back(',');
  first_in_scope_.back() = false;
}

void JsonWriter::Open(char bracket) {
  BeforeValue();
  out_.push_back(bracket);
  first_in_scope_.push_back(true);
}

void JsonWriter::Close(char bracket) {
  out_.push_back(bracket);
  first_in_scope_.pop_back();
}

void JsonWriter::Key(std::string_view key) {
  BeforeValue();
  AppendJsonString(out_, key);
  out_.push_back(':');
  after_key_ = true;
}

void JsonWriter::String(std::string_view value) {
  BeforeValue();
  AppendJsonString(out_, value);
}

void JsonWriter::Number(uint64_t value) {
  BeforeValue();
  out_.append(std::to_string(value));
}

void JsonWriter::Null() {
  BeforeValue();
  out_.append("null");
}

void JsonWriter::Bool(bool value) {
  BeforeValue();
  out_.append(value ? "true" : "false");
}

}  // namespace wharf
