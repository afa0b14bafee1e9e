// Kernels of CSV reading over a generated order-line export: the memchr baseline, the reader
// (records and fields), and JSON Lines output.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "core/padded_buffer.h"
#include "csv_corpus.h"
#include "flat/csv_reader.h"
#include "translate/csv_json.h"

namespace wharf::bench {
namespace {

// 16 MiB unless WHARF_BENCH_CORPUS_BYTES says otherwise (the CTest smoke run uses a small one).
const CsvCorpus& Corpus() {
  static const CsvCorpus corpus = [] {
    const char* bytes = std::getenv("WHARF_BENCH_CORPUS_BYTES");
    CsvCorpusOptions options;
    options.target_bytes = bytes != nullptr ? std::strtoull(bytes, nullptr, 10) : size_t{16} << 20;
    return GenerateCsvCorpus(options);
  }();
  return corpus;
}

const PaddedBuffer& Input() {
  static const PaddedBuffer input = PaddedBuffer::Copy(Corpus().text);
  return input;
}

// Baseline: memchr for every line feed, as a reader that ignored quoting would.
void BM_CsvMemchrLineFeeds(benchmark::State& state) {
  const std::string_view input = Input().view();
  for (auto _ : state) {
    size_t lines = 0;
    for (const char* p = input.data(); (p = static_cast<const char*>(std::memchr(p, '\n', input.data() + input.size() - p)));
         ++p) {
      ++lines;
    }
    benchmark::DoNotOptimize(lines);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * input.size()));
}
BENCHMARK(BM_CsvMemchrLineFeeds);

void BM_CsvRead(benchmark::State& state) {
  const std::string_view input = Input().view();
  flat::CsvBatch batch;
  for (auto _ : state) {
    flat::CsvReader reader(input, {});
    size_t fields = 0;
    while (reader.Next(batch)) fields += batch.fields.size();
    if (reader.records_read() != Corpus().records + 1 || !reader.TakeFindings().empty()) {
      state.SkipWithError("the reader disagrees with the generator");
      break;
    }
    benchmark::DoNotOptimize(fields);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * input.size()));
}
BENCHMARK(BM_CsvRead);

void BM_CsvToJson(benchmark::State& state) {
  const std::string_view input = Input().view();
  flat::CsvBatch batch;
  OutputBuffer json;
  for (auto _ : state) {
    flat::CsvReader reader(input, {});
    CsvJsonWriter writer(/*header=*/true);
    while (reader.Next(batch)) {
      writer.Append(batch, json);
      json.clear();  // the CLI flushes every megabyte; the batch is about that
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * input.size()));
}
BENCHMARK(BM_CsvToJson);

}  // namespace
}  // namespace wharf::bench
