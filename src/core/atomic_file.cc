// Temp-file-and-rename output writing.
#include "core/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>

namespace wharf {
namespace {

Status WriteAll(int fd, std::string_view bytes, const std::string& name) {
  while (!bytes.empty()) {
    ssize_t wrote = ::write(fd, bytes.data(), bytes.size());
    if (wrote < 0) {
      if (errno == EINTR) continue;
      return Status::IoError(name + ": cannot write: " + std::strerror(errno));
    }
    bytes.remove_prefix(static_cast<size_t>(wrote));
  }
  return Status::Ok();
}

Status SyncDirectory(const std::filesystem::path& directory) {
  int fd = ::open(directory.empty() ? "." : directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Status::IoError(directory.string() + ": cannot open directory: " + std::strerror(errno));
  int rc = ::fsync(fd);
  int error = errno;
  ::close(fd);
  if (rc != 0) return Status::IoError(directory.string() + ": cannot sync directory: " + std::strerror(error));
  return Status::Ok();
}

}  // namespace

AtomicFileWriter::~AtomicFileWriter() { Abandon(); }

Status AtomicFileWriter::Open(const std::filesystem::path& target) {
  Abandon();
  target_ = target;
  if (target == "-") {
    to_stdout_ = true;
    return Status::Ok();
  }
  std::filesystem::path directory = target.parent_path();
  // Hidden, beside the target so that rename() is atomic, and created with mode 0666 so that the
  // umask gives the output the permissions any new file would have (mkstemp would force 0600).
  std::random_device random;
  for (int attempt = 0; attempt < 16; ++attempt) {
    char suffix[32];
    std::snprintf(suffix, sizeof suffix, ".tmp-%08x", static_cast<unsigned>(random()));
    std::string hidden = ".";
    hidden += target.filename().string();
    hidden += suffix;
    const std::string path = (directory / hidden).string();
    fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd_ >= 0) {
      temp_path_ = path;
      return Status::Ok();
    }
    if (errno != EEXIST) break;
  }
  return Status::IoError(target.string() + ": cannot create temporary file: " + std::strerror(errno));
}

Status AtomicFileWriter::Append(std::string_view bytes) {
  if (to_stdout_) return WriteAll(STDOUT_FILENO, bytes, "<stdout>");
  if (fd_ < 0) return Status::InvalidArgument(target_.string() + ": output is not open");
  return WriteAll(fd_, bytes, temp_path_);
}

Status AtomicFileWriter::Commit() {
  if (to_stdout_) {
    to_stdout_ = false;
    return Status::Ok();
  }
  if (fd_ < 0) return Status::InvalidArgument(target_.string() + ": output is not open");
  if (::fsync(fd_) != 0) {
    Status failed = Status::IoError(temp_path_ + ": cannot sync: " + std::strerror(errno));
    Abandon();
    return failed;
  }
  ::close(fd_);
  fd_ = -1;
  if (std::rename(temp_path_.c_str(), target_.c_str()) != 0) {
    Status failed = Status::IoError(target_.string() + ": cannot rename into place: " + std::strerror(errno));
    Abandon();
    return failed;
  }
  temp_path_.clear();
  return SyncDirectory(target_.parent_path());
}

void AtomicFileWriter::Abandon() {
  if (fd_ >= 0) {
    ::close(fd_);
    fd_ = -1;
  }
  if (!temp_path_.empty()) {
    ::unlink(temp_path_.c_str());
    temp_path_.clear();
  }
  to_stdout_ = false;
}

Status WriteFileAtomically(const std::filesystem::path& target, std::string_view content) {
  AtomicFileWriter writer;
  if (Status s = writer.Open(target); !s.ok()) return s;
  if (Status s = writer.Append(content); !s.ok()) return s;
  return writer.Commit();
}

}  // namespace wharf
