// The acknowledgment options `wharf ack` and `wharf validate --ack` share: type, control numbers,
// date and time, TA1 and accepted-set policy.
#pragma once

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "cli/arguments.h"
#include "cli/file_check.h"
#include "core/status.h"
#include "edifact/contrl_builder.h"
#include "x12/ack_builder.h"

namespace wharf::cli {

// `type_option` is the option that names the type: "--type" for ack, "--ack" for validate.
std::vector<OptionSpec> AckOptionSpecs(const std::string& type_option);
extern const char* const kAckOptionsHelp;

// X12 interchanges are answered with the type asked for (997 when CONTRL is asked), EDIFACT
// interchanges always with CONTRL: one command acknowledges a mixed file.
struct AckSetup {
  x12::AckOptions options;
  edifact::ContrlOptions contrl;
  std::unique_ptr<x12::SequentialControlNumbers> control_numbers;
};

// Appends the acknowledgment of a whole interchange CheckFile hands on (parts are skipped: the
// joined whole that follows them is acknowledged); `path` names the file in warnings.
void AppendAcknowledgment(const CheckedInterchange& checked, const AckSetup& setup, const std::string& path,
                          std::ostream& err, std::string& out);

// Fails with a usage message when an option is malformed.
Result<AckSetup> AckSetupFrom(const Arguments& parsed, const std::string& type_option);

}  // namespace wharf::cli
