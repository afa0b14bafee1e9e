// Loading a partners folder and matching envelopes to partners.
#include <algorithm>
#include <system_error>

#include "partner/partner.h"

namespace wharf::partner {
namespace {

bool SameIdentity(const Identity& a, const Identity& b) {
  return !a.empty() && a.id == b.id && (a.qualifier.empty() || b.qualifier.empty() || a.qualifier == b.qualifier);
}

std::string Describe(const Identity& identity) {
  return identity.qualifier.empty() ? "'" + identity.id + "'" : identity.qualifier + ":'" + identity.id + "'";
}

PartnerMatch Match(const std::vector<Partner>& partners, const Identity& sender, const Identity& receiver,
                   Identity Partner::*them, Identity Partner::*us, std::string_view standard) {
  for (const Partner& partner : partners) {
    if (!SameIdentity(partner.*them, sender)) continue;
    const Identity& ours = partner.*us;
    if (!ours.empty() && !SameIdentity(ours, receiver)) {
      return {nullptr, "interchange from partner '" + partner.id + "' is addressed to " + Describe(receiver) +
                           ", not to us (" + Describe(ours) + ")"};
    }
    return {&partner, {}};
  }
  return {nullptr, "no partner file has the " + std::string(standard) + " sender " + Describe(sender)};
}

}  // namespace

std::string_view TrimTrailingSpaces(std::string_view value) {
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  return value;
}

const Route* Partner::FindRoute(std::string_view document) const {
  for (const Route& route : routes) {
    if (route.document == document) return &route;
  }
  return nullptr;
}

bool Partner::Accepts(std::string_view standard, std::string_view version) const {
  if (versions.empty()) return true;
  return std::any_of(versions.begin(), versions.end(), [&](const std::string& accepted) {
    return accepted.size() == standard.size() + 1 + version.size() && accepted.starts_with(standard) &&
           accepted[standard.size()] == '/' && accepted.ends_with(version);
  });
}

const Partner* PartnerSet::Find(std::string_view id) const {
  for (const Partner& partner : partners_) {
    if (partner.id == id) return &partner;
  }
  return nullptr;
}

PartnerMatch PartnerSet::MatchX12(const Identity& sender, const Identity& receiver) const {
  return Match(partners_, sender, receiver, &Partner::x12, &Partner::x12_us, "X12");
}

PartnerMatch PartnerSet::MatchEdifact(const Identity& sender, const Identity& recipient) const {
  return Match(partners_, sender, recipient, &Partner::edifact, &Partner::edifact_us, "EDIFACT");
}

void PartnerSet::Add(Partner partner) {
  for (const Partner& other : partners_) {
    const bool x12_clash = SameIdentity(other.x12, partner.x12) &&
                           (other.x12_us.empty() || partner.x12_us.empty() || SameIdentity(other.x12_us, partner.x12_us));
    const bool edifact_clash =
        SameIdentity(other.edifact, partner.edifact) &&
        (other.edifact_us.empty() || partner.edifact_us.empty() || SameIdentity(other.edifact_us, partner.edifact_us));
    if (x12_clash || edifact_clash) {
      const Identity& clash = x12_clash ? partner.x12 : partner.edifact;
      problems_.push_back(partner.file.string() + ":1: partner '" + partner.id + "' claims the " +
                          (x12_clash ? "X12" : "EDIFACT") + " identity " + Describe(clash) + " that partner '" +
                          other.id + "' (" + other.file.string() + ") already has");
      return;
    }
  }
  partners_.push_back(std::move(partner));
}

PartnerSet LoadPartners(const std::filesystem::path& dir, const grammar::GrammarRegistry* registry) {
  PartnerSet set;
  std::error_code error;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    if (entry.is_regular_file() && entry.path().extension() == ".toml") files.push_back(entry.path());
  }
  if (error) {
    set.AddProblem(dir.string() + ": cannot read the partners folder: " + error.message());
    return set;
  }
  std::sort(files.begin(), files.end());
  for (const std::filesystem::path& file : files) {
    std::vector<std::string> problems;
    std::optional<Partner> partner = ParsePartnerFile(file, registry, problems);
    for (std::string& problem : problems) set.AddProblem(std::move(problem));
    if (partner) set.Add(std::move(*partner));
  }
  return set;
}

}  // namespace wharf::partner
