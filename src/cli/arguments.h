// Command-line argument parsing for wharf's subcommands: flags, options with values, operands.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"

namespace wharf::cli {

struct OptionSpec {
  std::string name;         // "--to"
  std::string short_name;   // "-o", or empty
  bool takes_value = false;
};

struct Arguments {
  std::vector<std::string> operands;
  std::map<std::string, std::string> values;  // by long name
  std::set<std::string> flags;                // by long name
  std::string error;                          // set when the arguments are unusable

  bool has(const std::string& flag) const { return flags.count(flag) != 0; }
  std::optional<std::string> value(const std::string& name) const;
};

// "--name=value", "--name value", "-o value" and "-" (standard input) as an operand; "--" ends
// the options.
Arguments ParseArguments(std::span<const std::string> args, const std::vector<OptionSpec>& specs);

// A whole number from 1 to `max` for `option`, when it is given.
template <typename Count>
Status ReadCount(const Arguments& parsed, const char* option, uint64_t max, Count& out) {
  const std::optional<std::string> text = parsed.value(option);
  if (!text) return Status::Ok();
  char* end = nullptr;
  const unsigned long long n = std::strtoull(text->c_str(), &end, 10);
  if (text->empty() || (*text)[0] == '-' || *end != '\0' || n < 1 || n > max) {
    return Status::InvalidArgument(std::string(option) + " must be a whole number from 1 to " + std::to_string(max) +
                                   ", not '" + *text + "'");
  }
  out = static_cast<Count>(n);
  return Status::Ok();
}

}  // namespace wharf::cli
