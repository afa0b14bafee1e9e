// Maps an offset on a tape to the input file: a tape is read from a slice of the file (one
// interchange), sometimes from a copy with line breaks removed (a wrapped X12 file).
#pragma once

#include <cstdint>
#include <vector>

namespace wharf {

class OffsetMap {
 public:
  OffsetMap() = default;
  explicit OffsetMap(uint64_t unit_offset) : unit_offset_(unit_offset) {}
  // `removed` holds, for each byte taken out, the copy offset it was taken out at (ascending).
  OffsetMap(uint64_t unit_offset, std::vector<uint32_t> removed)
      : unit_offset_(unit_offset), removed_(std::move(removed)) {}

  uint64_t ToFile(uint32_t tape_offset) const;
  uint64_t unit_offset() const { return unit_offset_; }
  // Moves the unit by `bytes` in the file (modulo 2^64: a unit read behind copied bytes moves back).
  void MoveBy(uint64_t bytes) { unit_offset_ += bytes; }

 private:
  uint64_t unit_offset_ = 0;
  std::vector<uint32_t> removed_;
};

}  // namespace wharf
