// Reading one partner file with toml++ (header-only, exceptions off; the only translation unit
// that includes it, so its templates are compiled once).
#define TOML_EXCEPTIONS 0
#define TOML_HEADER_ONLY 1
#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <set>

#include "grammar/loader.h"
#include "partner/partner.h"

namespace wharf::partner {
namespace {

// Collects problems with the file's name and the line of the node at fault.
class Problems {
 public:
  Problems(const std::filesystem::path& file, std::vector<std::string>& out) : file_(file.string()), out_(out) {}
  void Add(const toml::node* node, const std::string& what) {
    const uint32_t line = node != nullptr ? node->source().begin.line : 0;
    Add(line, what);
  }
  void Add(uint32_t line, const std::string& what) {
    out_.push_back(file_ + ":" + std::to_string(line == 0 ? 1 : line) + ": " + what);
    ++count_;
  }
  size_t count() const { return count_; }

 private:
  std::string file_;
  std::vector<std::string>& out_;
  size_t count_ = 0;
};

// A table's keys are all known ones; a misspelt key must not be silently ignored.
void CheckKeys(const toml::table& table, std::string_view where, std::initializer_list<std::string_view> known,
               Problems& problems) {
  for (auto&& [key, node] : table) {
    const std::string_view name = key.str();
    if (std::find(known.begin(), known.end(), name) != known.end()) continue;
    const bool secret = name.find("password") != std::string_view::npos || name.find("secret") != std::string_view::npos ||
                        name == "private_key" || name == "passphrase";
    if (secret && name != "password_env") {
      problems.Add(&node, "'" + std::string(name) + "' would put a secret in the partner file: name an environment "
                          "variable with password_env or a key file with key_file instead");
      continue;
    }
    std::string list;
    for (std::string_view k : known) list += (list.empty() ? "" : ", ") + std::string(k);
    problems.Add(&node, "unknown key '" + std::string(name) + "' in " + std::string(where) + " (known: " + list + ")");
  }
}

const toml::table* SubTable(const toml::table& table, std::string_view key, Problems& problems) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return nullptr;
  if (const toml::table* sub = node->as_table()) return sub;
  problems.Add(node, "'" + std::string(key) + "' must be a table ([" + std::string(key) + "])");
  return nullptr;
}

// Reads an optional string; false (with a problem) when the key holds something else.
bool ReadString(const toml::table& table, std::string_view key, std::string& out, Problems& problems) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return true;
  if (std::optional<std::string> value = node->value<std::string>()) {
    out = *value;
    return true;
  }
  problems.Add(node, "'" + std::string(key) + "' must be a string");
  return false;
}

void ReadBool(const toml::table& table, std::string_view key, bool& out, Problems& problems) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return;
  if (std::optional<bool> value = node->value<bool>()) {
    out = *value;
  } else {
    problems.Add(node, "'" + std::string(key) + "' must be true or false");
  }
}

void ReadCount(const toml::table& table, std::string_view key, uint64_t max, uint64_t& out, Problems& problems) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return;
  std::optional<int64_t> value = node->is_integer() ? node->value<int64_t>() : std::nullopt;
  if (value && *value >= 0 && static_cast<uint64_t>(*value) <= max) {
    out = static_cast<uint64_t>(*value);
  } else {
    problems.Add(node, "'" + std::string(key) + "' must be a whole number from 0 to " + std::to_string(max));
  }
}

// One of a fixed set of words; returns its index.
template <typename Enum>
void ReadChoice(const toml::table& table, std::string_view key, std::initializer_list<std::string_view> words,
                Enum& out, Problems& problems) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return;
  std::optional<std::string> value = node->value<std::string>();
  for (size_t i = 0; value && i < words.size(); ++i) {
    if (*value == words.begin()[i]) {
      out = static_cast<Enum>(i);
      return;
    }
  }
  std::string list;
  for (std::string_view w : words) list += (list.empty() ? "'" : ", '") + std::string(w) + "'";
  problems.Add(node, "'" + std::string(key) + "' must be one of " + list);
}

bool IsPrintableAscii(std::string_view value) {
  return std::all_of(value.begin(), value.end(), [](char c) { return c >= 0x20 && c <= 0x7E; });
}

// X12 identities: ISA05/07 two characters, ISA06/08 at most 15.
void ReadX12Identity(const toml::table& table, std::string_view qualifier_key, std::string_view id_key,
                     Identity& out, Problems& problems) {
  ReadString(table, qualifier_key, out.qualifier, problems);
  ReadString(table, id_key, out.id, problems);
  out.id = std::string(TrimTrailingSpaces(out.id));
  const toml::node* id_node = table.get(id_key);
  const toml::node* qualifier_node = table.get(qualifier_key);
  if (id_node != nullptr && (out.id.empty() || out.id.size() > 15 || !IsPrintableAscii(out.id))) {
    problems.Add(id_node, "'" + std::string(id_key) + "' must be 1 to 15 printable characters (ISA06/ISA08)");
  }
  if (qualifier_node != nullptr && (out.qualifier.size() != 2 || !IsPrintableAscii(out.qualifier))) {
    problems.Add(qualifier_node, "'" + std::string(qualifier_key) + "' must be 2 characters (ISA05/ISA07, e.g. \"ZZ\")");
  }
  if (id_node != nullptr && qualifier_node == nullptr) {
    problems.Add(id_node, "'" + std::string(id_key) + "' needs its '" + std::string(qualifier_key) + "'");
  }
}

void ReadEdifactIdentity(const toml::table& table, std::string_view qualifier_key, std::string_view id_key,
                         Identity& out, Problems& problems) {
  ReadString(table, qualifier_key, out.qualifier, problems);
  ReadString(table, id_key, out.id, problems);
  const toml::node* id_node = table.get(id_key);
  if (id_node != nullptr && (out.id.empty() || out.id.size() > 35 || !IsPrintableAscii(out.id))) {
    problems.Add(id_node, "'" + std::string(id_key) + "' must be 1 to 35 characters (UNB S002/S003 0004/0010)");
  }
  const toml::node* qualifier_node = table.get(qualifier_key);
  if (qualifier_node != nullptr && (out.qualifier.empty() || out.qualifier.size() > 4)) {
    problems.Add(qualifier_node, "'" + std::string(qualifier_key) + "' must be 1 to 4 characters (UNB 0007)");
  }
}

// "versions" under [x12] or [edifact]: every one must be a grammar wharf has, when it has grammars.
void ReadVersions(const toml::table& table, std::string_view standard, const grammar::GrammarRegistry* registry,
                  Partner& partner, Problems& problems) {
  const toml::node* node = table.get("versions");
  if (node == nullptr) return;
  const toml::array* array = node->as_array();
  if (array == nullptr) {
    problems.Add(node, "'versions' must be a list of strings, e.g. [\"004010\"]");
    return;
  }
  for (const toml::node& item : *array) {
    std::optional<std::string> version = item.value<std::string>();
    if (!version) {
      problems.Add(&item, "'versions' must hold strings");
      continue;
    }
    if (registry != nullptr && registry->Find(standard, *version) == nullptr) {
      problems.Add(&item, "no " + std::string(standard) + " grammar for version '" + *version + "'");
    }
    partner.versions.push_back(std::string(standard) + "/" + *version);
  }
}

void ReadX12(const toml::table& root, const grammar::GrammarRegistry* registry, Partner& partner, Problems& problems) {
  const toml::table* x12 = SubTable(root, "x12", problems);
  if (x12 == nullptr) return;
  CheckKeys(*x12, "[x12]", {"qualifier", "id", "our_qualifier", "our_id", "versions"}, problems);
  ReadX12Identity(*x12, "qualifier", "id", partner.x12, problems);
  ReadX12Identity(*x12, "our_qualifier", "our_id", partner.x12_us, problems);
  if (x12->get("id") == nullptr) problems.Add(x12, "[x12] needs the partner's 'id' (ISA06) and 'qualifier' (ISA05)");
  ReadVersions(*x12, "x12", registry, partner, problems);
}

void ReadEdifact(const toml::table& root, const grammar::GrammarRegistry* registry, Partner& partner,
                 Problems& problems) {
  const toml::table* edifact = SubTable(root, "edifact", problems);
  if (edifact == nullptr) return;
  CheckKeys(*edifact, "[edifact]", {"qualifier", "id", "our_qualifier", "our_id", "versions"}, problems);
  ReadEdifactIdentity(*edifact, "qualifier", "id", partner.edifact, problems);
  ReadEdifactIdentity(*edifact, "our_qualifier", "our_id", partner.edifact_us, problems);
  if (edifact->get("id") == nullptr) problems.Add(edifact, "[edifact] needs the partner's 'id' (UNB S002 0004)");
  ReadVersions(*edifact, "edifact", registry, partner, problems);
}

void ReadAcks(const toml::table& root, Partner& partner, Problems& problems) {
  const toml::table* acks = SubTable(root, "acknowledgments", problems);
  if (acks == nullptr) return;
  CheckKeys(*acks, "[acknowledgments]", {"ta1", "functional", "contrl", "accepted_sets"}, problems);
  ReadChoice(*acks, "ta1", {"on-request", "always", "never"}, partner.acks.ta1, problems);
  ReadChoice(*acks, "functional", {"997", "999", "none"}, partner.acks.functional, problems);
  ReadBool(*acks, "contrl", partner.acks.contrl, problems);
  ReadBool(*acks, "accepted_sets", partner.acks.include_accepted_sets, problems);
}

void ReadDuplicates(const toml::table& root, Partner& partner, Problems& problems) {
  const toml::table* duplicates = SubTable(root, "duplicates", problems);
  if (duplicates == nullptr) return;
  CheckKeys(*duplicates, "[duplicates]", {"window_days", "action"}, problems);
  uint64_t days = partner.duplicates.window_days;
  ReadCount(*duplicates, "window_days", 36500, days, problems);
  partner.duplicates.window_days = static_cast<uint32_t>(days);
  enum class Action : uint8_t { kReject, kWarn } action = Action::kReject;
  ReadChoice(*duplicates, "action", {"reject", "warn"}, action, problems);
  partner.duplicates.reject = action == Action::kReject;
}

void ReadControlNumbers(const toml::table& root, Partner& partner, Problems& problems) {
  const toml::table* numbers = SubTable(root, "control_numbers", problems);
  if (numbers == nullptr) return;
  CheckKeys(*numbers, "[control_numbers]", {"check_gaps", "outbound_start"}, problems);
  ReadBool(*numbers, "check_gaps", partner.control_numbers.check_gaps, problems);
  ReadCount(*numbers, "outbound_start", 999999999, partner.control_numbers.outbound_start, problems);
  if (partner.control_numbers.outbound_start == 0) {
    problems.Add(numbers->get("outbound_start"), "'outbound_start' must be at least 1");
  }
}

void ReadSeparator(const toml::table& table, std::string_view key, char& out, Problems& problems) {
  std::string value;
  if (!ReadString(table, key, value, problems) || table.get(key) == nullptr) return;
  const unsigned char c = value.size() == 1 ? static_cast<unsigned char>(value[0]) : 0;
  if (c == 0 || std::isalnum(c) || c == ' ') {
    problems.Add(table.get(key), "'" + std::string(key) + "' must be one character that is not a letter, digit or space");
    return;
  }
  out = static_cast<char>(c);
}

void ReadOutbound(const toml::table& root, Partner& partner, Problems& problems) {
  const toml::table* outbound = SubTable(root, "outbound", problems);
  if (outbound == nullptr) return;
  CheckKeys(*outbound, "[outbound]", {"element", "component", "repetition", "segment", "line_break"}, problems);
  Separators& s = partner.outbound;
  ReadSeparator(*outbound, "element", s.element, problems);
  ReadSeparator(*outbound, "component", s.component, problems);
  ReadSeparator(*outbound, "repetition", s.repetition, problems);
  ReadSeparator(*outbound, "segment", s.segment, problems);
  ReadBool(*outbound, "line_break", s.line_break, problems);
  const std::set<char> distinct{s.element, s.component, s.repetition, s.segment};
  if (distinct.size() != 4) problems.Add(outbound, "[outbound] separators must all differ");
}

void ReadTransport(const toml::table& root, Partner& partner, Problems& problems) {
  const toml::table* transport = SubTable(root, "transport", problems);
  if (transport == nullptr) return;
  CheckKeys(*transport, "[transport]",
            {"kind", "host", "port", "user", "inbound_dir", "outbound_dir", "password_env", "key_file"}, problems);
  Transport& t = partner.transport;
  ReadString(*transport, "kind", t.kind, problems);
  if (t.kind != "sftp") problems.Add(transport->get("kind"), "[transport] 'kind' must be \"sftp\"");
  ReadString(*transport, "host", t.host, problems);
  ReadString(*transport, "user", t.user, problems);
  ReadString(*transport, "inbound_dir", t.inbound_dir, problems);
  ReadString(*transport, "outbound_dir", t.outbound_dir, problems);
  ReadString(*transport, "password_env", t.password_env, problems);
  ReadString(*transport, "key_file", t.key_file, problems);
  uint64_t port = t.port;
  ReadCount(*transport, "port", 65535, port, problems);
  t.port = static_cast<uint16_t>(port);
  if (t.host.empty()) problems.Add(transport, "[transport] needs a 'host'");
  if (t.password_env.empty() && t.key_file.empty()) {
    problems.Add(transport, "[transport] needs 'password_env' or 'key_file' to authenticate");
  }
}

// A document must be one the partner's accepted grammars define (any version when none is
// listed); a guide must be loaded in one of them.
void CheckRouteAgainstGrammars(const Route& route, const Partner& partner, const grammar::GrammarRegistry& registry,
                               const toml::node* node, Problems& problems) {
  bool document_found = false;
  bool guide_found = route.guide.empty();
  for (const std::string& name : registry.versions()) {
    if (!partner.versions.empty() &&
        std::find(partner.versions.begin(), partner.versions.end(), name) == partner.versions.end()) {
      continue;
    }
    const size_t slash = name.find('/');
    const grammar::Dictionary* dictionary = registry.Find(name.substr(0, slash), name.substr(slash + 1));
    if (dictionary == nullptr) continue;
    document_found |= dictionary->FindSet(route.document) != nullptr;
    guide_found |= !route.guide.empty() && dictionary->FindSet(route.guide) != nullptr;
  }
  if (!document_found) {
    problems.Add(node, "no grammar defines document '" + route.document + "'" +
                           (partner.versions.empty() ? std::string() : " in the partner's versions"));
  }
  if (!guide_found) problems.Add(node, "no implementation guide '" + route.guide + "' is loaded");
}

void ReadRoutes(const toml::table& root, const grammar::GrammarRegistry* registry, Partner& partner,
                Problems& problems) {
  const toml::node* node = root.get("route");
  if (node == nullptr) return;
  const toml::array* routes = node->as_array();
  if (routes == nullptr) {
    problems.Add(node, "'route' must be an array of tables ([[route]])");
    return;
  }
  for (const toml::node& item : *routes) {
    const toml::table* table = item.as_table();
    if (table == nullptr) {
      problems.Add(&item, "each [[route]] must be a table");
      continue;
    }
    CheckKeys(*table, "[[route]]", {"document", "guide", "output", "folder"}, problems);
    Route route;
    route.line = static_cast<int>(item.source().begin.line);
    ReadString(*table, "document", route.document, problems);
    ReadString(*table, "guide", route.guide, problems);
    ReadString(*table, "folder", route.folder, problems);
    ReadChoice(*table, "output", {"json", "none"}, route.output, problems);
    if (route.document.empty()) {
      problems.Add(&item, "[[route]] needs a 'document' (\"850\", \"ORDERS\")");
      continue;
    }
    if (route.folder.empty()) route.folder = "in/" + route.document;
    const std::filesystem::path folder(route.folder);
    if (folder.is_absolute() || route.folder.find("..") != std::string::npos) {
      problems.Add(table->get("folder"), "'folder' must be a relative path inside the partner's folder");
    }
    if (partner.FindRoute(route.document) != nullptr) {
      problems.Add(&item, "a second [[route]] for document '" + route.document + "'");
    }
    if (registry != nullptr) CheckRouteAgainstGrammars(route, partner, *registry, &item, problems);
    partner.routes.push_back(std::move(route));
  }
}

bool IsPartnerId(std::string_view id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  }) && id[0] != '.';
}

}  // namespace

std::optional<Partner> ParsePartnerFile(const std::filesystem::path& file, const grammar::GrammarRegistry* registry,
                                        std::vector<std::string>& problem_list) {
  Problems problems(file, problem_list);
  toml::parse_result parsed = toml::parse_file(file.string());
  if (!parsed) {
    const toml::parse_error& error = parsed.error();
    problems.Add(error.source().begin.line, "not valid TOML: " + std::string(error.description()));
    return std::nullopt;
  }
  const toml::table& root = parsed.table();
  Partner partner;
  partner.file = file;
  partner.id = file.stem().string();
  if (!IsPartnerId(partner.id)) {
    problems.Add(1, "the file name must be the partner's id: letters, digits, '-', '_' and '.'");
  }
  CheckKeys(root, "the partner file",
            {"name", "x12", "edifact", "acknowledgments", "duplicates", "control_numbers", "outbound", "route",
             "transport"},
            problems);
  ReadString(root, "name", partner.name, problems);
  if (partner.name.empty()) partner.name = partner.id;
  ReadX12(root, registry, partner, problems);
  ReadEdifact(root, registry, partner, problems);
  if (partner.x12.empty() && partner.edifact.empty()) {
    problems.Add(1, "the partner needs an [x12] or an [edifact] identity");
  }
  ReadAcks(root, partner, problems);
  ReadDuplicates(root, partner, problems);
  ReadControlNumbers(root, partner, problems);
  ReadOutbound(root, partner, problems);
  ReadRoutes(root, registry, partner, problems);
  ReadTransport(root, partner, problems);
  if (problems.count() != 0) return std::nullopt;
  return partner;
}

}  // namespace wharf::partner
