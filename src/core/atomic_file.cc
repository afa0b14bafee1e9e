// Temp-file-and-rename output writing.
#include "core/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <algorithm>
#include <functional>
#include <random>
#include <vector>

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

// A hidden temporary beside `target`, so that rename() is atomic, created with mode 0666 so that
// the umask gives the output the permissions any new file would have (mkstemp would force 0600).
// `random` names the temporary; O_EXCL makes a clash harmless (another name is tried).
Result<int> CreateTemporary(const std::filesystem::path& target, std::string& temp_path,
                            const std::function<uint32_t()>& random) {
  for (int attempt = 0; attempt < 16; ++attempt) {
    char suffix[32];
    std::snprintf(suffix, sizeof suffix, ".tmp-%08x", static_cast<unsigned>(random()));
    std::string hidden = ".";
    hidden += target.filename().string();
    hidden += suffix;
    const std::string path = (target.parent_path() / hidden).string();
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) {
      temp_path = path;
      return fd;
    }
    if (errno != EEXIST) break;
  }
  return Status::IoError(target.string() + ": cannot create temporary file: " + std::strerror(errno));
}

// Asks the kernel to start writing the file out now, without waiting: the sync at Publish then
// finds most of the batch on disk already instead of issuing all of it at once.
void StartWriteback(int fd) {
#ifdef __linux__
  ::sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#else
  (void)fd;
#endif
}

bool IsTemporaryName(const std::string& name) {
  const size_t at = name.rfind(".tmp-");
  return name.size() > 1 && name[0] == '.' && at != std::string::npos && name.size() - at == 13 &&
         name.find_first_not_of("0123456789abcdef", at + 5) == std::string::npos;
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
  std::random_device random;
  Result<int> fd = CreateTemporary(target, temp_path_, [&] { return static_cast<uint32_t>(random()); });
  if (!fd.ok()) return fd.status();
  fd_ = *fd;
  return Status::Ok();
}

Status AtomicFileWriter::Append(std::string_view bytes) {
  if (to_stdout_) return WriteAll(STDOUT_FILENO, bytes, "<stdout>");
  if (fd_ < 0) return Status::InvalidArgument(target_.string() + ": output is not open");
  return WriteAll(fd_, bytes, temp_path_);
}

Status AtomicFileWriter::TruncateTo(uint64_t size) {
  if (to_stdout_ || fd_ < 0) return Status::InvalidArgument(target_.string() + ": output cannot be taken back");
  if (::ftruncate(fd_, static_cast<off_t>(size)) != 0 || ::lseek(fd_, static_cast<off_t>(size), SEEK_SET) < 0) {
    return Status::IoError(temp_path_ + ": cannot truncate: " + std::strerror(errno));
  }
  return Status::Ok();
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

// Seeded once: std::random_device costs a system call or more per use, which showed at 4% of a
// run that writes a file per interchange.
AtomicFileBatch::AtomicFileBatch() : names_(std::random_device()()) {}

AtomicFileBatch::~AtomicFileBatch() {
  for (const Staged& staged : staged_) ::unlink(staged.temp.c_str());
}

Result<size_t> AtomicFileBatch::Reserve(const std::filesystem::path& folder) {
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error) return Status::IoError(folder.string() + ": cannot create folder: " + error.message());
  std::string temp;
  Result<int> fd = CreateTemporary(folder / "reserved", temp, [&] { return static_cast<uint32_t>(names_()); });
  if (!fd.ok()) return fd.status();
  // Closed at once: thousands of reservations may be alive, far more than a process may hold
  // open files. Fill opens it again by name, which costs a lookup, not a creation.
  ::close(*fd);
  staged_.push_back({{}, temp, true});
  return staged_.size() - 1;
}

Status AtomicFileBatch::Fill(size_t reservation, const std::filesystem::path& target, std::string_view content) {
  Staged& staged = staged_.at(reservation);
  if (!staged.reserved || target.parent_path() != std::filesystem::path(staged.temp).parent_path()) {
    return Status::InvalidArgument(target.string() + ": not the folder of its reservation");
  }
  const int fd = ::open(staged.temp.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd < 0) return Status::IoError(staged.temp + ": cannot open: " + std::strerror(errno));
  Status written = WriteAll(fd, content, staged.temp);
  StartWriteback(fd);
  ::close(fd);
  staged.reserved = false;
  staged.target = target;
  return written;
}

void AtomicFileBatch::Adopt(AtomicFileBatch& other) {
  staged_.insert(staged_.end(), other.staged_.begin(), other.staged_.end());
  other.staged_.clear();
}

Result<bool> AtomicFileBatch::Retarget(const std::filesystem::path& from, const std::filesystem::path& to) {
  for (Staged& staged : staged_) {
    if (from.empty() || staged.target != from) continue;
    std::error_code error;
    std::filesystem::create_directories(to.parent_path(), error);
    if (error) return Status::IoError(to.parent_path().string() + ": cannot create: " + error.message());
    // A temporary is renamed into place, so it must lie on its target's filesystem: a target
    // folder that is another mount (a share mounted into the home) gets a copy there.
    Result<bool> same = OnSameFilesystem(std::filesystem::path(staged.temp).parent_path(), to.parent_path());
    if (!same.ok()) return same.status();
    if (!*same) {
      if (Status s = MoveTemporary(staged, to); !s.ok()) return s;
    }
    staged.target = to;
    return true;
  }
  return false;
}

Result<bool> AtomicFileBatch::OnSameFilesystem(const std::filesystem::path& a, const std::filesystem::path& b) {
  struct stat first {}, second {};
  if (::stat(a.empty() ? "." : a.c_str(), &first) != 0) return Status::IoError(a.string() + ": cannot stat: " + std::strerror(errno));
  if (::stat(b.empty() ? "." : b.c_str(), &second) != 0) return Status::IoError(b.string() + ": cannot stat: " + std::strerror(errno));
  return first.st_dev == second.st_dev;
}

Status AtomicFileBatch::MoveTemporary(Staged& staged, const std::filesystem::path& to) {
  std::string moved;
  Result<int> out = CreateTemporary(to, moved, [&] { return static_cast<uint32_t>(names_()); });
  if (!out.ok()) return out.status();
  ::close(*out);  // created for its name (O_EXCL); copy_file fills it
  std::error_code error;
  std::filesystem::copy_file(staged.temp, moved, std::filesystem::copy_options::overwrite_existing, error);
  if (error) {
    ::unlink(moved.c_str());
    return Status::IoError(moved + ": cannot copy " + staged.temp + " here: " + error.message());
  }
  ::unlink(staged.temp.c_str());
  staged.temp = std::move(moved);
  return Status::Ok();
}

void AtomicFileBatch::Drop(const std::filesystem::path& target) {
  if (target.empty()) return;
  for (Staged& staged : staged_) {
    if (staged.target == target) {
      // Left in place (emptied), so that reservation numbers stay valid; Publish skips it.
      ::unlink(staged.temp.c_str());
      staged.target.clear();
      return;
    }
  }
}

Status AtomicFileBatch::Stage(const std::filesystem::path& target, std::string_view content) {
  std::error_code error;
  std::filesystem::create_directories(target.parent_path(), error);
  if (error) return Status::IoError(target.parent_path().string() + ": cannot create folder: " + error.message());
  std::string temp;
  Result<int> fd = CreateTemporary(target, temp, [&] { return static_cast<uint32_t>(names_()); });
  if (!fd.ok()) return fd.status();
  Status written = WriteAll(*fd, content, temp);
  StartWriteback(*fd);
  ::close(*fd);
  staged_.push_back({target, temp, false});  // removed by the destructor if never published
  return written;
}

Status AtomicFileBatch::Publish(const std::function<Status()>& before_rename) {
  // Reservations never filled are not outputs.
  std::erase_if(staged_, [](const Staged& staged) {
    if (!staged.target.empty()) return false;
    ::unlink(staged.temp.c_str());
    return true;
  });
  if (staged_.empty()) return Status::Ok();
  // One syncfs() per filesystem the files are on (a folder may be a link to another mount)
  // flushes them all; where it is refused, each file is synced.
  if (!SyncFilesystems(staged_)) {
    for (const Staged& staged : staged_) {
      const int fd = ::open(staged.temp.c_str(), O_RDONLY | O_CLOEXEC);
      const bool ok = fd >= 0 && ::fsync(fd) == 0;
      if (fd >= 0) ::close(fd);
      if (!ok) return Status::IoError(staged.temp + ": cannot sync: " + std::strerror(errno));
    }
  }
  if (before_rename) {
    if (Status s = before_rename(); !s.ok()) return s;
  }
  std::vector<std::filesystem::path> folders;
  for (const Staged& staged : staged_) {
    if (std::rename(staged.temp.c_str(), staged.target.c_str()) != 0) {
      return Status::IoError(staged.target.string() + ": cannot rename into place: " + std::strerror(errno));
    }
    if (std::find(folders.begin(), folders.end(), staged.target.parent_path()) == folders.end()) {
      folders.push_back(staged.target.parent_path());
    }
  }
  staged_.clear();
  for (const std::filesystem::path& folder : folders) {
    if (Status s = SyncDirectory(folder); !s.ok()) return s;
  }
  return Status::Ok();
}

bool AtomicFileBatch::SyncFilesystems(const std::vector<Staged>& staged) {
  std::vector<dev_t> synced;
  std::vector<std::filesystem::path> folders_seen;
  for (const Staged& file : staged) {
    const std::filesystem::path folder = file.target.parent_path();
    if (std::find(folders_seen.begin(), folders_seen.end(), folder) != folders_seen.end()) continue;
    folders_seen.push_back(folder);
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return false;
    struct stat about {};
    bool ok = ::fstat(fd, &about) == 0;
    if (ok && std::find(synced.begin(), synced.end(), about.st_dev) == synced.end()) {
      ok = ::syncfs(fd) == 0;
      synced.push_back(about.st_dev);
    }
    ::close(fd);
    if (!ok) return false;
  }
  return true;
}

void RemoveStaleTemporaries(const std::filesystem::path& root) {
  std::error_code error;
  std::vector<std::filesystem::path> stale;
  for (auto it = std::filesystem::recursive_directory_iterator(root, error);
       !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    if (it->is_regular_file() && IsTemporaryName(it->path().filename().string())) stale.push_back(it->path());
  }
  for (const std::filesystem::path& path : stale) std::filesystem::remove(path, error);
}

Status WriteFileAtomically(const std::filesystem::path& target, std::string_view content) {
  AtomicFileWriter writer;
  if (Status s = writer.Open(target); !s.ok()) return s;
  if (Status s = writer.Append(content); !s.ok()) return s;
  return writer.Commit();
}

}  // namespace wharf
