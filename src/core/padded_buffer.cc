// Reading whole inputs into padded buffers.
#include "core/padded_buffer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace wharf {

PaddedBuffer PaddedBuffer::Allocate(size_t size) {
  PaddedBuffer buffer;
  buffer.bytes_ = std::make_unique<char[]>(size + kInputPadding);  // value-initialised: zeroed
  buffer.size_ = size;
  return buffer;
}

PaddedBuffer PaddedBuffer::Copy(std::string_view bytes) {
  PaddedBuffer buffer = Allocate(bytes.size());
  if (!bytes.empty()) std::memcpy(buffer.bytes_.get(), bytes.data(), bytes.size());
  return buffer;
}

void PaddedBuffer::Truncate(size_t size) {
  if (size >= size_) return;
  std::memset(bytes_.get() + size, 0, size_ - size < kInputPadding ? kInputPadding : size_ - size);
  size_ = size;
}

namespace {

std::string ErrnoText(int error) { return std::strerror(error); }

// Reads everything from a descriptor whose size is not known in advance (pipes, stdin).
Result<PaddedBuffer> ReadStream(int fd, const std::string& name) {
  std::vector<char> bytes;
  char chunk[1 << 16];
  for (;;) {
    ssize_t got = ::read(fd, chunk, sizeof chunk);
    if (got < 0) {
      if (errno == EINTR) continue;
      return Status::IoError(name + ": cannot read: " + ErrnoText(errno));
    }
    if (got == 0) break;
    bytes.insert(bytes.end(), chunk, chunk + got);
  }
  return PaddedBuffer::Copy(std::string_view(bytes.data(), bytes.size()));
}

}  // namespace

Result<PaddedBuffer> ReadInputFile(const std::filesystem::path& path) {
  if (path == "-") return ReadStream(STDIN_FILENO, "<stdin>");
  const std::string name = path.string();
  int fd = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IoError(name + ": cannot open: " + ErrnoText(errno));
  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    int error = errno;
    ::close(fd);
    return Status::IoError(name + ": cannot stat: " + ErrnoText(error));
  }
  if (S_ISDIR(info.st_mode)) {
    ::close(fd);
    return Status::InvalidArgument(name + ": is a directory");
  }
  if (!S_ISREG(info.st_mode)) {
    Result<PaddedBuffer> streamed = ReadStream(fd, name);
    ::close(fd);
    return streamed;
  }
  PaddedBuffer buffer = PaddedBuffer::Allocate(static_cast<size_t>(info.st_size));
  size_t filled = 0;
  while (filled < buffer.size()) {
    ssize_t got = ::read(fd, buffer.mutable_data() + filled, buffer.size() - filled);
    if (got < 0) {
      if (errno == EINTR) continue;
      int error = errno;
      ::close(fd);
      return Status::IoError(name + ": cannot read: " + ErrnoText(error));
    }
    if (got == 0) break;  // the file shrank while we read it: keep what is there
    filled += static_cast<size_t>(got);
  }
  ::close(fd);
  buffer.Truncate(filled);
  return buffer;
}

}  // namespace wharf
