// A batch of outputs: nothing appears before Publish, everything after it, dropped files never,
// and a file renamed to another folder (on this filesystem or another one) lands there whole.
#include "core/atomic_file.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <vector>

#include "support/test_files.h"

namespace wharf {
namespace {

namespace fs = std::filesystem;

// Every file under `root` (hidden temporaries included), relative to it, sorted.
std::vector<std::string> FilesUnder(const fs::path& root) {
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file()) files.push_back(fs::relative(entry.path(), root).string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(AtomicFileBatch, PublishesWhatIsStagedAndNothingDropped) {
  testing::ScratchDir dir;
  AtomicFileBatch batch;
  ASSERT_TRUE(batch.Stage(dir / "a/one.json", "{\"one\":1}\n").ok());
  ASSERT_TRUE(batch.Stage(dir / "b/two.json", "2\n").ok());
  ASSERT_TRUE(batch.Stage(dir / "b/gone.json", "x").ok());
  batch.Drop(dir / "b/gone.json");
  EXPECT_FALSE(fs::exists(dir / "a/one.json"));  // not before Publish
  ASSERT_TRUE(batch.Publish().ok());
  EXPECT_EQ(FilesUnder(dir.path()), (std::vector<std::string>{"a/one.json", "b/two.json"}));
  EXPECT_EQ(testing::ReadBytes(dir / "a/one.json"), "{\"one\":1}\n");
}

TEST(AtomicFileBatch, RetargetedFileLandsInItsNewFolderOnly) {
  testing::ScratchDir dir;
  AtomicFileBatch batch;
  ASSERT_TRUE(batch.Stage(dir / "in/orders/x.json", "whole").ok());
  Result<bool> moved = batch.Retarget(dir / "in/orders/x.json", dir / "rejected/x.json");
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  EXPECT_TRUE(*moved);
  Result<bool> nothing = batch.Retarget(dir / "in/orders/none.json", dir / "rejected/none.json");
  ASSERT_TRUE(nothing.ok());
  EXPECT_FALSE(*nothing);
  ASSERT_TRUE(batch.Publish().ok());
  EXPECT_EQ(FilesUnder(dir.path()), (std::vector<std::string>{"rejected/x.json"}));
  EXPECT_EQ(testing::ReadBytes(dir / "rejected/x.json"), "whole");
}

// A route folder may be a share mounted into the home: its temporary cannot be renamed into a
// folder of the home's own filesystem, so it is copied there when the file is retargeted.
TEST(AtomicFileBatch, RetargetedFileCrossesFilesystems) {
  testing::ScratchDir home;
  const fs::path other_root = "/dev/shm";
  struct stat home_info {}, other_info {};
  if (::stat(home.path().c_str(), &home_info) != 0 || ::stat(other_root.c_str(), &other_info) != 0 ||
      home_info.st_dev == other_info.st_dev) {
    GTEST_SKIP() << "needs " << other_root << " on another filesystem than " << home.path();
  }
  testing::ScratchDir share(other_root);
  std::string content(300000, 'x');  // more than one copy buffer
  for (size_t i = 0; i < content.size(); i += 1000) content[i] = static_cast<char>('a' + i % 26);
  AtomicFileBatch batch;
  ASSERT_TRUE(batch.Stage(share / "orders/x.json", content).ok());
  ASSERT_TRUE(batch.Stage(share / "orders/y.json", "stays").ok());
  Result<bool> moved = batch.Retarget(share / "orders/x.json", home / "rejected/x.json");
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  EXPECT_TRUE(*moved);
  // Before Publish: the copy is a hidden temporary beside its target, and the share has none.
  std::vector<std::string> staged = FilesUnder(home.path());
  ASSERT_EQ(staged.size(), 1u);
  EXPECT_EQ(staged[0].rfind("rejected/.x.json.tmp-", 0), 0u) << staged[0];
  ASSERT_EQ(FilesUnder(share.path()).size(), 1u);  // y's temporary only
  Status published = batch.Publish();
  ASSERT_TRUE(published.ok()) << published.ToString();
  EXPECT_EQ(FilesUnder(home.path()), (std::vector<std::string>{"rejected/x.json"}));
  EXPECT_EQ(FilesUnder(share.path()), (std::vector<std::string>{"orders/y.json"}));
  EXPECT_EQ(testing::ReadBytes(home / "rejected/x.json"), content);
}

}  // namespace
}  // namespace wharf
