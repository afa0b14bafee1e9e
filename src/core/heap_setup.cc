#include "core/heap_setup.h"

#include <malloc.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <utility>

namespace wharf {
namespace {

constexpr int kMapThreshold = 32 << 20;    // blocks below this come from the heap
constexpr size_t kTrimThreshold = size_t{128} << 20;  // free memory at the heap's top kept up to this
// How much a malloc arena grows its usable memory by at a time. A thread's arena (below) can
// hold a huge page only where 2 MiB of it are usable at once; glibc's own 128 KiB steps never are.
constexpr int kTopPad = 8 << 20;
// The span of one heap of a thread's arena: glibc maps each at a multiple of its own size,
// HEAP_MAX_SIZE, which is twice the largest mmap threshold on a 64-bit system.
constexpr uintptr_t kThreadHeapBytes = uintptr_t{64} << 20;
#ifndef MADV_COLLAPSE
constexpr int MADV_COLLAPSE = 25;  // Linux 6.1; older kernels reject it, which costs nothing
#endif

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

// Whether `base` starts the first heap of a glibc arena: its heap_info names the arena that
// follows it and no previous heap, and its sizes fit in one heap. It is read with
// process_vm_readv, which fails instead of faulting where `base` is not readable (malloc is not
// glibc's, or the system forbids the call: then nothing is advised).
[[maybe_unused]] bool IsFirstThreadHeap(uintptr_t base) {  // unused in a sanitizer build
  struct HeapInfo {  // glibc's struct _heap_info, as far as it has been the same since 2.3
    uintptr_t arena;
    uintptr_t previous;
    size_t size;
    size_t mprotect_size;
  } info{};
  iovec local{&info, sizeof info};
  iovec remote{reinterpret_cast<void*>(base), sizeof info};
  if (process_vm_readv(getpid(), &local, 1, &remote, 1, 0) != static_cast<ssize_t>(sizeof info)) return false;
  return info.arena > base && info.arena <= base + 64 && info.previous == 0 && info.size > 0 &&
         info.size <= kThreadHeapBytes && info.mprotect_size <= kThreadHeapBytes;
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
  mallopt(M_TOP_PAD, kTopPad);
  const auto probed = reinterpret_cast<uintptr_t>(probe);
  const uintptr_t start = (probed + huge - 1) & ~(huge - 1);
  const uintptr_t end = top & ~(huge - 1);
  std::free(probe);
  // The probe must have come from the heap just below the break: a sanitizer's malloc maps its own.
  if (probe == nullptr || end <= start || end - start > huge_page_bytes + huge) return {};
  if (madvise(reinterpret_cast<void*>(start), end - start, MADV_HUGEPAGE) != 0) return {};
  // malloc wrote the size of the heap's free top right after the probe, which may have faulted a
  // small page into the first huge page's span before the advice: a span with one small page
  // gets only small pages, ~500 faults. Collapsing makes it one huge page.
  madvise(reinterpret_cast<void*>(start), huge, MADV_COLLAPSE);
  // Below `start` the heap is small pages; a block that is never touched fills them, so that what
  // is allocated next comes from the huge pages. (Up to 2 MiB of address space, no memory.)
  if (start - probed > 64) {
    void* filler = std::malloc(start - probed + 16);
    asm volatile("" : : "r"(filler) : "memory");  // kept: a malloc nothing reads is optimised away
  }
  return {reinterpret_cast<const std::byte*>(start), end - start};
}

std::span<const std::byte> AdviseThisThreadsHeap() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return {};  // a sanitizer's malloc has no arenas of glibc's kind
#else
  thread_local bool advised = false;
  if (std::exchange(advised, true)) return {};
  const size_t huge = TransparentHugePageSize();
  if (huge == 0 || huge > kThreadHeapBytes / 4) return {};
  void* probe = std::malloc(64);
  const auto at = reinterpret_cast<uintptr_t>(probe);
  std::free(probe);
  // The main thread's arena is the heap below the break, set up by SetUpHeap.
  if (at < reinterpret_cast<uintptr_t>(sbrk(0))) return {};
  const uintptr_t base = at & ~(kThreadHeapBytes - 1);
  if (!IsFirstThreadHeap(base)) return {};
  if (madvise(reinterpret_cast<void*>(base), kThreadHeapBytes, MADV_HUGEPAGE) != 0) return {};
  // The arena's own bookkeeping at its start was touched before the advice (as above).
  madvise(reinterpret_cast<void*>(base), huge, MADV_COLLAPSE);
  return {reinterpret_cast<const std::byte*>(base), kThreadHeapBytes};
#endif
}

}  // namespace wharf
