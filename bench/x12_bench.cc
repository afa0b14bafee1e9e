// Kernels of X12 reading, each reporting bytes/s over the same generated corpus:
// the memchr baseline, stage 1 per kernel, the tokenizer, envelope validation, and JSON output.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "core/padded_buffer.h"
#include "tokenize/tokenizer.h"
#include "translate/x12_json.h"
#include "grammar/loader.h"
#include "x12/grammar_check.h"
#include "x12/isa_header.h"
#include "x12/reader.h"
#include "x12_corpus.h"

namespace wharf::bench {
namespace {

// 16 MiB unless WHARF_BENCH_CORPUS_BYTES says otherwise (the CTest smoke run uses a small one).
size_t CorpusBytes() {
  const char* bytes = std::getenv("WHARF_BENCH_CORPUS_BYTES");
  return bytes != nullptr ? std::strtoull(bytes, nullptr, 10) : size_t{16} << 20;
}

// A benchmark over input with errors would time the error paths: every corpus is checked once.
PaddedBuffer ValidCorpus(const X12CorpusOptions& options) {
  PaddedBuffer corpus = PaddedBuffer::Copy(GenerateX12Corpus(options));
  x12::InterchangeReader reader(corpus.view());
  x12::Interchange interchange;
  while (reader.Next(interchange)) {
    if (!interchange.valid()) {
      std::fprintf(stderr, "generated corpus has an invalid interchange: %s\n", interchange.findings[0].message.c_str());
      std::abort();
    }
  }
  return corpus;
}

// One partner profile ('*' ':' '^' '~' and a newline), so the memchr baseline looks for the very
// terminator the tokenizer sees.
const PaddedBuffer& SingleProfileCorpus() {
  static const PaddedBuffer corpus = [] {
    X12CorpusOptions options;
    options.target_bytes = CorpusBytes();
    options.single_profile = true;
    return ValidCorpus(options);
  }();
  return corpus;
}

// Interchanges from five partner profiles, CR/LF variants and control-character delimiters.
const PaddedBuffer& MixedCorpus() {
  static const PaddedBuffer corpus = [] {
    X12CorpusOptions options;
    options.target_bytes = CorpusBytes();
    return ValidCorpus(options);
  }();
  return corpus;
}

void BM_MemchrSegmentTerminator(benchmark::State& state) {
  const PaddedBuffer& corpus = SingleProfileCorpus();
  for (auto _ : state) {
    size_t segments = 0;
    const char* p = corpus.data();
    const char* end = p + corpus.size();
    while (const void* hit = std::memchr(p, '~', static_cast<size_t>(end - p))) {
      ++segments;
      p = static_cast<const char*>(hit) + 1;
    }
    benchmark::DoNotOptimize(segments);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.size()));
}
BENCHMARK(BM_MemchrSegmentTerminator);

void BM_Stage1Scan(benchmark::State& state) {
  const auto kernel = static_cast<ScanKernel>(state.range(0));
  const PaddedBuffer& corpus = SingleProfileCorpus();
  DelimiterSet set;
  for (char c : std::string("*:^")) set.Add(c);
  set.Add('~', true);
  set.Add('\n', true);
  constexpr size_t kChunk = 1 << 16;
  std::vector<uint32_t> positions(kChunk + 64), specials(kChunk + 64);
  for (auto _ : state) {
    size_t found = 0;
    for (size_t at = 0; at < corpus.size(); at += kChunk) {
      const size_t length = std::min(kChunk, corpus.size() - at);
      found += ScanDelimiters(kernel, set, corpus.data() + at, length, 0, positions.data(), 0, specials.data()).positions;
    }
    benchmark::DoNotOptimize(found);
  }
  state.SetLabel(std::string(ScanKernelName(kernel)));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.size()));
}

// Where each interchange starts, found once outside the timed loop.
std::vector<size_t> InterchangeOffsets(const PaddedBuffer& corpus) {
  std::vector<size_t> offsets;
  x12::InterchangeReader reader(corpus.view());
  x12::Interchange interchange;
  while (reader.Next(interchange)) offsets.push_back(interchange.file_offset);
  return offsets;
}

void BM_Tokenize(benchmark::State& state) {
  const auto kernel = static_cast<ScanKernel>(state.range(0));
  const PaddedBuffer& corpus = SingleProfileCorpus();
  const std::vector<size_t> offsets = InterchangeOffsets(corpus);
  Tokenizer tokenizer(kernel);
  Tape tape;
  TokenizerOptions options;
  options.binary_segments = true;
  options.trailer_tag = "IEA";
  options.header_tags = {"ISA", ""};
  size_t segments = 0;
  for (auto _ : state) {
    segments = 0;
    for (size_t offset : offsets) {
      const std::string_view unit = corpus.view().substr(offset);
      const x12::IsaParse isa = x12::ParseIsaHeader(unit);
      tape.Reset(unit, isa.header.delimiters);
      tokenizer.Run(tape, isa.header.length, options);
      segments += tape.segment_count() + 1;
    }
    benchmark::DoNotOptimize(segments);
  }
  state.SetLabel(std::string(ScanKernelName(kernel)));
  state.counters["segments"] = static_cast<double>(segments);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.size()));
}

void ApplyKernels(benchmark::internal::Benchmark* b) {
  for (ScanKernel kernel : SupportedScanKernels()) b->Arg(static_cast<int>(kernel));
}
BENCHMARK(BM_Stage1Scan)->Apply(ApplyKernels);
BENCHMARK(BM_Tokenize)->Apply(ApplyKernels);

void ReadAndValidate(benchmark::State& state, const PaddedBuffer& corpus) {
  size_t sets = 0;
  for (auto _ : state) {
    x12::InterchangeReader reader(corpus.view());
    x12::Interchange interchange;
    sets = 0;
    while (reader.Next(interchange)) {
      for (const auto& group : interchange.envelope.groups) sets += group.sets.size();
    }
    benchmark::DoNotOptimize(sets);
  }
  state.counters["sets"] = static_cast<double>(sets);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.size()));
}

void BM_ReadAndValidateEnvelope(benchmark::State& state) { ReadAndValidate(state, SingleProfileCorpus()); }
void BM_ReadAndValidateEnvelopeMixedProfiles(benchmark::State& state) { ReadAndValidate(state, MixedCorpus()); }
BENCHMARK(BM_ReadAndValidateEnvelope);
BENCHMARK(BM_ReadAndValidateEnvelopeMixedProfiles);

// Tokenize, envelopes, and every set against its grammar (SNIP 1-2): what `wharf validate` does.
void ValidateWithGrammars(benchmark::State& state, const PaddedBuffer& corpus) {
  static const grammar::GrammarRegistry grammars = grammar::LoadGrammars(WHARF_SOURCE_DIR "/grammars");
  x12::GrammarCheckOptions options;
  options.registry = &grammars;
  size_t findings = 0;
  for (auto _ : state) {
    x12::InterchangeReader reader(corpus.view());
    x12::Interchange interchange;
    findings = 0;
    while (reader.Next(interchange)) {
      x12::CheckGrammars(interchange, options);
      findings += interchange.findings.size();
    }
    benchmark::DoNotOptimize(findings);
  }
  state.counters["findings"] = static_cast<double>(findings);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.size()));
}

void BM_ValidateWithGrammars(benchmark::State& state) { ValidateWithGrammars(state, SingleProfileCorpus()); }
void BM_ValidateWithGrammarsMixedProfiles(benchmark::State& state) { ValidateWithGrammars(state, MixedCorpus()); }
BENCHMARK(BM_ValidateWithGrammars);
BENCHMARK(BM_ValidateWithGrammarsMixedProfiles);

void TranslateToJson(benchmark::State& state, const PaddedBuffer& corpus) {
  OutputBuffer json;
  size_t output = 0;
  for (auto _ : state) {
    x12::InterchangeReader reader(corpus.view());
    x12::Interchange interchange;
    output = 0;
    while (reader.Next(interchange)) {
      json.clear();
      AppendInterchangeJson(interchange, "bench.edi", json);
      output += json.size();
    }
    benchmark::DoNotOptimize(output);
  }
  state.counters["json_bytes"] = static_cast<double>(output);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.size()));
}

void BM_TranslateToJson(benchmark::State& state) { TranslateToJson(state, SingleProfileCorpus()); }
void BM_TranslateToJsonMixedProfiles(benchmark::State& state) { TranslateToJson(state, MixedCorpus()); }
BENCHMARK(BM_TranslateToJson);
BENCHMARK(BM_TranslateToJsonMixedProfiles);

}  // namespace
}  // namespace wharf::bench

BENCHMARK_MAIN();
