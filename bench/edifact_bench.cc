// Kernels of EDIFACT reading over a generated D96A corpus, next to the X12 ones: reading with
// envelope validation, validation against the directory grammars, and JSON output.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>

#include "core/padded_buffer.h"
#include "edifact/grammar_check.h"
#include "edifact/reader.h"
#include "edifact_corpus.h"
#include "grammar/loader.h"
#include "translate/edifact_json.h"

namespace wharf::bench {
namespace {

size_t CorpusBytes() {
  const char* bytes = std::getenv("WHARF_BENCH_CORPUS_BYTES");
  return bytes != nullptr ? std::strtoull(bytes, nullptr, 10) : size_t{16} << 20;
}

const grammar::GrammarRegistry& Grammars() {
  static const grammar::GrammarRegistry grammars = grammar::LoadGrammars(WHARF_SOURCE_DIR "/grammars");
  return grammars;
}

// A benchmark over input with findings would time the error paths: every corpus is checked
// once against envelopes and grammars, and must be clean.
PaddedBuffer CleanCorpus(bool single_profile) {
  EdifactCorpusOptions options;
  options.target_bytes = CorpusBytes();
  options.single_profile = single_profile;
  PaddedBuffer corpus = PaddedBuffer::Copy(GenerateEdifactCorpus(options));
  edifact::InterchangeReader reader(corpus.view());
  edifact::Interchange interchange;
  x12::GrammarCheckOptions check;
  check.registry = &Grammars();
  check.require_grammar = true;
  while (reader.Next(interchange)) {
    edifact::CheckGrammars(interchange, check);
    if (!interchange.findings.empty()) {
      const Finding& f = interchange.findings.front();
      std::fprintf(stderr, "generated EDIFACT corpus has a finding: %s %s (segment %u)\n", f.CodeLabel().c_str(),
                   f.message.c_str(), f.segment_ordinal);
      std::abort();
    }
  }
  if (!reader.TakeFileFindings().empty()) {
    std::fprintf(stderr, "generated EDIFACT corpus has bytes outside interchanges\n");
    std::abort();
  }
  return corpus;
}

const PaddedBuffer& SingleProfileCorpus() {
  static const PaddedBuffer corpus = CleanCorpus(true);
  return corpus;
}

const PaddedBuffer& MixedCorpus() {
  static const PaddedBuffer corpus = CleanCorpus(false);
  return corpus;
}

void ReadAndValidate(benchmark::State& state, const PaddedBuffer& corpus) {
  size_t messages = 0;
  for (auto _ : state) {
    edifact::InterchangeReader reader(corpus.view());
    edifact::Interchange interchange;
    messages = 0;
    while (reader.Next(interchange)) {
      for (const auto& group : interchange.envelope.groups) messages += group.messages.size();
    }
    benchmark::DoNotOptimize(messages);
  }
  state.counters["messages"] = static_cast<double>(messages);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.size()));
}

void BM_EdifactReadAndValidateEnvelope(benchmark::State& state) { ReadAndValidate(state, SingleProfileCorpus()); }
void BM_EdifactReadAndValidateEnvelopeMixedProfiles(benchmark::State& state) { ReadAndValidate(state, MixedCorpus()); }
BENCHMARK(BM_EdifactReadAndValidateEnvelope);
BENCHMARK(BM_EdifactReadAndValidateEnvelopeMixedProfiles);

void ValidateWithGrammars(benchmark::State& state, const PaddedBuffer& corpus) {
  x12::GrammarCheckOptions options;
  options.registry = &Grammars();
  size_t findings = 0;
  for (auto _ : state) {
    edifact::InterchangeReader reader(corpus.view());
    edifact::Interchange interchange;
    findings = 0;
    while (reader.Next(interchange)) {
      edifact::CheckGrammars(interchange, options);
      findings += interchange.findings.size();
    }
    benchmark::DoNotOptimize(findings);
  }
  state.counters["findings"] = static_cast<double>(findings);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.size()));
}

void BM_EdifactValidateWithGrammars(benchmark::State& state) { ValidateWithGrammars(state, SingleProfileCorpus()); }
void BM_EdifactValidateWithGrammarsMixedProfiles(benchmark::State& state) { ValidateWithGrammars(state, MixedCorpus()); }
BENCHMARK(BM_EdifactValidateWithGrammars);
BENCHMARK(BM_EdifactValidateWithGrammarsMixedProfiles);

void TranslateToJson(benchmark::State& state, const PaddedBuffer& corpus) {
  OutputBuffer json;
  size_t output = 0;
  for (auto _ : state) {
    edifact::InterchangeReader reader(corpus.view());
    edifact::Interchange interchange;
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

void BM_EdifactTranslateToJson(benchmark::State& state) { TranslateToJson(state, SingleProfileCorpus()); }
void BM_EdifactTranslateToJsonMixedProfiles(benchmark::State& state) { TranslateToJson(state, MixedCorpus()); }
BENCHMARK(BM_EdifactTranslateToJson);
BENCHMARK(BM_EdifactTranslateToJsonMixedProfiles);

}  // namespace
}  // namespace wharf::bench
