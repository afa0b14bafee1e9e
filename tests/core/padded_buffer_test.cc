// Input buffers: what is read is what is in the file, and the padding after it reads as zeros,
// whether the file is read or mapped, and whatever its size against the page size.
#include "core/padded_buffer.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include "support/test_files.h"

namespace wharf {
namespace {

void ExpectPaddedCopyOf(const PaddedBuffer& buffer, const std::string& bytes) {
  ASSERT_EQ(buffer.size(), bytes.size());
  EXPECT_EQ(buffer.view(), bytes);
  for (size_t i = 0; i < kInputPadding; ++i) ASSERT_EQ(buffer.data()[bytes.size() + i], '\0') << i;
}

TEST(PaddedBuffer, CopyIsPadded) {
  ExpectPaddedCopyOf(PaddedBuffer::Copy("ISA*00~"), "ISA*00~");
  ExpectPaddedCopyOf(PaddedBuffer::Copy(""), "");
}

TEST(PaddedBuffer, SmallFilesAreReadAndLargeOnesMapped) {
  testing::ScratchDir dir;
  const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  // Sizes around the mapping threshold and exact multiples of the page size, where the padding
  // must come from the zero pages after the file.
  for (size_t size : {size_t{0}, size_t{100}, (size_t{1} << 20) - 1, size_t{1} << 20, (size_t{1} << 20) + page - 10,
                      (size_t{1} << 20) + 3 * page}) {
    std::string bytes(size, 'x');
    for (size_t i = 0; i < size; i += 997) bytes[i] = static_cast<char>('A' + i % 26);
    const auto path = dir / ("input-" + std::to_string(size));
    testing::WriteBytes(path, bytes);
    Result<PaddedBuffer> read = ReadInputFile(path);
    ASSERT_TRUE(read.ok()) << read.status().ToString();
    ExpectPaddedCopyOf(*read, bytes);
  }
}

TEST(PaddedBuffer, MovedBufferKeepsItsBytes) {
  PaddedBuffer first = PaddedBuffer::Copy("GS*PO~");
  PaddedBuffer second = std::move(first);
  EXPECT_EQ(second.view(), "GS*PO~");
  EXPECT_EQ(first.size(), 0u);
}

TEST(PaddedBuffer, MissingFileNamesIt) {
  Result<PaddedBuffer> read = ReadInputFile("/nonexistent/x.edi");
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().message(), "/nonexistent/x.edi: cannot open: No such file or directory");
}

}  // namespace
}  // namespace wharf
