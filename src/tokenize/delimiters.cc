// Describing delimiters in messages.
#include "tokenize/delimiters.h"

#include <cstdio>
#include <string>

namespace wharf {

std::string DescribeDelimiter(char delimiter) {
  const auto byte = static_cast<unsigned char>(delimiter);
  if (byte >= 0x21 && byte < 0x7F) return std::string("'") + delimiter + "'";
  char text[16];
  std::snprintf(text, sizeof text, "0x%02X", byte);
  return text;
}

}  // namespace wharf
