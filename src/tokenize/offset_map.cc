// Tape offsets to file offsets.
#include "tokenize/offset_map.h"

#include <algorithm>

namespace wharf {

uint64_t OffsetMap::ToFile(uint32_t tape_offset) const {
  const auto removed_before = std::upper_bound(removed_.begin(), removed_.end(), tape_offset) - removed_.begin();
  return unit_offset_ + tape_offset + static_cast<uint64_t>(removed_before);
}

}  // namespace wharf
