// SetUpHeap: the heap's first megabytes are advised for transparent huge pages where the kernel
// and malloc allow it, and nothing is advised where they do not. Built twice (tests/CMakeLists.txt):
// into the sanitizer build, where malloc is not glibc's heap, and without sanitizers.
#include "core/heap_setup.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace wharf {
namespace {

#if !defined(__SANITIZE_ADDRESS__)
bool HugePagesOn() {
  std::ifstream enabled("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string modes;
  return std::getline(enabled, modes) && modes.find("[never]") == std::string::npos;
}

// The /proc/self/smaps block of the mapping that holds `address`: its header line and fields.
std::string MappingOf(uintptr_t address) {
  std::ifstream smaps("/proc/self/smaps");
  std::string line, block;
  bool inside = false;
  while (std::getline(smaps, line)) {
    unsigned long begin = 0, end = 0;
    const std::string first_word = line.substr(0, line.find(' '));
    const bool header = first_word.back() != ':' && std::sscanf(line.c_str(), "%lx-%lx", &begin, &end) == 2;
    if (header) {
      if (inside) break;
      inside = address >= begin && address < end;
    }
    if (inside) block += line + "\n";
  }
  return block;
}

// Whether the mapping's VmFlags line has "hg", the flag MADV_HUGEPAGE sets.
bool AdvisedForHugePages(const std::string& mapping) {
  const size_t flags = mapping.find("VmFlags:");
  if (flags == std::string::npos) return false;
  const std::string flag_line = mapping.substr(flags, mapping.find('\n', flags) - flags) + " ";
  return flag_line.find(" hg ") != std::string::npos;
}

bool Contains(std::span<const std::byte> range, const void* address) {
  const auto at = reinterpret_cast<const std::byte*>(address);
  return at >= range.data() && at < range.data() + range.size();
}
#endif

TEST(HeapSetup, AdvisesTheHeapForHugePagesOnlyWhereItCan) {
  const std::span<const std::byte> advised = SetUpHeap(size_t{64} << 20);
#if defined(__SANITIZE_ADDRESS__)
  // A sanitizer's malloc does not grow the heap below the break: nothing may be advised.
  EXPECT_TRUE(advised.empty());
#else
  if (!HugePagesOn()) {
    EXPECT_TRUE(advised.empty());
    GTEST_SKIP() << "transparent huge pages are off on this machine";
  }
  ASSERT_FALSE(advised.empty());
  const auto start = reinterpret_cast<uintptr_t>(advised.data());
  EXPECT_EQ(start % (2 << 20), 0u);
  EXPECT_GE(advised.size(), size_t{60} << 20);
  EXPECT_LE(advised.size(), size_t{66} << 20);
  const std::string mapping = MappingOf(start);
  EXPECT_NE(mapping.find("[heap]"), std::string::npos) << mapping;
  EXPECT_TRUE(AdvisedForHugePages(mapping)) << mapping;
  // What is allocated next comes from the huge pages, not from the small ones below them.
  std::vector<char> next(size_t{1} << 20);  // larger than any block freed before
  EXPECT_TRUE(Contains(advised, next.data()));
#endif
}

TEST(HeapSetup, AdvisesAWorkerThreadsOwnArenaOnce) {
  // The main thread's arena is the heap: never advised here.
  EXPECT_TRUE(AdviseThisThreadsHeap().empty());
  std::span<const std::byte> first, second;
  const void* allocated = nullptr;
  std::thread worker([&] {
    std::vector<char> block(1 << 16);  // the thread's arena exists from its first allocation
    allocated = block.data();
    first = AdviseThisThreadsHeap();
    second = AdviseThisThreadsHeap();
  });
  worker.join();
  EXPECT_TRUE(second.empty());
#if defined(__SANITIZE_ADDRESS__)
  EXPECT_TRUE(first.empty());
#else
  if (!HugePagesOn()) {
    EXPECT_TRUE(first.empty());
    GTEST_SKIP() << "transparent huge pages are off on this machine";
  }
  ASSERT_FALSE(first.empty());
  const auto start = reinterpret_cast<uintptr_t>(first.data());
  EXPECT_EQ(start % (uintptr_t{64} << 20), 0u);
  EXPECT_EQ(first.size(), size_t{64} << 20);
  // The thread's own allocation lies in the range advised, and its mapping carries the advice.
  EXPECT_TRUE(Contains(first, allocated));
  const std::string mapping = MappingOf(start);
  EXPECT_TRUE(AdvisedForHugePages(mapping)) << mapping;
#endif
}

}  // namespace
}  // namespace wharf
