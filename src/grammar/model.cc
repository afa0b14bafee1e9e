// Dictionary look-ups and names.
#include "grammar/model.h"

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
  }
  return "?";
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
