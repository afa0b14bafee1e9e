// AtomicFileWriter: an output file that appears whole or not at all.
//
// Contract: bytes go to a temporary file beside the target; Commit() fsyncs it, renames it over
// the target and fsyncs the directory. If Commit() is never called (an error, an exception, a
// crash) the temporary is removed and the target is untouched, so no half-written output is
// ever left behind. The path "-" writes to standard output instead (no atomicity possible).
// Not thread-safe; one writer per output.
#pragma once

#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace wharf {

class AtomicFileWriter {
 public:
  AtomicFileWriter() = default;
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;
  ~AtomicFileWriter();

  Status Open(const std::filesystem::path& target);
  Status Append(std::string_view bytes);
  // Takes back what was appended after the first `size` bytes (not for standard output).
  Status TruncateTo(uint64_t size);
  Status Commit();
  // Removes the temporary file; the target is left as it was.
  void Abandon();

 private:
  std::filesystem::path target_;
  std::string temp_path_;
  int fd_ = -1;
  bool to_stdout_ = false;
};

// Many outputs that appear together: each is written to a temporary beside its target by
// Stage(); Publish() makes all of them durable with one sync per filesystem (rather than one
// fsync per file, which costs a disk flush each), renames them into place and syncs their
// folders.
// Until Publish() returns, every target is either untouched or whole; a crash leaves only hidden
// temporaries (".name.tmp-XXXXXXXX"), which RemoveStaleTemporaries() clears.
class AtomicFileBatch {
 public:
  AtomicFileBatch();
  AtomicFileBatch(const AtomicFileBatch&) = delete;
  AtomicFileBatch& operator=(const AtomicFileBatch&) = delete;
  ~AtomicFileBatch();
  // Creates the target's folder when missing.
  Status Stage(const std::filesystem::path& target, std::string_view content);
  // `before_rename` runs after the files are durable and before the first rename (to make a
  // record of what is about to appear durable too).
  Status Publish(const std::function<Status()>& before_rename = {});
  size_t size() const { return staged_.size(); }
  // Takes over every file `other` staged (staged elsewhere, published here); `other`'s
  // reservations must be filled first.
  void Adopt(AtomicFileBatch& other);
  // Removes the staged file for `target`, if there is one.
  void Drop(const std::filesystem::path& target);
  // Names the staged file for `from` `to` instead (creating its folder; a folder on another
  // filesystem gets a copy of the temporary); false when nothing is staged for `from`.
  Result<bool> Retarget(const std::filesystem::path& from, const std::filesystem::path& to);
  // Creates a temporary in `folder` now, to be filled and named later (by Fill) or dropped (at
  // Publish, if never filled). Creating a file is the expensive part on some filesystems
  // (about 140 us on ext4 without a journal): a reservation lets parallel workers pay it for a
  // file whose content only a serial step can write. Returns the reservation's number.
  Result<size_t> Reserve(const std::filesystem::path& folder);
  Status Fill(size_t reservation, const std::filesystem::path& target, std::string_view content);

 private:
  struct Staged {
    std::filesystem::path target;  // empty: reserved and not filled yet, or dropped
    std::string temp;
    bool reserved = false;  // created by Reserve, not filled yet
  };
  static bool SyncFilesystems(const std::vector<Staged>& staged);
  static Result<bool> OnSameFilesystem(const std::filesystem::path& a, const std::filesystem::path& b);
  // Copies a staged file's temporary to a new one beside `to`, and removes the old one.
  Status MoveTemporary(Staged& staged, const std::filesystem::path& to);

  std::vector<Staged> staged_;
  std::minstd_rand names_;  // temporaries' names
};

// Removes the hidden temporaries an interrupted writer left under `root` (not following links).
void RemoveStaleTemporaries(const std::filesystem::path& root);

// Writes `content` to `target` through an AtomicFileWriter.
Status WriteFileAtomically(const std::filesystem::path& target, std::string_view content);

}  // namespace wharf
