// The wharf command line. RunCli is what main() calls and what the CLI tests call directly;
// it returns the process exit code: 0 success (no errors found), 1 findings (errors in the data),
// 2 usage or I/O error.
#pragma once

#include <iosfwd>
#include <span>
#include <string>

namespace wharf::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitUsage = 2;

int RunCli(std::span<const std::string> args, std::ostream& out, std::ostream& err);

int RunValidate(std::span<const std::string> args, std::ostream& out, std::ostream& err);
int RunTranslate(std::span<const std::string> args, std::ostream& out, std::ostream& err);
int RunAck(std::span<const std::string> args, std::ostream& out, std::ostream& err);
int RunGrammars(std::span<const std::string> args, std::ostream& out, std::ostream& err);
int RunRun(std::span<const std::string> args, std::ostream& out, std::ostream& err);
int RunReplay(std::span<const std::string> args, std::ostream& out, std::ostream& err);
int RunArchive(std::span<const std::string> args, std::ostream& out, std::ostream& err);
int RunPartners(std::span<const std::string> args, std::ostream& out, std::ostream& err);

}  // namespace wharf::cli
