#include "core/heap_setup.h"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

namespace wharf {
namespace {

constexpr int kMapThreshold = 32 << 20;    // blocks below this come from the heap
constexpr size_t kTrimThreshold = size_t{128} << 20;  // free memory at the heap's top kept up to this
constexpr int kDefaultTopPad = 128 << 10;  // glibc's

// The size of a transparent huge page, or 0 when the kernel offers none or has them off. Read,
// not assumed: it is 2 MiB on x86-64, but 512 MiB on an arm64 kernel with 64 KiB pages.
size_t TransparentHugePageSize() {
  std::ifstream enabled("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string modes;
  if (!std::getline(enabled, modes) || modes.find("[never]") != std::string::npos) return 0;
  std::ifstream size_file("/sys/kernel/mm/transparent_hugepage/hpage_pmd_size");
  size_t size = 0;
  if (!(size_file >> size) || size == 0 || (size & (size - 1)) != 0) return 0;
  return size;
}

}  // namespace

std::span<const std::byte> SetUpHeap(size_t huge_page_bytes) {
  mallopt(M_MMAP_THRESHOLD, kMapThreshold);
  // Twice the huge-page region, so that the region, free at first, is not given back at once.
  const size_t trim_threshold = std::max(kTrimThreshold, 2 * huge_page_bytes);
  if (trim_threshold > size_t{1} << 30) return {};  // mallopt takes an int
  mallopt(M_TRIM_THRESHOLD, static_cast<int>(trim_threshold));
  const size_t huge = TransparentHugePageSize();
  if (huge == 0 || huge_page_bytes < 2 * huge) return {};
  // With the pad raised, the next time malloc extends the heap it takes `huge_page_bytes` more at
  // once; a block larger than what is left at the top makes it do so now. Both go back to the top
  // of the heap (below the trim threshold), where the next allocations come from.
  mallopt(M_TOP_PAD, static_cast<int>(huge_page_bytes));
  void* probe = std::malloc(size_t{1} << 20);
  const auto top = reinterpret_cast<uintptr_t>(sbrk(0));
  mallopt(M_TOP_PAD, kDefaultTopPad);
  const uintptr_t start = (reinterpret_cast<uintptr_t>(probe) + huge - 1) & ~(huge - 1);
  const uintptr_t end = top & ~(huge - 1);
  std::free(probe);
  // The probe must have come from the heap just below the break: a sanitizer's malloc maps its own.
  if (probe == nullptr || end <= start || end - start > huge_page_bytes + huge) return {};
  if (madvise(reinterpret_cast<void*>(start), end - start, MADV_HUGEPAGE) != 0) return {};
  return {reinterpret_cast<const std::byte*>(start), end - start};
}

}  // namespace wharf
