// Positions of segment findings.
#include "diagnostics/segment_finding.h"

namespace wharf {

Finding SegmentFinding(Standard standard, const Tape& tape, const OffsetMap& offsets, Severity severity,
                       AckLevel level, std::string_view code, const SegmentView& segment, size_t element,
                       size_t component, std::string message) {
  Finding f;
  f.severity = severity;
  f.standard = standard;
  f.level = level;
  f.code = std::string(code);
  f.message = std::move(message);
  f.segment_ordinal = segment.index() + 1;
  f.segment_tag = std::string(segment.tag());
  f.element = static_cast<uint16_t>(element);
  f.component = static_cast<uint16_t>(component);
  uint32_t offset = segment.offset();
  if (element > 0) {
    const ElementView e = segment.element(element);
    if (e.present()) {
      offset = static_cast<uint32_t>(segment.value(e.first_value()).data() - tape.bytes().data());
      if (component > 0 && component <= e.component_count()) {  // the component's own column
        offset = static_cast<uint32_t>(e.component(component).data() - tape.bytes().data());
      }
      f.bad_value = std::string(component > 0 ? e.component(component) : e.raw());
    }
  }
  f.file_offset = offsets.ToFile(offset);
  return f;
}

}  // namespace wharf
