// Acknowledgment option parsing.
#include "cli/ack_options.h"

#include "core/clock.h"

#include <ctime>
#include <ostream>

namespace wharf::cli {
namespace {

std::string Now(const char* format) { return FormatUtc(SystemClock().NowMicros(), format); }

bool AllDigits(const std::string& text, size_t min, size_t max) {
  return text.size() >= min && text.size() <= max && text.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

std::vector<OptionSpec> AckOptionSpecs(const std::string& type_option) {
  return {{type_option, "", true},     {"--control-number", "", true}, {"--date", "", true},
          {"--time", "", true},        {"--ta1", "", false},           {"--errors-only", "", false}};
}

const char* const kAckOptionsHelp =
    "  --control-number N  the first ISA13, GS06 and ST02 (UNB 0020, UNH 0062) to use (default 1)\n"
    "  --date CCYYMMDD     the acknowledgments' date (default: today, UTC)\n"
    "  --time HHMM         their time (default: now, UTC)\n"
    "  --ta1               add a TA1 to every 997 or 999 (one is added anyway when ISA14 is 1)\n"
    "  --errors-only       report only the sets with errors (AK2 loops, UCM of accepted ones left out)\n"
    "  EDIFACT interchanges are always answered with CONTRL, X12 ones with the type asked for (997\n"
    "  when CONTRL is asked), so one run acknowledges a file that mixes both.\n";

namespace {

// The CONTRL for an EDIFACT interchange; when none can be addressed (no sender or recipient in
// UNB), a line on `err` says so and the result is empty.
std::string ContrlOrWarning(const edifact::Interchange& interchange, const edifact::ContrlOptions& options,
                            const std::string& path, std::ostream& err) {
  std::string contrl = edifact::BuildContrl(interchange, options);
  if (contrl.empty()) {
    err << "wharf: " << (path == "-" ? "<stdin>" : path) << ": interchange " << interchange.Label() << " (byte "
        << interchange.file_offset << ") names no sender or no recipient in UNB, so no CONTRL can be addressed to it\n";
  }
  return contrl;
}

}  // namespace

void AppendAcknowledgment(const CheckedInterchange& checked, const AckSetup& setup, const std::string& path,
                          std::ostream& err, std::string& out) {
  if (checked.part != 0) return;
  if (checked.x12 != nullptr) out += x12::BuildAcknowledgment(*checked.x12, setup.options);
  if (checked.edifact != nullptr) out += ContrlOrWarning(*checked.edifact, setup.contrl, path, err);
}

Result<AckSetup> AckSetupFrom(const Arguments& parsed, const std::string& type_option) {
  AckSetup setup;
  const std::string type = parsed.value(type_option).value_or("");
  if (type == "997") {
    setup.options.type = x12::AckType::k997;
  } else if (type == "999") {
    setup.options.type = x12::AckType::k999;
  } else if (type == "TA1" || type == "ta1") {
    setup.options.type = x12::AckType::kTa1;
  } else if (type == "CONTRL" || type == "contrl") {
    setup.options.type = x12::AckType::k997;
  } else {
    return Status::InvalidArgument(type.empty() ? type_option + " is required"
                                                : "unknown " + type_option + " '" + type + "' (997, 999, TA1 or CONTRL)");
  }
  setup.options.date = parsed.value("--date").value_or(Now("%Y%m%d"));
  setup.options.time = parsed.value("--time").value_or(Now("%H%M"));
  if (!AllDigits(setup.options.date, 8, 8)) return Status::InvalidArgument("--date must be CCYYMMDD");
  if (!AllDigits(setup.options.time, 4, 4)) return Status::InvalidArgument("--time must be HHMM");
  uint64_t start = 1;
  if (const auto first = parsed.value("--control-number")) {
    if (!AllDigits(*first, 1, 9)) return Status::InvalidArgument("--control-number must be a number of 1-9 digits");
    start = std::stoull(*first);
  }
  setup.control_numbers = std::make_unique<x12::SequentialControlNumbers>(start);
  setup.options.control_numbers = setup.control_numbers.get();
  setup.options.force_ta1 = parsed.has("--ta1");
  setup.options.include_accepted_sets = !parsed.has("--errors-only");
  setup.contrl.control_numbers = setup.control_numbers.get();
  setup.contrl.date = setup.options.date;
  setup.contrl.time = setup.options.time;
  setup.contrl.include_accepted_messages = setup.options.include_accepted_sets;
  return setup;
}

}  // namespace wharf::cli
