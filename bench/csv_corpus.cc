// Order lines as CSV: the values an ERP export holds, quoted where RFC 4180 says they must be.
#include "csv_corpus.h"

#include <array>
#include <random>

namespace wharf::bench {
namespace {

constexpr std::array kDescriptions = {
    "PAPER TOWELS 6 ROLL", "Copper elbow, 90 degree", "12\" PVC pipe, schedule 40", "Nitrile gloves (M), box of 100",
    "Dish soap", "Hex bolt M8x40, zinc", "Label printer \"LP-2\"", "Coffee beans, 1 kg, dark roast",
    "Safety glasses", "Cable ties 200mm"};
constexpr std::array kCities = {"COLUMBUS", "Portland", "St. Louis", "Winston-Salem", "Coeur d'Alene", "Austin"};
constexpr std::array kStates = {"OH", "OR", "MO", "NC", "ID", "TX"};

// Quotes a value when RFC 4180 requires it (a comma, a quote or a line break in it).
void AppendField(std::string& out, std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += value;
    return;
  }
  out += '"';
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

CsvCorpus GenerateCsvCorpus(const CsvCorpusOptions& options) {
  std::mt19937 random(options.seed);
  auto pick = [&](uint32_t below) { return static_cast<uint32_t>(random() % below); };
  CsvCorpus corpus;
  std::string& out = corpus.text;
  out.reserve(options.target_bytes + 512);
  out += "order_id,line,sku,description,quantity,unit,unit_price,currency,ship_to,address,city,state,postal_code,"
         "requested_date\r\n";
  uint64_t order = 7940000;
  while (out.size() < options.target_bytes) {
    ++order;
    const uint32_t lines = 1 + pick(40);
    const std::string ship_to = pick(5) == 0 ? "STORE " + std::to_string(pick(900)) + ", \"OUTLET\"" : "STORE " + std::to_string(pick(900));
    const uint32_t place = pick(kCities.size());
    std::string address = std::to_string(100 + pick(9000)) + " INDUSTRIAL PKWY";
    if (pick(20) == 0) address += "\r\nSUITE " + std::to_string(pick(400));  // a two-line address
    const std::string date = "2026-12-" + std::string(pick(2) ? "1" : "2") + std::to_string(pick(10));
    for (uint32_t line = 1; line <= lines && out.size() < options.target_bytes; ++line) {
      const auto field = [&](std::string_view value, bool last = false) {
        AppendField(out, value);
        out += last ? "\r\n" : ",";
      };
      field("PO" + std::to_string(order));
      field(std::to_string(line));
      field("SKU-" + std::to_string(10000 + pick(89999)));
      field(kDescriptions[pick(kDescriptions.size())]);
      field(std::to_string(1 + pick(500)));
      field(pick(4) ? "EA" : "CS");
      field(std::to_string(pick(300)) + "." + std::to_string(10 + pick(90)));
      field("USD");
      field(ship_to);
      field(address);
      field(kCities[place]);
      field(kStates[place]);
      field(std::to_string(10000 + pick(89999)));
      field(date, true);
      ++corpus.records;
    }
  }
  return corpus;
}

}  // namespace wharf::bench
