// The mutations the robustness tests put real files through: truncation anywhere, a few bytes
// overwritten with interesting ones (delimiters, digits, tags), two files spliced at random
// points, random bytes inside.
#pragma once

#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace wharf::testing {

inline constexpr int kMutationKinds = 4;

inline std::string Mutate(std::string bytes, int kind, const std::vector<std::string>& seeds,
                          std::string_view interesting, std::mt19937& random) {
  switch (kind) {
    case 0:  // truncate anywhere
      bytes.resize(bytes.empty() ? 0 : random() % bytes.size());
      break;
    case 1:  // overwrite a few bytes with delimiters, digits, tags
      for (int k = 0; k < 4 && !bytes.empty(); ++k) bytes[random() % bytes.size()] = interesting[random() % interesting.size()];
      break;
    case 2: {  // splice two files at random points
      const std::string& other = seeds[random() % seeds.size()];
      bytes = bytes.substr(0, bytes.empty() ? 0 : random() % bytes.size()) +
              other.substr(other.empty() ? 0 : random() % other.size());
      break;
    }
    default:  // random bytes inside
      for (int k = 0; k < 8 && !bytes.empty(); ++k) bytes[random() % bytes.size()] = static_cast<char>(random());
      break;
  }
  return bytes;
}

}  // namespace wharf::testing
