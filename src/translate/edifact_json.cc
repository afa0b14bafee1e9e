// EDIFACT to JSON: envelope fields, then each message's segments through AppendSegmentJson.
#include "translate/edifact_json.h"

#include <optional>
#include <string>

#include "json/json_text.h"
#include "translate/json_parts.h"
#include "translate/x12_json.h"

namespace wharf {
namespace {

static_assert(edifact::kNoSegment == kNoTapeSegment);

// Envelope values as data: release characters resolved (the segments' values are resolved by
// AppendSegmentJson).
class Resolver {
 public:
  explicit Resolver(std::optional<char> release) : release_(release) {}
  std::string_view operator()(std::string_view raw) {
    if (!release_ || raw.find(*release_) == std::string_view::npos) return raw;
    scratch_.clear();
    AppendUnescaped(raw, *release_, scratch_);
    return scratch_;
  }

 private:
  std::optional<char> release_;
  std::string scratch_;
};

void AppendParty(JsonWriter& json, Resolver& resolved, std::string_view key, std::string_view id,
                 std::string_view qualifier) {
  json.Key(key);
  json.BeginObject();
  json.Key("id");
  json.String(resolved(id));
  json.Key("qualifier");
  json.String(resolved(qualifier));
  json.EndObject();
}

void AppendMessage(JsonWriter& json, Resolver& resolved, OutputBuffer& out, const Tape& tape,
                   const edifact::MessageEnvelope& message) {
  json.BeginObject();
  json.Key("type");
  json.String(resolved(message.type));
  json.Key("version");
  json.String(resolved(message.version));
  json.Key("release");
  json.String(resolved(message.release));
  json.Key("agency");
  json.String(resolved(message.agency));
  if (!message.association.empty()) {
    json.Key("association");
    json.String(resolved(message.association));
  }
  json.Key("reference");
  json.String(resolved(message.reference));
  json.Key("segments");
  json.RawValue();
  out.push_back('[');
  for (uint32_t i = message.unh; i < message.end; ++i) {
    if (i != message.unh) out.push_back(',');
    AppendSegmentJson(tape, i, out);
  }
  out.push_back(']');
  json.EndObject();
}

void AppendMessages(JsonWriter& json, Resolver& resolved, OutputBuffer& out, const Tape& tape,
                    const edifact::GroupEnvelope& group) {
  json.Key("messages");
  json.BeginArray();
  for (const edifact::MessageEnvelope& message : group.messages) AppendMessage(json, resolved, out, tape, message);
  json.EndArray();
}

}  // namespace

void AppendInterchangeJson(const edifact::Interchange& interchange, std::string_view source_name, OutputBuffer& out) {
  const Tape& tape = interchange.tape;
  const edifact::InterchangeEnvelope& envelope = interchange.envelope;
  JsonWriter json(out);
  Resolver resolved(interchange.service.delimiters.release);
  json.BeginObject();
  json.Key("standard");
  json.String("EDIFACT");
  AppendSource(json, source_name, interchange.file_offset, interchange.file_length, interchange.ordinal);

  const Delimiters& d = interchange.service.delimiters;
  json.Key("delimiters");
  json.BeginObject();
  AppendDelimiter(json, "element", d.element);
  AppendDelimiter(json, "component", d.component);
  AppendDelimiter(json, "repetition", d.repetition);
  AppendDelimiter(json, "segment", d.segment, d.segment_suffix_view());
  AppendDelimiter(json, "release", d.release);
  AppendDelimiter(json, "decimal", interchange.service.decimal_mark);
  json.EndObject();
  json.Key("UNA");
  if (interchange.una.empty()) {
    json.Null();
  } else {
    json.String(interchange.una);
  }

  AppendEnvelopeSegment(json, out, "UNB", tape, 0);
  json.Key("syntax");
  json.BeginObject();
  json.Key("identifier");
  json.String(envelope.syntax.id);
  json.Key("version");
  json.Number(static_cast<uint64_t>(envelope.syntax_version));
  json.EndObject();
  json.Key("control_reference");
  json.String(resolved(envelope.control_reference));
  AppendParty(json, resolved, "sender", envelope.sender, envelope.sender_qualifier);
  AppendParty(json, resolved, "recipient", envelope.recipient, envelope.recipient_qualifier);
  json.Key("date");
  json.String(resolved(envelope.date));
  json.Key("time");
  json.String(resolved(envelope.time));
  if (!envelope.test_indicator.empty()) {
    json.Key("test_indicator");
    json.String(resolved(envelope.test_indicator));
  }
  if (envelope.uses_groups) {
    json.Key("groups");
    json.BeginArray();
    for (const edifact::GroupEnvelope& group : envelope.groups) {
      json.BeginObject();
      AppendEnvelopeSegment(json, out, "UNG", tape, group.ung);
      json.Key("functional_id");
      json.String(resolved(group.functional_id));
      json.Key("reference");
      json.String(resolved(group.reference));
      AppendMessages(json, resolved, out, tape, group);
      AppendEnvelopeSegment(json, out, "UNE", tape, group.une);
      json.EndObject();
    }
    json.EndArray();
  } else if (!envelope.groups.empty()) {
    AppendMessages(json, resolved, out, tape, envelope.groups.front());
  } else {
    json.Key("messages");
    json.BeginArray();
    json.EndArray();
  }
  AppendEnvelopeSegment(json, out, "UNZ", tape, envelope.unz);
  json.EndObject();
}

}  // namespace wharf
