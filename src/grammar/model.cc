// Dictionary look-ups and names.
#include "grammar/model.h"

#include <algorithm>

namespace wharf::grammar {

std::string_view ElementTypeName(ElementType type) {
  switch (type) {
    case ElementType::kNumeric: return "N";
    case ElementType::kDecimal: return "R";
    case ElementType::kIdentifier: return "ID";
    case ElementType::kString: return "AN";
    case ElementType::kDate: return "DT";
    case ElementType::kTime: return "TM";
    case ElementType::kBinary: return "B";
    case ElementType::kAlphabetic: return "a";
    case ElementType::kNumber: return "n";
  }
  return "?";
}

uint64_t CodeList::Pack(std::string_view code) {
  uint64_t packed = static_cast<uint64_t>(code.size()) << 56;
  for (size_t i = 0; i < code.size(); ++i) packed |= static_cast<uint64_t>(static_cast<unsigned char>(code[i])) << (8 * i);
  return packed;
}

size_t CodeList::Slot(uint64_t packed) const {
  const size_t mask = table_.size() - 1;
  size_t slot = static_cast<size_t>((packed * 0x9E3779B97F4A7C15ULL) >> 32) & mask;  // Fibonacci hashing
  while (table_[slot] != 0 && table_[slot] != packed) slot = (slot + 1) & mask;
  return slot;
}

bool CodeList::Add(std::string_view code) {
  if (code.empty() || code.size() > kMaxPacked) return long_codes_.emplace(code).second;
  if ((short_count_ + 1) * 2 > table_.size()) {
    std::vector<uint64_t> old = std::move(table_);
    table_.assign(std::max<size_t>(8, old.size() * 2), 0);
    for (uint64_t packed : old) {
      if (packed != 0) table_[Slot(packed)] = packed;
    }
  }
  const uint64_t packed = Pack(code);
  uint64_t& slot = table_[Slot(packed)];
  if (slot == packed) return false;
  slot = packed;
  ++short_count_;
  return true;
}

bool CodeList::Contains(std::string_view code) const {
  if (code.empty() || code.size() > kMaxPacked) return long_codes_.find(code) != long_codes_.end();
  return !table_.empty() && table_[Slot(Pack(code))] != 0;
}

std::string ElementUse::reference() const {
  if (composite != nullptr) return composite->id;
  return element != nullptr ? element->id : std::string();
}

namespace {
template <typename Map>
auto Find(const Map& map, std::string_view id) -> decltype(map.begin()->second.get()) {
  const auto it = map.find(id);
  return it == map.end() ? nullptr : it->second.get();
}
}  // namespace

const ElementDef* Dictionary::FindElement(std::string_view id) const { return Find(elements, id); }
const CompositeDef* Dictionary::FindComposite(std::string_view id) const { return Find(composites, id); }
const SegmentDef* Dictionary::FindSegment(std::string_view id) const { return Find(segments, id); }
const CodeList* Dictionary::FindCodes(std::string_view id) const { return Find(code_lists, id); }
const TransactionSetDef* Dictionary::FindSet(std::string_view id) const {
  if (const TransactionSetDef* set = Find(sets, id)) return set;
  const auto guide = guides_by_set_id.find(id);
  return guide == guides_by_set_id.end() ? nullptr : guide->second;
}

}  // namespace wharf::grammar
