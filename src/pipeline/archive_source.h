// Reading an archived interchange back as an input, one zstd frame at a time.
//
// Contract: ArchiveSource yields the bytes of one archive entry (listed without its frames) as a
// ByteSource: a joined interchange's parts are fetched from the store and decompressed one after
// another, so that a replay holds one part, not the interchange, and not every interchange it
// replays. The ledger must outlive the source; reading beside the run's own writes is safe.
#pragma once

#include <memory>

#include "pipeline/splitter.h"
#include "store/ledger.h"

namespace wharf::pipeline {

std::unique_ptr<ByteSource> ArchiveSource(const store::Ledger& ledger, store::ArchiveEntry entry);

}  // namespace wharf::pipeline
