// Setting glibc's malloc up for how wharf uses memory.
//
// Pieces, tapes, JSON and acknowledgments are megabytes each and freed within milliseconds. By
// default glibc maps blocks that large afresh every time and returns them at once, so every piece
// paid for page faults on zeroed pages (a third of a run's time in the kernel); kept in the heap,
// the next piece reuses the same pages. The cap on peak memory is unchanged: the pipeline bounds
// how many pieces are alive.
//
// And on a virtual machine a page fault costs tens of microseconds, so the first touch of the
// heap, 4 KiB at a time, was still a tenth of a one-thread run and more of `wharf run`. The heap's
// first `huge_page_bytes` are therefore grown at once and the kernel is advised to back them with
// transparent huge pages (a fault per 2 MiB; bench/RESULTS.md, "What moved the figures", 15).
// glibc can do that itself, but only when told by an environment variable
// (GLIBC_TUNABLES=glibc.malloc.hugetlb=1) before the process starts. The pages are still only
// allocated when first touched.
//
// Below the first huge page the heap is small pages: they are left to a block that is never
// touched, so that the allocations that follow come from the huge pages.
//
// Contract: call once, before any thread starts, and as early as can be: wharf's executable calls
// it from a constructor that runs before the static initialisers of the libraries linked into it
// (RocksDB's allocate a few hundred kilobytes, which in small pages cost 64 page faults and
// about 3 ms of a command's start on this project's VMs). Where the kernel has no
// transparent huge pages or has them off, or malloc is not glibc's heap (a sanitizer build), the
// huge pages are left out. Returns the range advised (empty when none was).
#pragma once

#include <cstddef>
#include <span>

namespace wharf {

std::span<const std::byte> SetUpHeap(size_t huge_page_bytes = size_t{256} << 20);

// The same for the calling thread's own malloc arena. glibc gives each thread that allocates
// alongside others an arena of its own, a 64 MiB mapping made usable in M_TOP_PAD steps, in
// small pages: the pipeline's worker threads faulted in their tapes and outputs 4 KiB at a time
// (2,000 of the 3,000 faults of a 10 MB run on two threads). Call it from every thread that
// processes pieces, before it allocates much: the first call on a thread advises its arena's
// first heap, later calls cost a thread-local test. Returns the range advised (empty when none
// was: a later call, the main thread's arena, no huge pages, or not glibc's malloc).
std::span<const std::byte> AdviseThisThreadsHeap();

}  // namespace wharf
