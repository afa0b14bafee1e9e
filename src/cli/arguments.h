// Command-line argument parsing for wharf's subcommands: flags, options with values, operands.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

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

}  // namespace wharf::cli
