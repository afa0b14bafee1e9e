// Argument parsing.
#include "cli/arguments.h"

namespace wharf::cli {

std::optional<std::string> Arguments::value(const std::string& name) const {
  auto it = values.find(name);
  if (it == values.end()) return std::nullopt;
  return it->second;
}

Arguments ParseArguments(std::span<const std::string> args, const std::vector<OptionSpec>& specs) {
  Arguments parsed;
  bool options_done = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (options_done || arg == "-" || arg.empty() || arg[0] != '-') {
      parsed.operands.push_back(arg);
      continue;
    }
    if (arg == "--") {
      options_done = true;
      continue;
    }
    std::string name = arg;
    std::optional<std::string> inline_value;
    if (auto eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
      name = arg.substr(0, eq);
      inline_value = arg.substr(eq + 1);
    }
    const OptionSpec* spec = nullptr;
    for (const OptionSpec& s : specs) {
      if (s.name == name || (!s.short_name.empty() && s.short_name == name)) spec = &s;
    }
    if (spec == nullptr) {
      parsed.error = "unknown option " + arg;
      return parsed;
    }
    if (!spec->takes_value) {
      if (inline_value) {
        parsed.error = "option " + spec->name + " takes no value";
        return parsed;
      }
      parsed.flags.insert(spec->name);
      continue;
    }
    if (!inline_value) {
      if (i + 1 >= args.size()) {
        parsed.error = "option " + name + " needs a value";
        return parsed;
      }
      inline_value = args[++i];
    }
    parsed.values[spec->name] = *inline_value;
  }
  return parsed;
}

}  // namespace wharf::cli
