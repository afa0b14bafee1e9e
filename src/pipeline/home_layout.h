// Where `wharf run` puts things in a wharf home. Names are deterministic: a rerun over the same
// input writes the same names, so an interrupted run's files are overwritten, never doubled.
//
//   store/                                                   the ledger (RocksDB)
//   partners/<id>/<route folder>/<control>.<input>-<offset>.json  translations
//   partners/<id>/rejected/<control>.<input>-<offset>.json   translations of interchanges with errors
//   partners/<id>/acks/<type>-<control>.edi                  acknowledgments to send
//   partners/<id>/reports/<control>.<input>-<offset>.txt     findings
//   partners/<id>/resend/<type>-<control>.edi                sent interchanges replayed
//   dead-letter/<input file>.<input>-<offset>.edi (+ .txt)   interchanges no partner claims
//   reports/<input file>.<input>-<offset>.txt                findings outside interchanges
// where <input> is the first 12 hex digits of the input's content digest and <offset> the byte
// of the input where the interchange (or the piece) starts.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace wharf::pipeline {

// Control numbers and file names come from the data: only letters, digits, '-', '_' and
// (not leading) '.' go into a file name; anything else becomes '_'.
std::string FileSafe(std::string_view text);

// "<control>.<input tag>-<offset>"
std::string ItemName(std::string_view control, std::string_view input_tag, uint64_t offset);

// "0002": a part of an interchange too large for one piece, in its files' names.
std::string PartNumber(uint32_t part);

// The first 12 digits of an input digest.
inline std::string InputTag(std::string_view digest) { return std::string(digest.substr(0, 12)); }

inline std::filesystem::path PartnerFolder(const std::filesystem::path& home, std::string_view partner) {
  return home / "partners" / std::string(partner);
}

}  // namespace wharf::pipeline
