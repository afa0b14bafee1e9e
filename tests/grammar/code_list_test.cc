// Code lists: the packed table for short codes and the hash set for long ones agree with a
// plain std::set on membership, through growth, duplicates and look-alike values.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "grammar/model.h"

namespace wharf::grammar {
namespace {

TEST(CodeList, MembershipMatchesAPlainSet) {
  CodeList list;
  std::set<std::string> reference;
  // 1-9 byte codes, enough of them to grow the table several times.
  for (int i = 0; i < 600; ++i) {
    std::string code = std::to_string(i * 7919 % 100000);
    code += std::string(static_cast<size_t>(i % 5), 'Z');
    EXPECT_EQ(list.Add(code), reference.insert(code).second) << code;
  }
  EXPECT_EQ(list.size(), reference.size());
  for (int i = 0; i < 200000; i += 3) {
    for (const std::string& probe : {std::to_string(i), std::to_string(i) + "Z", std::to_string(i) + "ZZZZ"}) {
      EXPECT_EQ(list.Contains(probe), reference.count(probe) == 1) << probe;
    }
  }
}

TEST(CodeList, LengthIsPartOfTheCode) {
  CodeList list;
  EXPECT_TRUE(list.Add("A"));
  EXPECT_FALSE(list.Add("A"));
  EXPECT_TRUE(list.Add("LONGCODE9"));
  EXPECT_TRUE(list.Contains("A"));
  EXPECT_TRUE(list.Contains("LONGCODE9"));
  EXPECT_FALSE(list.Contains(std::string_view("A\0", 2)));  // a NUL byte does not pad "A"
  EXPECT_FALSE(list.Contains(std::string_view("\0A", 2)));
  EXPECT_FALSE(list.Contains("AA"));
  EXPECT_FALSE(list.Contains(""));
  EXPECT_FALSE(CodeList().Contains("A"));
}

}  // namespace
}  // namespace wharf::grammar
