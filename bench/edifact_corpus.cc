// Realistic ORDERS/INVOIC D96A generation.
#include "edifact_corpus.h"

#include <cstdio>
#include <random>
#include <cstdint>
#include <string>

namespace wharf::bench {
namespace {

struct Profile {
  const char* una;          // the six service characters after "UNA", or null for none (defaults)
  const char* syntax;       // UNB S001 0001
  int version;              // UNB S001 0002
  const char* line_ending;  // after each terminator
  bool groups;              // messages in UNG/UNE
};

const Profile kProfiles[] = {
    {":+.? '", "UNOC", 3, "\n", false},
    {nullptr, "UNOA", 3, "", false},
    {":+,? '", "UNOB", 3, "\r\n", true},
    {":+.?*'", "UNOC", 4, "\n", false},
    {">|.! ~", "UNOC", 3, "", false},
};

const char* const kProducts[] = {"CRUNCHY CHIPS 12OZ", "SPARKLING WATER 24PK", "O'BRIEN OATS 2LB",
                                 "COFFEE BEANS: DARK ROAST", "PAPER TOWELS 6+6 ROLL", "DETERGENT 100OZ?",
                                 "AA BATTERIES 8PK", "DOG FOOD 30LB"};

class Writer {
 public:
  Writer(std::string& out, const Profile& p, std::mt19937& random) : out_(out), p_(p), random_(random) {
    const char* chars = p.una != nullptr ? p.una : ":+.? '";
    component_ = chars[0];
    element_ = chars[1];
    decimal_ = chars[2];
    release_ = chars[3];
    repetition_ = chars[4];
    terminator_ = chars[5];
  }

  Writer& S(const char* tag) {
    out_ += tag;
    ++segments_;
    return *this;
  }
  // A simple element (data: service characters are released).
  Writer& E(const std::string& value) {
    out_ += element_;
    Data(value);
    return *this;
  }
  // A composite of components.
  Writer& C(std::initializer_list<std::string> components) {
    out_ += element_;
    bool first = true;
    for (const std::string& component : components) {
      if (!first) out_ += component_;
      Data(component);
      first = false;
    }
    return *this;
  }
  void End() {
    out_ += terminator_;
    out_ += p_.line_ending;
  }
  int Rand(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random_); }
  std::string Num(int low, int high) { return std::to_string(Rand(low, high)); }
  std::string Money() {
    char text[32];
    std::snprintf(text, sizeof text, "%d%c%02d", Rand(1, 400), decimal_, Rand(0, 99));
    return text;
  }
  size_t segments() const { return segments_; }
  void ResetSegments() { segments_ = 0; }
  bool repeats() const { return p_.version >= 4; }
  char repetition() const { return repetition_; }
  std::string& out() { return out_; }

 private:
  void Data(const std::string& value) {
    for (char c : value) {
      if (c == component_ || c == element_ || c == release_ || c == terminator_ || (repeats() && c == repetition_)) {
        out_ += release_;
      }
      out_ += c;
    }
  }

  std::string& out_;
  const Profile& p_;
  std::mt19937& random_;
  char component_, element_, decimal_, release_, repetition_, terminator_;
  size_t segments_ = 0;
};

std::string Gtin(Writer& w) { return "40" + w.Num(10000, 99999) + w.Num(100000, 999999); }

void Parties(Writer& w) {
  w.S("NAD").E("BY").C({Gtin(w), "", "9"}).End();
  w.S("NAD").E("SU").C({Gtin(w), "", "9"}).E("").C({"SUPPLIER " + w.Num(1, 99) + " LTD"}).C({w.Num(1, 999) + " HARBOUR ROAD"})
      .E("ROTTERDAM").E("").E("3011").E("NL").End();
  w.S("NAD").E("DP").C({Gtin(w), "", "9"}).End();
}

void Orders(Writer& w, const std::string& reference) {
  const int lines = w.Rand(5, 120);
  w.S("UNH").E(reference).C({"ORDERS", "D", "96A", "UN"}).End();
  w.S("BGM").E("220").E("PO" + w.Num(1000000, 9999999)).E("9").End();
  w.S("DTM").C({"137", "20261129", "102"}).End();
  w.S("FTX").E("AAI").E("").E("").C({"DELIVER TO DOCK 5+6 ONLY: CALL 2H AHEAD"}).End();
  w.S("RFF").C({"CT", "CONTRACT" + w.Num(100, 999)}).End();
  Parties(w);
  w.S("CUX").C({"2", "EUR", "9"}).End();
  for (int i = 1; i <= lines; ++i) {
    w.S("LIN").E(std::to_string(i)).E("").C({Gtin(w), "EN"}).End();
    w.S("PIA").E("1").C({"ART" + w.Num(10000, 99999), "SA"}).End();
    w.S("IMD").E("F").E("").C({"", "", "", kProducts[w.Rand(0, 7)]}).End();
    w.S("QTY").C({"21", w.Num(1, 500), "PCE"}).End();
    w.S("DTM").C({"2", "20261210", "102"}).End();
    w.S("PRI").C({"AAA", w.Money()}).End();
  }
  w.S("UNS").E("S").End();
  w.S("CNT").C({"2", std::to_string(lines)}).End();
  w.S("UNT").E(std::to_string(w.segments())).E(reference).End();  // S() has counted UNT itself
}

void Invoice(Writer& w, const std::string& reference) {
  const int lines = w.Rand(5, 120);
  w.S("UNH").E(reference).C({"INVOIC", "D", "96A", "UN"}).End();
  w.S("BGM").E("380").E("INV" + w.Num(100000, 999999)).E("9").End();
  w.S("DTM").C({"137", "20261129", "102"}).End();
  w.S("DTM").C({"35", "20261128", "102"}).End();
  w.S("RFF").C({"ON", "PO" + w.Num(1000000, 9999999)}).End();
  Parties(w);
  w.S("CUX").C({"2", "EUR", "4"}).End();
  w.S("PAT").E("1").E("").C({"5", "3", "D", "30"}).End();
  for (int i = 1; i <= lines; ++i) {
    w.S("LIN").E(std::to_string(i)).E("").C({Gtin(w), "EN"}).End();
    w.S("IMD").E("F").E("").C({"", "", "", kProducts[w.Rand(0, 7)]}).End();
    w.S("QTY").C({"47", w.Num(1, 500), "PCE"}).End();
    w.S("MOA").C({"203", w.Money()}).End();
    w.S("PRI").C({"AAA", w.Money()}).End();
  }
  w.S("UNS").E("S").End();
  w.S("CNT").C({"2", std::to_string(lines)}).End();
  w.S("MOA").C({"86", w.Money()}).End();
  w.S("MOA").C({"79", w.Money()}).End();
  w.S("TAX").E("7").C({"VAT"}).E("").E("").C({"", "", "", "21"}).E("S").End();
  w.S("UNT").E(std::to_string(w.segments())).E(reference).End();
}

}  // namespace

std::string GenerateEdifactCorpus(const EdifactCorpusOptions& options) {
  std::mt19937 random(options.seed);
  std::string out;
  out.reserve(options.target_bytes + (1 << 16));
  uint64_t interchange = options.first_control - 1;
  size_t rotation = 0;
  while (out.size() < options.target_bytes) {
    const Profile& p = options.single_profile ? kProfiles[0] : kProfiles[rotation++ % std::size(kProfiles)];
    Writer w(out, p, random);
    const std::string reference = std::to_string(++interchange);
    if (p.una != nullptr) {
      out += "UNA";
      out += p.una;
      out += p.line_ending;
    }
    const std::string date = p.version >= 4 ? "20261129" : "261129";
    w.S("UNB").C({p.syntax, std::to_string(p.version)}).C({"5412345000013", "14"}).C({"8712345000004", "14"})
        .C({date, "1200"}).E(reference).End();
    const int groups = p.groups && !options.single_interchange ? w.Rand(1, 3) : 1;
    int top_level = 0;
    for (int g = 1; g <= groups; ++g) {
      const bool invoices = !options.single_interchange && w.Rand(0, 1) == 1;
      const std::string group_reference = std::to_string(g);
      if (p.groups) {
        w.S("UNG").E(invoices ? "INVOIC" : "ORDERS").C({"5412345000013", "14"}).C({"8712345000004", "14"})
            .C({date, "1200"}).E(group_reference).E("UN").C({"D", "96A"}).End();
      }
      int messages = w.Rand(1, 12);
      if (options.single_interchange) messages = INT32_MAX;
      for (int m = 1; m <= messages; ++m) {
        if (options.single_interchange && out.size() >= options.target_bytes) {
          messages = m - 1;
          break;
        }
        w.ResetSegments();
        const std::string message_reference = std::to_string(g * 100 + m);
        if (invoices) {
          Invoice(w, message_reference);
        } else {
          Orders(w, message_reference);
        }
      }
      if (p.groups) w.S("UNE").E(std::to_string(messages)).E(group_reference).End();
      top_level += p.groups ? 1 : messages;
    }
    w.S("UNZ").E(std::to_string(top_level)).E(reference).End();
  }
  return out;
}

}  // namespace wharf::bench
