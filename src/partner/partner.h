// Trading partners: who they are, what we accept from them and how we answer.
//
// Contract: one TOML file per partner (partners/<id>.toml; partners/examples/acme.toml is the
// commented example) parses into one Partner, checked once at load. Every problem is reported
// as "file:line: what" and a file with a problem yields no Partner, so a half-understood
// agreement never processes documents. Secrets are never in a partner file, only references to
// them (an environment variable's name, a key file's path). A PartnerSet is immutable once
// loaded and is read from many threads.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wharf::grammar {
class GrammarRegistry;
}

namespace wharf::partner {

// An envelope identity: X12 ISA05/ISA06 (ISA07/ISA08), EDIFACT UNB S002/S003 0004 and 0007.
struct Identity {
  std::string qualifier;  // X12: 2 characters ("ZZ"); EDIFACT: optional ("14")
  std::string id;         // X12: up to 15 characters, compared without its trailing spaces
  bool empty() const { return id.empty(); }
};

enum class Ta1Policy : uint8_t { kOnRequest, kAlways, kNever };  // on request: when ISA14 is 1
enum class FunctionalAck : uint8_t { k997, k999, kNone };

struct AckPolicy {
  Ta1Policy ta1 = Ta1Policy::kOnRequest;
  FunctionalAck functional = FunctionalAck::k997;
  bool contrl = true;                // answer EDIFACT interchanges with a CONTRL
  bool include_accepted_sets = true;  // AK2 / UCM for accepted sets too, not only for rejected ones
};

struct DuplicatePolicy {
  uint32_t window_days = 90;  // an interchange control number seen again within this is a duplicate
  bool reject = true;         // reject the duplicate (TA1 025 / UCI 26); false: warn and process it
};

struct ControlNumberPolicy {
  bool check_gaps = true;      // report inbound interchange control numbers skipped
  uint64_t outbound_start = 1;  // the first control number of our acknowledgments to this partner
};

// The separators of interchanges we generate for this partner (not of acknowledgments, which
// answer in the inbound's own separators as X12 and ISO 9735 ask).
struct Separators {
  char element = '*';
  char component = ':';
  char repetition = '^';
  char segment = '~';
  bool line_break = true;  // a line feed after every segment terminator
};

enum class OutputFormat : uint8_t { kJson, kNone };

// Which grammar or guide applies to one document type, and where its translation goes.
struct Route {
  std::string document;  // X12 ST01 ("850") or EDIFACT message type ("ORDERS")
  std::string guide;     // an implementation guide's reference, empty for the base grammar
  OutputFormat output = OutputFormat::kJson;
  std::string folder;    // under the partner's folder in the wharf home; default "in/<document>"
  int line = 0;          // where the route is, for messages
};

// Transport settings (used by the SFTP transport); secrets only by reference.
struct Transport {
  std::string kind;  // "" (files handed to `wharf run`) or "sftp"
  std::string host;
  uint16_t port = 22;
  std::string user;
  std::string inbound_dir;
  std::string outbound_dir;
  std::string password_env;  // the name of an environment variable holding the password
  std::string key_file;      // a private key's path
};

struct Partner {
  std::string id;  // the file's stem: "acme"; names the partner's folder and store keys
  std::string name;
  std::filesystem::path file;
  Identity x12;           // their ISA05/ISA06
  Identity x12_us;        // our ISA07/ISA08 in their interchanges (empty: any)
  Identity edifact;       // their UNB S002
  Identity edifact_us;    // our UNB S003 (empty: any)
  std::vector<std::string> versions;  // accepted "x12/004010", "edifact/D96A"; empty: all
  std::vector<Route> routes;
  AckPolicy acks;
  DuplicatePolicy duplicates;
  ControlNumberPolicy control_numbers;
  Separators outbound;
  Transport transport;

  // The route for a document type, or null when the partner has no route for it.
  const Route* FindRoute(std::string_view document) const;
  bool Accepts(std::string_view standard, std::string_view version) const;
};

// Why an interchange has no partner: matched nobody, or matched a partner but is addressed to
// someone else.
struct PartnerMatch {
  const Partner* partner = nullptr;
  std::string problem;  // when partner is null: for the dead-letter note and the finding
};

class PartnerSet {
 public:
  const std::vector<Partner>& partners() const { return partners_; }
  // "file:line: what", one per problem; a file with problems adds no partner.
  const std::vector<std::string>& problems() const { return problems_; }
  const Partner* Find(std::string_view id) const;

  PartnerMatch MatchX12(const Identity& sender, const Identity& receiver) const;
  PartnerMatch MatchEdifact(const Identity& sender, const Identity& recipient) const;

  // Adds a parsed partner, or a problem if its identity is already another partner's.
  void Add(Partner partner);
  void AddProblem(std::string problem) { problems_.push_back(std::move(problem)); }

 private:
  std::vector<Partner> partners_;
  std::vector<std::string> problems_;
};

// Parses one partner file. Problems go to `problems` ("file:line: what"); a route to a
// guide or document the grammars do not have is a problem when `registry` is given.
std::optional<Partner> ParsePartnerFile(const std::filesystem::path& file, const grammar::GrammarRegistry* registry,
                                        std::vector<std::string>& problems);

// Loads every *.toml file directly in `dir` (sorted by name; subfolders such as examples/ are not
// read), checking that no two partners claim the same identity.
PartnerSet LoadPartners(const std::filesystem::path& dir, const grammar::GrammarRegistry* registry);

// ISA05/06 are fixed width: trailing spaces are padding, not part of the identity.
std::string_view TrimTrailingSpaces(std::string_view value);

}  // namespace wharf::partner
