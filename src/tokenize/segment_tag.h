// SegmentTagCode: a segment tag of up to three bytes packed into one integer, so matching a
// segment against a grammar or dispatching on envelope segments compares integers, not strings.
#pragma once

#include <cstdint>
#include <string_view>

namespace wharf {

// 0 for an empty tag or one longer than three bytes.
constexpr uint32_t SegmentTagCode(std::string_view tag) {
  if (tag.empty() || tag.size() > 3) return 0;
  uint32_t code = static_cast<uint32_t>(tag.size()) << 24;
  for (size_t i = 0; i < tag.size(); ++i) code |= static_cast<uint32_t>(static_cast<unsigned char>(tag[i])) << (16 - 8 * i);
  return code;
}

}  // namespace wharf
