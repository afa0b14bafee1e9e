// Resolving parsed grammar files into a Dictionary: two passes, gather then link.
#include "grammar/loader.h"

#include "core/padded_buffer.h"
#include "tokenize/segment_tag.h"

#include <algorithm>
#include <span>

namespace wharf::grammar {
namespace {

struct Where {
  const std::string* file = nullptr;
  uint32_t line = 0;
  std::string str() const { return *file + ":" + std::to_string(line); }
};

// The raw blocks point into the parsed files rather than copy them (a version's files outlive
// its builder): copying every line was a tenth of a load.
template <typename Line>
using Placed = std::pair<const Line*, Where>;

struct RawBlock {  // codes, composite, segment, guide: a header and its lines
  BlockLine header;
  Where where;
  std::vector<std::span<const CodeLine>> codes;  // in the header's file
  std::vector<Placed<UseLine>> uses;
  std::vector<Placed<RuleLine>> rules;
  std::vector<Placed<EditLine>> edits;
};

struct RawNode {
  bool is_loop = false;
  StructureLine segment;
  LoopLine loop;
  Where where;
  std::vector<RawNode> children;
};

struct RawSet {
  BlockLine header;
  Where where;
  RawNode root;
  std::vector<std::pair<CheckLine, Where>> checks;
  std::vector<std::pair<ContextLine, Where>> contexts;
};

std::string Attribute(const BlockLine& header, std::string_view key) {
  for (const auto& [name, value] : header.attributes) {
    if (name == key) return value;
  }
  return {};
}

Usage ToUsage(char usage) {
  switch (usage) {
    case 'M':
    case 'R': return Usage::kMandatory;
    case 'X': return Usage::kConditional;
    case 'N': return Usage::kNotUsed;
    default: return Usage::kOptional;
  }
}

class DictionaryBuilder {
 public:
  DictionaryBuilder(std::string standard, std::string version, std::vector<std::string>& errors) : errors_(errors) {
    dictionary_ = std::make_unique<Dictionary>();
    dictionary_->standard = std::move(standard);
    dictionary_->version = std::move(version);
  }

  void Collect(const GrammarFile& file) {
    std::vector<RawNode*> structure;  // open loops of the set being read
    RawBlock* block = nullptr;
    RawSet* set = nullptr;
    for (const Statement& statement : file.statements) {
      const Where where{&file.path, statement.line};
      std::visit(
          [&](const auto& line) {
            using Line = std::decay_t<decltype(line)>;
            if constexpr (std::is_same_v<Line, ElementLine>) {
              elements_.push_back({&line, where});
            } else if constexpr (std::is_same_v<Line, BlockLine>) {
              if (line.keyword == "set") {
                set = &sets_.emplace_back();
                set->header = line;
                set->where = where;
                set->root.is_loop = true;
                set->root.where = where;
                structure = {&set->root};
              } else {
                block = &blocks_.emplace_back();
                block->header = line;
                block->where = where;
              }
            } else if constexpr (std::is_same_v<Line, EndLine>) {
              if (!structure.empty()) {
                structure.pop_back();
                if (structure.empty()) set = nullptr;
              } else {
                block = nullptr;
              }
            } else if constexpr (std::is_same_v<Line, LoopLine>) {
              if (structure.empty()) return;
              RawNode& node = structure.back()->children.emplace_back();
              node.is_loop = true;
              node.loop = line;
              node.where = where;
              structure.push_back(&node);
            } else if constexpr (std::is_same_v<Line, StructureLine>) {
              if (structure.empty()) return;
              RawNode& node = structure.back()->children.emplace_back();
              node.segment = line;
              node.where = where;
            } else if constexpr (std::is_same_v<Line, CheckLine>) {
              if (set != nullptr) set->checks.emplace_back(line, where);
            } else if constexpr (std::is_same_v<Line, ContextLine>) {
              if (set != nullptr) set->contexts.emplace_back(line, where);
            } else if (block != nullptr) {
              if constexpr (std::is_same_v<Line, CodeRun>) {
                block->codes.push_back(std::span(file.codes).subspan(line.first, line.end - line.first));
              }
              if constexpr (std::is_same_v<Line, UseLine>) block->uses.emplace_back(&line, where);
              if constexpr (std::is_same_v<Line, RuleLine>) block->rules.emplace_back(&line, where);
              if constexpr (std::is_same_v<Line, EditLine>) block->edits.emplace_back(&line, where);
            }
          },
          statement.content);
    }
  }

  std::unique_ptr<Dictionary> Finish() {
    const size_t errors_before = errors_.size();
    for (const RawBlock& block : blocks_) {
      if (block.header.keyword == "codes") BuildCodes(block);
    }
    for (const auto& [line, where] : elements_) BuildElement(*line, where);
    for (const RawBlock& block : blocks_) {
      if (block.header.keyword == "composite") BuildComposite(block);
    }
    for (const RawBlock& block : blocks_) {
      if (block.header.keyword == "segment") BuildSegment(block);
    }
    for (const RawSet& set : sets_) BuildSet(set);
    for (const RawBlock& block : blocks_) {
      if (block.header.keyword == "guide") BuildGuide(block);
    }
    if (errors_.size() != errors_before) return nullptr;
    // Guides change usages, so the indexes derived from them are built last.
    for (auto& [id, segment] : dictionary_->segments) IndexMandatoryElements(*segment);
    for (auto& [id, set] : dictionary_->sets) IndexMandatoryChildren(set->root);
    return std::move(dictionary_);
  }

 private:
  void Error(const Where& where, const std::string& what) { errors_.push_back(where.str() + ": " + what); }

  template <typename Map>
  bool Unique(Map& map, const std::string& id, const Where& where, const char* what) {
    if (map.count(id) == 0) return true;
    Error(where, std::string(what) + " " + id + " is defined twice");
    return false;
  }

  void BuildCodes(const RawBlock& block) {
    if (!Unique(dictionary_->code_lists, block.header.id, block.where, "code list")) return;
    auto list = std::make_unique<CodeList>();
    list->id = block.header.id;
    list->name = block.header.name;
    for (std::span<const CodeLine> run : block.codes) {
      for (const CodeLine& line : run) {
        if (!list->Add(line.code)) Error({block.where.file, line.line}, "code " + line.code + " is listed twice");
      }
    }
    dictionary_->code_lists[list->id] = std::move(list);
  }

  // EDIFACT's formats: a, an or n, then ".." and a maximum length, or a fixed length ("an..35",
  // "n3").
  static bool ReadEdifactFormat(std::string_view format, ElementDef& element) {
    size_t letters = 0;
    while (letters < format.size() && (format[letters] == 'a' || format[letters] == 'n')) ++letters;
    const std::string_view kind = format.substr(0, letters);
    std::string_view length = format.substr(letters);
    const bool up_to = length.substr(0, 2) == "..";
    if (up_to) length.remove_prefix(2);
    if (length.empty() || length.size() > 4 || length.find_first_not_of("0123456789") != std::string_view::npos) {
      return false;
    }
    if (kind == "an") {
      element.type = ElementType::kString;
    } else if (kind == "a") {
      element.type = ElementType::kAlphabetic;
    } else if (kind == "n") {
      element.type = ElementType::kNumber;
    } else {
      return false;
    }
    element.max_length = static_cast<uint32_t>(std::stoul(std::string(length)));
    element.min_length = up_to ? 1 : element.max_length;
    return element.max_length > 0;
  }

  void BuildElement(const ElementLine& line, const Where& where) {
    if (!Unique(dictionary_->elements, line.id, where, "element")) return;
    auto element = std::make_unique<ElementDef>();
    element->id = line.id;
    element->name = line.name;
    const std::string& type = line.type;
    if (type == "N" || (type.size() == 2 && type[0] == 'N' && type[1] >= '0' && type[1] <= '9')) {
      element->type = ElementType::kNumeric;
      element->decimals = type.size() == 2 ? static_cast<uint8_t>(type[1] - '0') : 0;
    } else if (type == "R") {
      element->type = ElementType::kDecimal;
    } else if (type == "ID") {
      element->type = ElementType::kIdentifier;
    } else if (type == "AN") {
      element->type = ElementType::kString;
    } else if (type == "DT") {
      element->type = ElementType::kDate;
    } else if (type == "TM") {
      element->type = ElementType::kTime;
    } else if (type == "B") {
      element->type = ElementType::kBinary;
    } else if (ReadEdifactFormat(type, *element)) {
      if (line.max_length != 0) {
        Error(where, "element " + line.id + ": an EDIFACT format such as '" + type + "' carries its length; drop " +
                         std::to_string(line.min_length) + "/" + std::to_string(line.max_length));
        return;
      }
      element->codes = dictionary_->FindCodes(line.id);
      dictionary_->elements[element->id] = std::move(element);
      return;
    } else {
      Error(where, "element " + line.id + ": unknown type '" + type +
                       "' (N0-N9, R, ID, AN, DT, TM or B with lengths; or an EDIFACT format: a, an or n and a length, "
                       "an..35 or an3)");
      return;
    }
    if (line.min_length > line.max_length || line.max_length == 0) {
      Error(where, "element " + line.id + ": lengths " + std::to_string(line.min_length) + "/" +
                       std::to_string(line.max_length) + " are not min/max");
      return;
    }
    element->min_length = line.min_length;
    element->max_length = line.max_length;
    element->codes = dictionary_->FindCodes(line.id);
    dictionary_->elements[element->id] = std::move(element);
  }

  // A code list narrowed for one use, owned by the dictionary.
  const CodeList* NarrowedCodes(const std::string& owner, const std::vector<std::string>& codes) {
    auto list = std::make_unique<CodeList>();
    list->id = owner;
    for (const std::string& code : codes) list->Add(code);
    const CodeList* result = list.get();
    narrowed_.push_back(std::move(list));
    return result;
  }

  bool BuildUses(const RawBlock& block, bool allow_composites, std::vector<ElementUse>& uses) {
    bool ok = true;
    for (const auto& [placed, where] : block.uses) {
      const UseLine& line = *placed;
      ElementUse use;
      use.position = static_cast<uint8_t>(line.position);
      use.usage = ToUsage(line.usage);
      use.max_repeat = line.max_repeat;
      if (line.position == 0 || line.position > 99) {
        Error(where, "position " + std::to_string(line.position) + " is not 1-99");
        ok = false;
        continue;
      }
      if (!uses.empty() && line.position <= uses.back().position) {
        Error(where, "position " + std::to_string(line.position) + " does not follow " +
                         std::to_string(uses.back().position));
        ok = false;
        continue;
      }
      use.composite = allow_composites ? dictionary_->FindComposite(line.reference) : nullptr;
      use.element = use.composite ? nullptr : dictionary_->FindElement(line.reference);
      if (use.composite == nullptr && use.element == nullptr) {
        Error(where, "unknown " + std::string(allow_composites ? "element or composite " : "element ") + line.reference);
        ok = false;
        continue;
      }
      if (!line.code_list.empty()) {
        use.codes = dictionary_->FindCodes(line.code_list);
        if (use.codes == nullptr || use.composite != nullptr) {
          Error(where, use.composite != nullptr ? "a code list cannot apply to composite " + line.reference
                                                : "unknown code list " + line.code_list);
          ok = false;
          continue;
        }
      } else if (!line.codes.empty()) {
        if (use.composite != nullptr) {
          Error(where, "codes cannot narrow composite " + line.reference);
          ok = false;
          continue;
        }
        use.codes = NarrowedCodes(block.header.id + std::to_string(line.position), line.codes);
      } else if (use.element != nullptr) {
        use.codes = use.element->codes;
      }
      uses.push_back(use);
    }
    return ok;
  }

  bool BuildRules(const RawBlock& block, const std::vector<ElementUse>& uses, std::vector<SyntaxRule>& rules) {
    bool ok = true;
    for (const auto& [line, where] : block.rules) {
      for (const std::string& text : line->rules) {
        SyntaxRule rule;
        rule.text = text;
        rule.kind = text.empty() ? '?' : text[0];
        const bool digits_ok = text.size() >= 5 && (text.size() - 1) % 2 == 0 &&
                               std::all_of(text.begin() + 1, text.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (std::string_view("PRECL").find(rule.kind) == std::string_view::npos || !digits_ok) {
          Error(where, "syntax rule '" + text + "' is not P, R, E, C or L followed by two-digit positions");
          ok = false;
          continue;
        }
        for (size_t i = 1; i < text.size(); i += 2) {
          const auto position = static_cast<uint8_t>((text[i] - '0') * 10 + (text[i + 1] - '0'));
          if (position == 0 || position > 63) {  // no X12 segment comes near; the mask needs it
            Error(where, "syntax rule " + text + ": positions must be 01-63");
            ok = false;
            continue;
          }
          const bool exists = std::any_of(uses.begin(), uses.end(), [&](const ElementUse& u) { return u.position == position; });
          if (!exists) {
            Error(where, "syntax rule " + text + " names position " + std::to_string(position) + ", which " +
                             block.header.id + " does not have");
            ok = false;
          }
          if (rule.positions.empty()) rule.first_mask = uint64_t{1} << position;
          rule.positions.push_back(position);
          rule.position_mask |= uint64_t{1} << position;
        }
        rules.push_back(std::move(rule));
      }
    }
    return ok;
  }

  void BuildComposite(const RawBlock& block) {
    if (!Unique(dictionary_->composites, block.header.id, block.where, "composite")) return;
    auto composite = std::make_unique<CompositeDef>();
    composite->id = block.header.id;
    composite->name = block.header.name;
    if (!BuildUses(block, false, composite->components)) return;
    if (!BuildRules(block, composite->components, composite->rules)) return;
    dictionary_->composites[composite->id] = std::move(composite);
  }

  void BuildSegment(const RawBlock& block) {
    if (!Unique(dictionary_->segments, block.header.id, block.where, "segment")) return;
    auto segment = std::make_unique<SegmentDef>();
    segment->id = block.header.id;
    segment->tag = block.header.id.substr(0, block.header.id.find('@'));
    segment->tag_code = SegmentTagCode(segment->tag);
    dictionary_->tags.insert(segment->tag_code);
    segment->name = block.header.name;
    if (!BuildUses(block, true, segment->elements)) return;
    if (!BuildRules(block, segment->elements, segment->rules)) return;
    dictionary_->segments[segment->id] = std::move(segment);
  }

  bool BuildNode(const RawNode& raw, StructureNode& node) {
    if (!raw.is_loop) {
      node.kind = StructureNode::Kind::kSegment;
      node.position = raw.segment.position;
      node.usage = ToUsage(raw.segment.usage);
      node.max_use = raw.segment.max_use;
      node.segment = dictionary_->FindSegment(raw.segment.segment);
      if (node.segment == nullptr) {
        Error(raw.where, "unknown segment " + raw.segment.segment);
        return false;
      }
      return true;
    }
    node.kind = StructureNode::Kind::kLoop;
    node.loop_id = raw.loop.id;
    node.usage = ToUsage(raw.loop.usage);
    node.max_use = raw.loop.max_repeat;
    node.hierarchical_level = raw.loop.level;
    bool ok = true;
    for (const RawNode& child : raw.children) ok = BuildNode(child, node.children.emplace_back()) && ok;
    if (!ok) return false;
    if (node.children.empty() || node.children.front().kind != StructureNode::Kind::kSegment) {
      Error(raw.where, "loop " + raw.loop.id + " must start with a segment (its trigger)");
      return false;
    }
    node.segment = node.children.front().segment;
    return true;
  }

  void BuildSet(const RawSet& raw) {
    if (!Unique(dictionary_->sets, raw.header.id, raw.where, "transaction set")) return;
    auto set = std::make_unique<TransactionSetDef>();
    set->id = raw.header.id;
    set->set_id = raw.header.id;
    set->name = raw.header.name;
    set->functional_group = Attribute(raw.header, "group");
    set->implementation_reference = Attribute(raw.header, "guide");
    if (!set->implementation_reference.empty()) set->id = set->implementation_reference;
    set->root.kind = StructureNode::Kind::kLoop;
    set->root.usage = Usage::kMandatory;
    set->root.max_use = 1;
    set->root.loop_id = "";
    bool ok = true;
    for (const RawNode& child : raw.root.children) ok = BuildNode(child, set->root.children.emplace_back()) && ok;
    if (!ok) return;
    // A set is enveloped by its header and trailer: ST/SE in X12, UNH/UNT in EDIFACT.
    const bool edifact = dictionary_->standard == "edifact";
    const std::string header = edifact ? "UNH" : "ST", trailer = edifact ? "UNT" : "SE";
    if (set->root.children.empty() || set->root.children.front().segment == nullptr ||
        set->root.children.front().segment->tag != header || set->root.children.back().segment == nullptr ||
        set->root.children.back().segment->tag != trailer) {
      Error(raw.where, std::string(edifact ? "message " : "transaction set ") + raw.header.id + " must begin with " +
                           header + " and end with " + trailer);
      return;
    }
    set->root.segment = set->root.children.front().segment;
    CollectTags(set->root, set->tags);
    for (const auto& [line, where] : raw.checks) ok = BuildCheck(*set, line, where) && ok;
    for (const auto& [line, where] : raw.contexts) {
      uint32_t max_length = 0;
      ok = ResolveElement(*set, line.element, false, "context " + line.element, where, set->business_unit_tag_code,
                          set->business_unit_position, max_length) && ok;
      set->business_unit = line.element;
    }
    if (!ok) return;
    const std::string id = set->id;
    if (!Unique(dictionary_->sets, id, raw.where, "transaction set")) return;
    if (!set->implementation_reference.empty()) dictionary_->guides_by_set_id.emplace(set->set_id, set.get());
    dictionary_->sets[id] = std::move(set);
  }

  static void IndexMandatoryElements(SegmentDef& segment) {
    segment.mandatory_prefix = 0;
    for (size_t i = 0; i < segment.elements.size(); ++i) {
      if (segment.elements[i].usage == Usage::kMandatory) segment.mandatory_prefix = i + 1;
    }
  }

  static void IndexMandatoryChildren(StructureNode& node) {
    if (node.kind != StructureNode::Kind::kLoop) return;
    const size_t count = node.children.size();
    node.next_mandatory.assign(count + 1, static_cast<uint16_t>(count));
    node.child_tags.resize(count);
    for (size_t k = 0; k < count; ++k) node.child_tags[k] = node.children[k].segment->tag_code;
    node.tags_from.assign(count + 1, 0);
    for (size_t k = count; k-- > 0;) {
      node.tags_from[k] = node.tags_from[k + 1] | TagBit(node.child_tags[k]);
      node.next_mandatory[k] = node.children[k].usage == Usage::kMandatory ? static_cast<uint16_t>(k) : node.next_mandatory[k + 1];
      IndexMandatoryChildren(node.children[k]);
    }
  }

  // `check CTT01 count PO1` or `check CTT02 sum PO102`: both ends must be in the set, and the
  // elements numbers.
  bool BuildCheck(TransactionSetDef& set, const CheckLine& line, const Where& where) {
    TotalCheck check;
    check.text = line.target + " " + line.kind + " " + line.source;
    check.kind = line.kind == "sum" ? TotalCheck::Kind::kSum : TotalCheck::Kind::kCount;
    check.target = line.target;
    check.source = line.source;
    const std::string what = "check " + check.text;
    if (!ResolveElement(set, line.target, true, what, where, check.target_tag_code, check.target_position,
                        check.target_max_length)) {
      return false;
    }
    if (check.kind == TotalCheck::Kind::kSum) {
      uint32_t unused = 0;
      if (!ResolveElement(set, line.source, true, what, where, check.source_tag_code, check.source_position, unused)) {
        return false;
      }
    } else {
      const SegmentDef* segment = FindInSet(set.root, line.source);
      if (segment == nullptr) {
        Error(where, what + ": transaction set " + set.id + " has no " + line.source + " segment");
        return false;
      }
      check.source_tag_code = segment->tag_code;
    }
    set.totals.push_back(std::move(check));
    return true;
  }

  // An element reference such as CTT01: a segment of the set and a simple element at that
  // position (a number, when `numeric`). Errors start with `what`.
  bool ResolveElement(const TransactionSetDef& set, const std::string& reference, bool numeric, const std::string& what,
                      const Where& where, uint32_t& tag_code, uint8_t& position, uint32_t& max_length) {
    auto fail = [&](const std::string& why) {
      Error(where, what + ": " + why);
      return false;
    };
    const size_t digits = reference.size() >= 4 ? reference.size() - 2 : std::string::npos;
    if (digits == std::string::npos || reference.find_first_not_of("0123456789", digits) != std::string::npos) {
      return fail("'" + reference + "' is not an element such as CTT01");
    }
    const std::string tag = reference.substr(0, digits);
    const SegmentDef* segment = FindInSet(set.root, tag);
    if (segment == nullptr) return fail("transaction set " + set.id + " has no " + tag + " segment");
    position = static_cast<uint8_t>(std::stoi(reference.substr(digits)));
    const auto use = std::find_if(segment->elements.begin(), segment->elements.end(),
                                  [&](const ElementUse& u) { return u.position == position; });
    if (use == segment->elements.end() || use->element == nullptr) {
      return fail(reference + " is not a simple element of " + tag);
    }
    if (numeric && use->element->type != ElementType::kNumeric && use->element->type != ElementType::kDecimal) {
      return fail(reference + " is not a numeric element of " + tag);
    }
    tag_code = segment->tag_code;
    max_length = use->element->max_length;
    return true;
  }

  // The first segment definition in the set's structure with this tag.
  static const SegmentDef* FindInSet(const StructureNode& node, const std::string& tag) {
    if (node.segment != nullptr && node.segment->tag == tag) return node.segment;
    for (const StructureNode& child : node.children) {
      if (const SegmentDef* found = FindInSet(child, tag)) return found;
    }
    return nullptr;
  }

  static void CollectTags(const StructureNode& node, std::unordered_set<uint32_t>& tags) {
    if (node.segment != nullptr) tags.insert(node.segment->tag_code);
    for (const StructureNode& child : node.children) CollectTags(child, tags);
  }

  // --- guides --------------------------------------------------------------------------------

  // Finds the node a guide path names: "CUR", "N1", "PO1/PID", "N1/N1" (loop then segment).
  StructureNode* FindPath(StructureNode& root, std::string_view path) {
    StructureNode* node = &root;
    while (true) {
      const size_t slash = path.find('/');
      const std::string_view step = path.substr(0, slash);
      StructureNode* next = nullptr;
      for (StructureNode& child : node->children) {
        const bool last = slash == std::string_view::npos;
        if (child.kind == StructureNode::Kind::kLoop && child.loop_id == step && !last) next = &child;
        if (last && ((child.kind == StructureNode::Kind::kLoop && child.loop_id == step) ||
                     (child.kind == StructureNode::Kind::kSegment && child.segment->tag == step))) {
          next = &child;
        }
        if (next != nullptr) break;
      }
      if (next == nullptr || slash == std::string_view::npos) return next;
      node = next;
      path.remove_prefix(slash + 1);
    }
  }

  void BuildGuide(const RawBlock& block) {
    const std::string base_id = Attribute(block.header, "base");
    const TransactionSetDef* base = dictionary_->FindSet(base_id);
    if (base == nullptr) {
      Error(block.where, "guide " + block.header.id + ": unknown base transaction set '" + base_id + "'");
      return;
    }
    if (!Unique(dictionary_->sets, block.header.id, block.where, "transaction set or guide")) return;
    auto guide = std::make_unique<TransactionSetDef>(*base);
    guide->id = block.header.id;
    guide->name = block.header.name;
    guide->implementation_reference = block.header.id;
    bool ok = true;
    for (const auto& [edit, where] : block.edits) ok = ApplyEdit(*guide, *edit, where) && ok;
    if (ok) dictionary_->sets[guide->id] = std::move(guide);
  }

  bool ApplyEdit(TransactionSetDef& guide, const EditLine& edit, const Where& where) {
    if (edit.verb == "codes") return NarrowCodes(guide, edit, where);
    StructureNode* node = FindPath(guide.root, edit.target);
    if (node == nullptr) {
      Error(where, "guide " + guide.id + ": no segment or loop '" + edit.target + "' in " + guide.set_id);
      return false;
    }
    if (edit.verb == "require") node->usage = Usage::kMandatory;
    if (edit.verb == "optional") node->usage = Usage::kOptional;
    if (edit.verb == "exclude") node->usage = Usage::kNotUsed;
    if (edit.verb == "max") {
      if (edit.arguments.size() != 1 || edit.arguments[0].find_first_not_of("0123456789") != std::string::npos) {
        Error(where, "guide " + guide.id + ": 'max " + edit.target + "' needs one number");
        return false;
      }
      node->max_use = static_cast<uint32_t>(std::stoul(edit.arguments[0]));
    }
    return true;
  }

  // `codes BEG02 SA NE` or `codes N1/N101 ST BT`: a variant of the segment with fewer codes.
  bool NarrowCodes(TransactionSetDef& guide, const EditLine& edit, const Where& where) {
    const std::string& target = edit.target;
    if (target.size() < 4 || edit.arguments.empty()) {
      Error(where, "guide " + guide.id + ": 'codes' needs an element such as BEG02 and the codes allowed");
      return false;
    }
    const std::string segment_path = target.substr(0, target.size() - 2);
    const std::string digits = target.substr(target.size() - 2);
    StructureNode* node = FindPath(guide.root, segment_path);
    if (node == nullptr || node->kind != StructureNode::Kind::kSegment ||
        digits.find_first_not_of("0123456789") != std::string::npos) {
      Error(where, "guide " + guide.id + ": no element '" + target + "' in " + guide.set_id);
      return false;
    }
    auto variant = std::make_unique<SegmentDef>(*node->segment);
    variant->id = node->segment->id + "@" + guide.id + "/" + target;
    const auto position = static_cast<uint8_t>(std::stoi(digits));
    auto use = std::find_if(variant->elements.begin(), variant->elements.end(),
                            [&](const ElementUse& u) { return u.position == position; });
    if (use == variant->elements.end() || use->element == nullptr) {
      Error(where, "guide " + guide.id + ": " + target + " is not a simple element of " + node->segment->id);
      return false;
    }
    use->codes = NarrowedCodes(variant->id, edit.arguments);
    node->segment = variant.get();
    dictionary_->segments[variant->id] = std::move(variant);
    return true;
  }

  std::unique_ptr<Dictionary> dictionary_;
  std::vector<std::string>& errors_;
  std::vector<Placed<ElementLine>> elements_;
  std::vector<RawBlock> blocks_;
  std::vector<RawSet> sets_;
  std::vector<std::unique_ptr<CodeList>> narrowed_;

 public:
  std::vector<std::unique_ptr<CodeList>> TakeNarrowed() { return std::move(narrowed_); }
};

}  // namespace

struct GrammarRegistry::Version {
  std::string standard, version;
  std::vector<std::filesystem::path> files;  // its *.grammar files, sorted
  std::once_flag once;
  std::unique_ptr<Dictionary> dictionary;  // set once read, unless it has problems
};

// Moving is for handing a registry over before it is shared (a mutex does not move).
GrammarRegistry::GrammarRegistry() = default;
GrammarRegistry::GrammarRegistry(GrammarRegistry&& other) noexcept
    : versions_(std::move(other.versions_)), errors_(std::move(other.errors_)) {}
GrammarRegistry& GrammarRegistry::operator=(GrammarRegistry&& other) noexcept {
  versions_ = std::move(other.versions_);
  errors_ = std::move(other.errors_);
  return *this;
}
GrammarRegistry::~GrammarRegistry() = default;

const Dictionary* GrammarRegistry::Find(std::string_view standard, std::string_view version) const {
  const auto it = versions_.find(std::string(standard) + "/" + std::string(version));
  if (it == versions_.end()) return nullptr;
  Version& found = *it->second;
  std::call_once(found.once, [&] { Load(found); });
  return found.dictionary.get();
}

std::vector<std::string> GrammarRegistry::versions() const {
  std::vector<std::string> names;
  for (const auto& [name, version] : versions_) {
    if (Find(version->standard, version->version) != nullptr) names.push_back(name);
  }
  return names;
}

std::vector<std::string> GrammarRegistry::errors() const {
  std::lock_guard lock(errors_mutex_);
  return errors_;
}

void GrammarRegistry::Add(std::unique_ptr<Dictionary> dictionary) {
  auto version = std::make_unique<Version>();
  version->standard = dictionary->standard;
  version->version = dictionary->version;
  version->dictionary = std::move(dictionary);
  std::call_once(version->once, [] {});  // nothing to read
  std::string name = version->standard + "/" + version->version;
  versions_[std::move(name)] = std::move(version);
}

void GrammarRegistry::AddError(std::string error) const {
  std::lock_guard lock(errors_mutex_);
  errors_.push_back(std::move(error));
}

void GrammarRegistry::Load(Version& version) const {
  std::vector<GrammarFile> files;
  std::vector<std::string> errors;
  for (const std::filesystem::path& path : version.files) {
    Result<PaddedBuffer> text = ReadInputFile(path);  // read once, not copied through streams
    if (!text.ok()) {
      errors.push_back(text.status().message());
      continue;
    }
    files.push_back(ParseGrammarFile(path.string(), text->view()));
    errors.insert(errors.end(), files.back().errors.begin(), files.back().errors.end());
  }
  std::unique_ptr<Dictionary> dictionary = BuildDictionary(version.standard, version.version, files, errors);
  if (dictionary && errors.empty()) version.dictionary = std::move(dictionary);
  std::lock_guard lock(errors_mutex_);
  errors_.insert(errors_.end(), std::make_move_iterator(errors.begin()), std::make_move_iterator(errors.end()));
}

std::unique_ptr<Dictionary> BuildDictionary(std::string standard, std::string version,
                                            const std::vector<GrammarFile>& files, std::vector<std::string>& errors) {
  DictionaryBuilder builder(std::move(standard), std::move(version), errors);
  for (const GrammarFile& file : files) builder.Collect(file);
  std::unique_ptr<Dictionary> dictionary = builder.Finish();
  if (dictionary) dictionary->narrowed_code_lists = builder.TakeNarrowed();
  return dictionary;
}

GrammarRegistry OpenGrammars(const std::filesystem::path& root) {
  namespace fs = std::filesystem;
  GrammarRegistry registry;
  std::error_code error;
  if (!fs::is_directory(root, error)) {
    registry.AddError(root.string() + ": not a grammar folder");
    return registry;
  }
  for (const auto& standard : fs::directory_iterator(root)) {
    if (!standard.is_directory()) continue;
    for (const auto& folder : fs::directory_iterator(standard.path())) {
      if (!folder.is_directory()) continue;
      auto version = std::make_unique<GrammarRegistry::Version>();
      version->standard = standard.path().filename().string();
      version->version = folder.path().filename().string();
      for (const auto& entry : fs::directory_iterator(folder.path())) {
        if (entry.path().extension() == ".grammar") version->files.push_back(entry.path());
      }
      if (version->files.empty()) continue;
      std::sort(version->files.begin(), version->files.end());
      std::string name = version->standard + "/" + version->version;
      registry.versions_.emplace(std::move(name), std::move(version));
    }
  }
  return registry;
}

GrammarRegistry LoadGrammars(const std::filesystem::path& root) {
  GrammarRegistry registry = OpenGrammars(root);
  registry.versions();  // reads every folder, in name order
  return registry;
}

}  // namespace wharf::grammar
