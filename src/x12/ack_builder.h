// Building X12 acknowledgments from validation findings: TA1, 997 and 999.
//
// Contract: BuildAcknowledgment turns one validated interchange (its envelope and findings) into
// the text of one acknowledgment interchange, with the inbound sender and receiver swapped, the
// inbound delimiters, and control numbers taken from the caller's ControlNumberSource. A 997 or
// 999 has one functional group per inbound group (GS01 FA, the inbound group's version) holding
// one set that reports every transaction set (AK2/AK3/AK4/AK5 or AK2/IK3/IK4/IK5) and the group
// (AK9); a TA1 reports the interchange (TA104/TA105) and is added to a 997/999 when the inbound
// ISA14 asks for it or the options force it. Acceptance follows X12: A accepted, E accepted with
// errors noted (only warnings carry codes), R rejected, P (AK9 only) some sets rejected.
#pragma once

#include <cstdint>
#include <string>

#include "x12/reader.h"

namespace wharf::x12 {

enum class AckType : uint8_t { kTa1, k997, k999 };

// Where acknowledgments get their control numbers; the RocksDB store provides one per partner.
class ControlNumberSource {
 public:
  virtual ~ControlNumberSource() = default;
  virtual uint64_t NextInterchange() = 0;  // ISA13, 9 digits
  virtual uint64_t NextGroup() = 0;        // GS06
  virtual uint64_t NextSet() = 0;          // ST02, at least 4 digits
};

// Counts up from a start, each level on its own.
class SequentialControlNumbers : public ControlNumberSource {
 public:
  explicit SequentialControlNumbers(uint64_t start = 1) : interchange_(start), group_(start), set_(start) {}
  uint64_t NextInterchange() override { return interchange_++; }
  uint64_t NextGroup() override { return group_++; }
  uint64_t NextSet() override { return set_++; }

 private:
  uint64_t interchange_, group_, set_;
};

struct AckOptions {
  AckType type = AckType::k997;
  ControlNumberSource* control_numbers = nullptr;
  std::string date;  // CCYYMMDD of the acknowledgment
  std::string time;  // HHMM
  bool force_ta1 = false;              // add a TA1 even when ISA14 does not ask for one
  bool never_ta1 = false;              // no TA1 even when ISA14 asks (a partner agreement says so)
  bool include_accepted_sets = true;   // AK2 for every set, not only for sets with errors
  bool line_break_after_segment = true;
};

std::string BuildAcknowledgment(const Interchange& interchange, const AckOptions& options);

}  // namespace wharf::x12
