// The compiled grammar of a standard version: data elements, composites, segments, code lists
// and transaction set structures, as the validator walks them.
//
// Contract: a Dictionary is built once by the loader (grammar/loader.h) from the files under
// grammars/ and is then immutable; every pointer in it stays valid for the Dictionary's lifetime,
// and it may be read from any number of threads at once.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace wharf::grammar {

// Simple data element types. X12 (X12.6): N0..N9 numeric with implied decimals, R decimal, ID
// identifier (from a code list), AN string, DT date, TM time, B binary. EDIFACT (ISO 9735): an
// is a string (kString), a alphabetic (no digits), n numeric (kNumber: a decimal number whose mark
// may be '.' or ',').
enum class ElementType : uint8_t { kNumeric, kDecimal, kIdentifier, kString, kDate, kTime, kBinary, kAlphabetic, kNumber };

std::string_view ElementTypeName(ElementType type);

// M mandatory, O optional, X conditional (a syntax rule decides). Implementation guides add
// R required, S situational and N not used; R reads as M and S as O for base validation.
enum class Usage : uint8_t { kMandatory, kOptional, kConditional, kNotUsed };

// Hashes strings and string_views alike, so look-ups by string_view allocate nothing.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

// The codes an ID element allows. Validation asks Contains() for nearly every ID value, so codes
// of up to 7 bytes (nearly all) live packed, with their length, in a small open-addressing
// table: a look-up is a multiply and a probe or two, with no string hashing or comparison.
class CodeList {
 public:
  std::string id;  // usually the data element number
  std::string name;

  bool Add(std::string_view code);  // false if it is already listed
  bool Contains(std::string_view code) const;
  size_t size() const { return short_count_ + long_codes_.size(); }

 private:
  static constexpr size_t kMaxPacked = 7;
  static uint64_t Pack(std::string_view code);  // bytes, and the length in the top byte
  size_t Slot(uint64_t packed) const;           // where it is, or the empty slot it would take

  std::vector<uint64_t> table_;  // a power of two in size, at most half full; 0 marks empty
  size_t short_count_ = 0;
  std::unordered_set<std::string, StringHash, std::equal_to<>> long_codes_;
};

struct ElementDef {
  std::string id;  // data element reference number, "143"
  std::string name;
  ElementType type = ElementType::kString;
  uint8_t decimals = 0;  // N2 has 2 implied decimals
  uint32_t min_length = 1;
  uint32_t max_length = 1;
  const CodeList* codes = nullptr;  // ID elements: the values allowed (null: any)
};

// Relational conditions between the elements of a segment or composite (X12.6 syntax notes):
// P paired, R required (at least one), E exclusion (at most one), C conditional (if the first,
// then all others), L list conditional (if the first, then at least one other).
struct SyntaxRule {
  char kind = 'P';
  std::vector<uint8_t> positions;  // 1-based, in the rule's order
  uint64_t position_mask = 0;      // bit p for each position p (positions are 1-63)
  uint64_t first_mask = 0;         // the bit of the first position (what C and L depend on)
  std::string text;                // as written, "P0102"
};

struct CompositeDef;

// One position of a segment (an element or a composite) or of a composite (a component).
struct ElementUse {
  uint8_t position = 0;  // 1-based
  const ElementDef* element = nullptr;
  const CompositeDef* composite = nullptr;  // set instead of `element` for composites
  Usage usage = Usage::kOptional;
  uint32_t max_repeat = 1;
  const CodeList* codes = nullptr;  // narrowed by a guide; else the element's own list
  std::string reference() const;    // "143" or "C001"
};

struct CompositeDef {
  std::string id;  // "C001"
  std::string name;
  std::vector<ElementUse> components;
  std::vector<SyntaxRule> rules;
};

struct SegmentDef {
  std::string id;   // "BEG", or a guide's variant "NM1@1000A"
  std::string tag;  // what the data says: "BEG", "NM1"
  uint32_t tag_code = 0;  // SegmentTagCode(tag), for fast matching
  std::string name;
  std::vector<ElementUse> elements;
  std::vector<SyntaxRule> rules;
  // elements[0, mandatory_prefix) holds every mandatory element: past it, and past the last
  // element the data has, there is nothing to check.
  size_t mandatory_prefix = 0;
};

// A transaction set's structure: segments and loops in order. The first child of a loop is its
// trigger segment: it starts each repetition of the loop.
struct StructureNode {
  enum class Kind : uint8_t { kSegment, kLoop } kind = Kind::kSegment;
  std::string position;  // "010" as in the standard's table
  const SegmentDef* segment = nullptr;  // the segment, or a loop's trigger segment
  std::string loop_id;                  // loops: "N1", "PO1", "2000A"
  Usage usage = Usage::kOptional;
  uint32_t max_use = 1;  // segment max use or loop max repeat; 0 means unbounded (">1")
  std::vector<StructureNode> children;  // loops only
  // Guides may pin a hierarchical loop to an HL03 level code ("20", "22").
  std::string hierarchical_level;
  // Loops: next_mandatory[k] is the first mandatory child at or after k (children.size() if
  // none; one entry past the end too), so skipping over optional children costs nothing.
  std::vector<uint16_t> next_mandatory;
  // Loops: the tag code of each child's segment, in one dense array, so that finding where a
  // segment belongs scans 4 bytes per child rather than chasing a pointer per child.
  std::vector<uint32_t> child_tags;
  // Loops: tags_from[k] has TagBit(tag) set for the tag of each child k and after (one entry
  // past the end too): a segment that belongs to an enclosing loop skips this one in one test.
  std::vector<uint64_t> tags_from;
};

// One of 64 bits for a segment tag code, for StructureNode::tags_from (a multiplicative hash:
// the codes' low bits are the tags' first letters, which many tags share).
inline uint64_t TagBit(uint32_t tag_code) {
  return uint64_t{1} << ((uint64_t{tag_code} * 0x9E3779B97F4A7C15ULL) >> 58);
}

// A level 3 (SNIP 3) check the grammar states: an element that counts segments or totals an
// element across the set, such as CTT01 (the number of PO1 segments) and CTT02 (the hash total
// of every PO102).
struct TotalCheck {
  enum class Kind : uint8_t { kCount, kSum } kind = Kind::kCount;
  std::string text;  // "CTT01 count PO1", for messages
  std::string target;  // "CTT01"
  uint32_t target_tag_code = 0;
  uint8_t target_position = 0;
  uint32_t target_max_length = 0;  // a hash total keeps this many rightmost digits
  std::string source;  // "PO1" or "PO102"
  uint32_t source_tag_code = 0;
  uint8_t source_position = 0;  // sums: the element totalled
};

struct TransactionSetDef {
  // Every segment tag the structure uses (SegmentTagCode), to tell a segment that does not
  // belong to the set from one that is only out of place.
  std::unordered_set<uint32_t> tags;
  std::string id;  // "850", or a guide id such as "005010X222A1"
  std::string set_id;  // ST01 it validates: "850"
  std::string name;
  std::string functional_group;  // GS01, "PO"
  std::string implementation_reference;  // ST03 / GS08 guide id, for guides
  StructureNode root;  // a loop holding the whole set, ST first and SE last
  std::vector<TotalCheck> totals;
  // The element that names a business unit (an 837's claim: CLM01): findings in the loop its
  // segment opens are reported in a 999 with CTX*CLM01:value. Empty: none.
  std::string business_unit;
  uint32_t business_unit_tag_code = 0;
  uint8_t business_unit_position = 0;
};

// Everything of one version of one standard ("x12/004010").
class Dictionary {
 public:
  std::string standard;  // "x12"
  std::string version;   // "004010"

  const ElementDef* FindElement(std::string_view id) const;
  const CompositeDef* FindComposite(std::string_view id) const;
  const SegmentDef* FindSegment(std::string_view id) const;
  const CodeList* FindCodes(std::string_view id) const;
  // A transaction set by ST01, or an implementation guide by its reference (ST03/GS08). A set
  // id with no base grammar finds the first guide loaded for it.
  const TransactionSetDef* FindSet(std::string_view id) const;

  std::map<std::string, std::unique_ptr<ElementDef>, std::less<>> elements;
  std::map<std::string, std::unique_ptr<CompositeDef>, std::less<>> composites;
  std::map<std::string, std::unique_ptr<SegmentDef>, std::less<>> segments;
  std::map<std::string, std::unique_ptr<CodeList>, std::less<>> code_lists;
  std::map<std::string, std::unique_ptr<TransactionSetDef>, std::less<>> sets;
  std::map<std::string, const TransactionSetDef*, std::less<>> guides_by_set_id;  // the fallbacks above
  // Code lists narrowed for one element use (by a segment variant or a guide).
  std::vector<std::unique_ptr<CodeList>> narrowed_code_lists;
  // Every segment tag the dictionary defines (SegmentTagCode), variants included.
  std::unordered_set<uint32_t> tags;
};

}  // namespace wharf::grammar
