// Reading whole inputs into padded buffers.
#include "core/padded_buffer.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>
#include <vector>

namespace wharf {

PaddedBuffer::PaddedBuffer(PaddedBuffer&& other) noexcept { *this = std::move(other); }

PaddedBuffer& PaddedBuffer::operator=(PaddedBuffer&& other) noexcept {
  if (this != &other) {
    Release();
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
    mapped_length_ = std::exchange(other.mapped_length_, 0);
    whole_ = std::move(other.whole_);
  }
  return *this;
}

PaddedBuffer::~PaddedBuffer() { Release(); }

void PaddedBuffer::Release() {
  if (whole_) {
    whole_.reset();
  } else if (mapped_length_ != 0) {
    ::munmap(data_, mapped_length_);
  } else {
    delete[] data_;
  }
  data_ = nullptr;
  size_ = mapped_length_ = 0;
}

PaddedBuffer PaddedBuffer::Allocate(size_t size) {
  PaddedBuffer buffer;
  buffer.data_ = new char[size + kInputPadding];  // the bytes are the caller's to fill: not zeroed
  std::memset(buffer.data_ + size, 0, kInputPadding);
  buffer.size_ = size;
  return buffer;
}

PaddedBuffer PaddedBuffer::Borrow(const char* data, size_t size, std::shared_ptr<const PaddedBuffer> whole) {
  PaddedBuffer view;
  view.data_ = const_cast<char*>(data);  // never written through: mutable_data() is null
  view.size_ = size;
  view.whole_ = std::move(whole);
  return view;
}

void PaddedBuffer::DropPages(size_t begin, size_t end) const {
  if (whole_) {
    const size_t at = static_cast<size_t>(data_ - whole_->data());
    whole_->DropPages(at + begin, at + std::min(end, size_));
    return;
  }
  if (mapped_length_ == 0) return;
  const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  begin = (begin + page - 1) / page * page;
  end = std::min(end, size_) / page * page;
  if (begin < end) ::madvise(data_ + begin, end - begin, MADV_DONTNEED);  // read-only and private: nothing is lost
}

void PaddedBuffer::Prefault(size_t begin, size_t end) const {
  if (whole_) {
    const size_t at = static_cast<size_t>(data_ - whole_->data());
    whole_->Prefault(at + begin, at + std::min(end, size_));
    return;
  }
  if (mapped_length_ == 0) return;
  const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  begin = begin / page * page;
  end = std::min(end, size_);
  // MADV_POPULATE_READ needs Linux 5.14 (and glibc 2.35 headers); without it the pages fault in
  // one by one as they are read.
#ifdef MADV_POPULATE_READ
  if (begin < end) ::madvise(data_ + begin, end - begin, MADV_POPULATE_READ);
#else
  (void)begin;
  (void)end;
#endif
}

PaddedBuffer PaddedBuffer::Copy(std::string_view bytes) {
  PaddedBuffer buffer = Allocate(bytes.size());
  if (!bytes.empty()) std::memcpy(buffer.data_, bytes.data(), bytes.size());
  return buffer;
}

Result<PaddedBuffer> PaddedBuffer::Map(int fd, size_t size, const std::string& name, bool populate) {
  const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  const size_t length = (size + kInputPadding + page - 1) / page * page;
  // Reserve the whole range as zero pages, then lay the file over its start: the padding after the
  // file's last byte reads as zeros whether it falls in the file's last page or in the next one.
  void* base = ::mmap(nullptr, length, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (base == MAP_FAILED) return Status::IoError(name + ": cannot map: " + std::strerror(errno));
  if (size > 0 && ::mmap(base, size, PROT_READ, MAP_PRIVATE | MAP_FIXED | (populate ? MAP_POPULATE : 0), fd, 0) ==
                      MAP_FAILED) {
    const int error = errno;
    ::munmap(base, length);
    return Status::IoError(name + ": cannot map: " + std::strerror(error));
  }
  PaddedBuffer buffer;
  buffer.data_ = static_cast<char*>(base);
  buffer.size_ = size;
  buffer.mapped_length_ = length;
  return buffer;
}

void PaddedBuffer::Truncate(size_t size) {
  if (size >= size_ || mapped_length_ != 0 || whole_) return;
  std::memset(data_ + size, 0, kInputPadding);
  size_ = size;
}

namespace {

// Files from this size on are mapped rather than read: below it a read is as cheap and works
// the same everywhere.
constexpr size_t kMapThreshold = 1 << 20;

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

Result<PaddedBuffer> ReadInputFile(const std::filesystem::path& path, bool populate) {
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
  if (static_cast<size_t>(info.st_size) >= kMapThreshold) {
    Result<PaddedBuffer> mapped = PaddedBuffer::Map(fd, static_cast<size_t>(info.st_size), name, populate);
    ::close(fd);  // the mapping stays valid
    return mapped;
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
