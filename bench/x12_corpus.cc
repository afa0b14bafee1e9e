// Realistic 850/810/856 generation.
#include "x12_corpus.h"

#include <cstdio>
#include <random>
#include <string>
#include <vector>

namespace wharf::bench {
namespace {

const X12Profile kProfiles[] = {
    {'*', ':', '^', '~', "\n"},
    {'*', '>', 'U', '~', "\r\n"},
    {'|', '>', '^', '~', ""},
    {'\x1d', '\x1f', '\x1e', '\x1c', ""},
    {'*', ':', 'U', '\n', ""},
};

const char* const kProducts[] = {"CRUNCHY CHIPS 12OZ", "SPARKLING WATER 24PK", "ORGANIC OATS 2LB", "COFFEE BEANS DARK ROAST",
                                 "PAPER TOWELS 6 ROLL", "LAUNDRY DETERGENT 100OZ", "AA BATTERIES 8PK", "DOG FOOD 30LB"};
const char* const kCities[][3] = {{"ATHENS", "GA", "30603"}, {"TEMPLE", "TX", "76503"}, {"DALLAS", "TX", "75201"},
                                  {"PORTLAND", "OR", "97201"}, {"COLUMBUS", "OH", "43215"}, {"TRENTON", "NJ", "08608"}};

class Writer {
 public:
  Writer(std::string& out, const X12Profile& p, std::mt19937& random) : out_(out), p_(p), random_(random) {}

  // Starts a segment; elements are added with E(), the segment ends with End().
  Writer& S(const char* tag) {
    out_ += tag;
    ++segments_;
    return *this;
  }
  Writer& E(const std::string& value) {
    out_ += p_.element;
    out_ += value;
    return *this;
  }
  Writer& C(const std::string& a, const std::string& b) {
    out_ += p_.element;
    out_ += a;
    out_ += p_.component;
    out_ += b;
    return *this;
  }
  void End() {
    out_ += p_.segment;
    out_ += p_.line_ending;
  }
  int Rand(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random_); }
  std::string Num(int low, int high) { return std::to_string(Rand(low, high)); }
  std::string Money() {
    char text[32];
    std::snprintf(text, sizeof text, "%d.%02d", Rand(1, 400), Rand(0, 99));
    return text;
  }
  size_t segments() const { return segments_; }
  void ResetSegments() { segments_ = 0; }
  const X12Profile& profile() const { return p_; }

 private:
  std::string& out_;
  const X12Profile& p_;
  std::mt19937& random_;
  size_t segments_ = 0;
};

std::string Pad(std::string value, size_t width) {
  value.resize(width, ' ');
  return value;
}

std::string Zero(uint64_t value, int width) {
  char text[32];
  std::snprintf(text, sizeof text, "%0*llu", width, static_cast<unsigned long long>(value));
  return text;
}

void Party(Writer& w, const char* code, const std::string& name) {
  const auto& city = kCities[w.Rand(0, 5)];
  w.S("N1").E(code).E(name).E("92").E(w.Num(100000, 999999)).End();
  w.S("N3").E(w.Num(1, 9999) + " INDUSTRIAL PKWY").End();
  w.S("N4").E(city[0]).E(city[1]).E(city[2]).E("US").End();
}

void PurchaseOrder(Writer& w, const std::string& control) {
  const int lines = w.Rand(5, 120);
  w.S("ST").E("850").E(control).End();
  w.S("BEG").E("00").E("SA").E("PO" + w.Num(1000000, 9999999)).E("").E("20261129").End();
  w.S("CUR").E("BY").E("USD").End();
  w.S("REF").E("DP").E(w.Num(100, 999)).End();
  w.S("PER").E("BD").E("JANE BUYER").E("TE").E("5551234567").End();
  w.S("DTM").E("002").E("20261210").End();
  Party(w, "ST", "STORE " + w.Num(1, 999));
  Party(w, "BT", "RETAIL HQ");
  for (int i = 1; i <= lines; ++i) {
    w.S("PO1").E(std::to_string(i)).E(w.Num(1, 500)).E("EA").E(w.Money()).E("").E("UP").E(w.Num(100000000, 999999999) + "12")
        .E("VN").E("SKU-" + w.Num(10000, 99999)).End();
    w.S("PID").E("F").E("").E("").E("").E(kProducts[w.Rand(0, 7)]).End();
    if (i % 3 == 0) w.S("PO4").E(w.Num(1, 48)).E("1").E("EA").End();
  }
  w.S("CTT").E(std::to_string(lines)).End();
  w.S("SE").E(std::to_string(w.segments())).E(control).End();  // S() has counted SE itself
}

void Invoice(Writer& w, const std::string& control) {
  const int lines = w.Rand(5, 120);
  w.S("ST").E("810").E(control).End();
  w.S("BIG").E("20261129").E("INV" + w.Num(100000, 999999)).E("20261120").E("PO" + w.Num(1000000, 9999999)).End();
  w.S("REF").E("IA").E(w.Num(10000, 99999)).End();
  Party(w, "RE", "SUPPLIER CO");
  Party(w, "ST", "STORE " + w.Num(1, 999));
  w.S("ITD").E("01").E("3").E("2").E("").E("10").E("").E("30").End();
  w.S("DTM").E("011").E("20261128").End();
  long total = 0;
  for (int i = 1; i <= lines; ++i) {
    const std::string qty = w.Num(1, 500);
    total += std::stol(qty);
    w.S("IT1").E(std::to_string(i)).E(qty).E("EA").E(w.Money()).E("").E("UP").E(w.Num(100000000, 999999999) + "12").End();
    w.S("PID").E("F").E("").E("").E("").E(kProducts[w.Rand(0, 7)]).End();
  }
  w.S("TDS").E(std::to_string(total * 100)).End();
  w.S("CAD").E("M").E("").E("").E("UPSN").E("UPS GROUND").End();
  w.S("CTT").E(std::to_string(lines)).End();
  w.S("SE").E(std::to_string(w.segments())).E(control).End();  // S() has counted SE itself
}

void ShipNotice(Writer& w, const std::string& control) {
  const int orders = w.Rand(1, 4);
  int hl = 0;
  w.S("ST").E("856").E(control).End();
  w.S("BSN").E("00").E("SHP" + w.Num(100000, 999999)).E("20261129").E("1200").E("0001").End();
  w.S("HL").E(std::to_string(++hl)).E("").E("S").End();
  w.S("TD1").E("CTN25").E(w.Num(1, 90)).E("").E("").E("").E("G").E(w.Num(10, 900)).E("LB").End();
  w.S("TD5").E("").E("2").E("UPSN").E("M").End();
  w.S("REF").E("BM").E(w.Num(1000000, 9999999)).End();
  w.S("DTM").E("011").E("20261129").End();
  Party(w, "ST", "DC " + w.Num(1, 99));
  for (int o = 0; o < orders; ++o) {
    const int order_hl = ++hl;
    w.S("HL").E(std::to_string(order_hl)).E("1").E("O").End();
    w.S("PRF").E("PO" + w.Num(1000000, 9999999)).End();
    const int packs = w.Rand(1, 10);
    for (int p = 0; p < packs; ++p) {
      const int pack_hl = ++hl;
      w.S("HL").E(std::to_string(pack_hl)).E(std::to_string(order_hl)).E("P").End();
      w.S("MAN").E("GM").E("00" + w.Num(100000000, 999999999) + w.Num(10000000, 99999999)).End();
      const int items = w.Rand(1, 8);
      for (int i = 0; i < items; ++i) {
        w.S("HL").E(std::to_string(++hl)).E(std::to_string(pack_hl)).E("I").End();
        w.S("LIN").E("").E("UP").E(w.Num(100000000, 999999999) + "12").E("VN").E("SKU-" + w.Num(10000, 99999)).End();
        w.S("SN1").E("").E(w.Num(1, 48)).E("EA").End();
        w.S("PID").E("F").E("").E("").E("").E(kProducts[w.Rand(0, 7)]).End();
      }
    }
  }
  w.S("CTT").E(std::to_string(hl)).End();
  w.S("SE").E(std::to_string(w.segments())).E(control).End();  // S() has counted SE itself
}

void Interchange(std::string& out, const X12Profile& p, uint64_t number, uint64_t first_control, std::mt19937& random) {
  Writer w(out, p, random);
  const bool v4010 = p.repetition == 'U';
  const std::string isa_control = Zero(first_control + number / 7, 9);
  w.S("ISA").E("00").E(Pad("", 10)).E("00").E(Pad("", 10)).E("ZZ").E(Pad("PARTNER" + std::to_string(number % 7), 15))
      .E("ZZ").E(Pad("WHARFHUB", 15)).E("261129").E("1200").E(std::string(1, p.repetition))
      .E(v4010 ? "00401" : "00501").E(isa_control).E("0").E("P").E(std::string(1, p.component)).End();
  const int groups = w.Rand(1, 3);
  for (int g = 0; g < groups; ++g) {
    const int kind = w.Rand(0, 2);
    static const char* kFunctional[] = {"PO", "IN", "SH"};
    const std::string group_control = std::to_string((first_control + number / 7) * 10 + static_cast<uint64_t>(g));
    w.S("GS").E(kFunctional[kind]).E("PARTNER").E("WHARFHUB").E("20261129").E("1200").E(group_control).E("X")
        .E(v4010 ? "004010" : "005010").End();
    const int sets = w.Rand(1, 12);
    for (int s = 1; s <= sets; ++s) {
      w.ResetSegments();
      const std::string control = Zero(static_cast<uint64_t>(s), 4);
      if (kind == 0) PurchaseOrder(w, control);
      if (kind == 1) Invoice(w, control);
      if (kind == 2) ShipNotice(w, control);
    }
    w.S("GE").E(std::to_string(sets)).E(group_control).End();
  }
  w.S("IEA").E(std::to_string(groups)).E(isa_control).End();
}

// ISA, one GS of ship notices up to `target_bytes`, GE, IEA: from PARTNER0, like Interchange 0.
void SingleInterchange(std::string& out, const X12Profile& p, size_t target_bytes, uint64_t first_control,
                       std::mt19937& random) {
  Writer w(out, p, random);
  const std::string isa_control = Zero(first_control, 9);
  w.S("ISA").E("00").E(Pad("", 10)).E("00").E(Pad("", 10)).E("ZZ").E(Pad("PARTNER0", 15))
      .E("ZZ").E(Pad("WHARFHUB", 15)).E("261129").E("1200").E(std::string(1, p.repetition))
      .E("00501").E(isa_control).E("0").E("P").E(std::string(1, p.component)).End();
  const std::string group_control = std::to_string(first_control);
  w.S("GS").E("SH").E("PARTNER").E("WHARFHUB").E("20261129").E("1200").E(group_control).E("X").E("005010").End();
  uint64_t sets = 0;
  while (out.size() < target_bytes) {
    w.ResetSegments();
    ShipNotice(w, Zero(++sets, 9));
  }
  w.S("GE").E(std::to_string(sets)).E(group_control).End();
  w.S("IEA").E("1").E(isa_control).End();
}

}  // namespace

std::string GenerateX12Corpus(const X12CorpusOptions& options) {
  std::mt19937 random(options.seed);
  std::string out;
  out.reserve(options.target_bytes + (1 << 20));
  if (options.single_interchange) {
    SingleInterchange(out, options.profile, options.target_bytes, options.first_control, random);
    return out;
  }
  uint64_t number = 1;
  while (out.size() < options.target_bytes) {
    const X12Profile& profile =
        options.single_profile ? options.profile : kProfiles[number % (sizeof kProfiles / sizeof kProfiles[0])];
    Interchange(out, profile, number++, options.first_control, random);
  }
  return out;
}

}  // namespace wharf::bench
