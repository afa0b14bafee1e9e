// X12 to JSON. The per-segment loop is the hot path: it writes straight into the output string.
#include "translate/x12_json.h"

#include "json/json_text.h"
#include "translate/json_parts.h"
#include "x12/data_types.h"

namespace wharf {
namespace {

void AppendParty(JsonWriter& json, std::string_view key, std::string_view qualifier, std::string_view id) {
  json.Key(key);
  json.BeginObject();
  json.Key("qualifier");
  json.String(qualifier);
  json.Key("id");
  json.String(x12::TrimRight(id));
  json.EndObject();
}

void AppendSet(JsonWriter& json, OutputBuffer& out, const Tape& tape, const x12::TransactionSetEnvelope& set) {
  json.BeginObject();
  json.Key("id");
  json.String(set.id);
  json.Key("control_number");
  json.String(set.control_number);
  if (!set.implementation_reference.empty()) {
    json.Key("implementation_reference");
    json.String(set.implementation_reference);
  }
  json.Key("segments");
  json.RawValue();
  out.push_back('[');
  for (uint32_t i = set.st; i < set.end; ++i) {
    if (i != set.st) out.push_back(',');
    AppendSegmentJson(tape, i, out);
  }
  out.push_back(']');
  json.EndObject();
}

void AppendGroup(JsonWriter& json, OutputBuffer& out, const Tape& tape, const x12::GroupEnvelope& group) {
  json.BeginObject();
  AppendEnvelopeSegment(json, out, "GS", tape, group.gs);
  json.Key("functional_id");
  json.String(group.functional_id);
  json.Key("control_number");
  json.String(group.control_number);
  json.Key("version");
  json.String(group.version);
  json.Key("transaction_sets");
  json.BeginArray();
  for (const x12::TransactionSetEnvelope& set : group.sets) AppendSet(json, out, tape, set);
  json.EndArray();
  AppendEnvelopeSegment(json, out, "GE", tape, group.ge);
  json.EndObject();
}

}  // namespace

void AppendDelimiter(JsonWriter& json, std::string_view key, std::optional<char> delimiter,
                     std::string_view suffix) {
  json.Key(key);
  if (!delimiter) {
    json.Null();
    return;
  }
  std::string text(1, *delimiter);
  text += suffix;
  json.String(text);
}

void AppendSource(JsonWriter& json, std::string_view file, uint64_t offset, uint64_t length, uint32_t ordinal) {
  json.Key("source");
  json.BeginObject();
  json.Key("file");
  json.String(file);
  json.Key("offset");
  json.Number(offset);
  json.Key("length");
  json.Number(length);
  json.Key("interchange");
  json.Number(ordinal);
  json.EndObject();
}

void AppendEnvelopeSegment(JsonWriter& json, OutputBuffer& out, std::string_view key, const Tape& tape, uint32_t index) {
  json.Key(key);
  if (index == kNoTapeSegment) {
    json.Null();
    return;
  }
  json.RawValue();
  AppendSegmentJson(tape, index, out);
}

// Hot path: one reservation per segment, then raw-pointer writes. Value i of the segment runs
// from after inner[i - 1] (the tag from the segment start) to inner[i] (the last one to the
// segment end); inner[i - 1] says which delimiter opened it.
void AppendSegmentJson(const Tape& tape, uint32_t segment_index, OutputBuffer& out) {
  const TapeSegment& segment = tape.segments()[segment_index];
  const char* const bytes = tape.bytes().data();
  const uint32_t* const inner = tape.positions().data() + segment.first_position;
  const uint32_t n = segment.delimiter_count;
  const uint32_t segment_end = segment.offset + segment.length;
  auto begin_of = [&](uint32_t i) { return i == 0 ? segment.offset : inner[i - 1] + 1; };
  auto end_of = [&](uint32_t i) { return i < n ? inner[i] : segment_end; };
  auto lead_of = [&](uint32_t i) { return i > n ? ValueLead::kElement : tape.LeadAt(inner[i - 1]); };

  std::string unescaped;  // only for segments with release characters
  const bool escaped = (segment.flags & kSegmentEscaped) != 0;
  // Each byte becomes at most 6 output bytes; each value adds quotes and at most "],[" or brackets.
  char* o = out.Reserve(6 * size_t{segment.length} + 8 * (size_t{n} + 1) + 32);
  auto write_value = [&](uint32_t i) {
    const uint32_t begin = begin_of(i);
    if (!escaped) {
      o = WriteJsonStringFromPadded(o, bytes + begin, end_of(i) - begin);
      return;
    }
    unescaped.clear();
    AppendUnescaped(std::string_view(bytes + begin, end_of(i) - begin), *tape.delimiters().release, unescaped);
    unescaped.append(16, '\0');  // the padding WriteJsonStringFromPadded reads
    o = WriteJsonStringFromPadded(o, unescaped.data(), unescaped.size() - 16);
  };

  *o++ = '[';
  write_value(0);
  uint32_t i = 1;
  while (i <= n) {
    *o++ = ',';
    const ValueLead next = lead_of(i + 1);
    if (next == ValueLead::kElement) {  // a simple element, by far the most common
      write_value(i++);
      continue;
    }
    uint32_t end = i + 1;
    bool repeated = false;
    for (ValueLead lead = next; lead != ValueLead::kElement; lead = lead_of(++end)) {
      repeated |= lead == ValueLead::kRepetition;
    }
    *o++ = '[';
    if (repeated) *o++ = '[';
    for (uint32_t k = i; k < end; ++k) {
      if (k != i) {
        if (repeated && lead_of(k) == ValueLead::kRepetition) {
          *o++ = ']';
          *o++ = ',';
          *o++ = '[';
        } else {
          *o++ = ',';
        }
      }
      write_value(k);
    }
    if (repeated) *o++ = ']';
    *o++ = ']';
    i = end;
  }
  *o++ = ']';
  out.Commit(o);
}

void AppendInterchangeJson(const x12::Interchange& interchange, std::string_view source_name, OutputBuffer& out) {
  const Tape& tape = interchange.tape;
  const x12::InterchangeEnvelope& envelope = interchange.envelope;
  const x12::IsaHeader& isa = interchange.header;
  JsonWriter json(out);
  json.BeginObject();
  json.Key("standard");
  json.String("X12");
  AppendSource(json, source_name, interchange.file_offset, interchange.file_length, interchange.ordinal);

  const Delimiters& d = isa.delimiters;
  json.Key("delimiters");
  json.BeginObject();
  AppendDelimiter(json, "element", d.element);
  AppendDelimiter(json, "component", d.component);
  AppendDelimiter(json, "repetition", d.repetition);
  AppendDelimiter(json, "segment", d.segment, d.segment_suffix_view());
  json.EndObject();

  AppendEnvelopeSegment(json, out, "ISA", tape, 0);
  json.Key("control_number");
  json.String(envelope.control_number);
  json.Key("version");
  json.String(envelope.version);
  AppendParty(json, "sender", isa.fields[5], isa.fields[6]);
  AppendParty(json, "receiver", isa.fields[7], isa.fields[8]);
  json.Key("date");
  json.String(isa.fields[9]);
  json.Key("time");
  json.String(isa.fields[10]);
  json.Key("usage");
  json.String(isa.fields[15]);
  if (!envelope.service_segments.empty()) {
    json.Key("service_segments");
    json.BeginArray();
    for (uint32_t index : envelope.service_segments) {
      json.RawValue();
      AppendSegmentJson(tape, index, out);
    }
    json.EndArray();
  }
  json.Key("groups");
  json.BeginArray();
  for (const x12::GroupEnvelope& group : envelope.groups) AppendGroup(json, out, tape, group);
  json.EndArray();
  AppendEnvelopeSegment(json, out, "IEA", tape, envelope.iea);
  json.EndObject();
}

}  // namespace wharf
