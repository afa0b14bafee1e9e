// wharf-memchr-scan: the physical limit a parser is compared with. Reads FILE as wharf does
// (memory-mapped from 1 MB on) and counts one byte (default '~', X12's usual terminator) with
// memchr, printing {"bytes":N,"count":N} -- all a reader could do without looking at the data.
//   wharf-memchr-scan FILE [BYTE]
#include <cstdio>
#include <cstring>

#include "core/padded_buffer.h"

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3 || (argc == 3 && std::strlen(argv[2]) != 1)) {
    std::fputs("usage: wharf-memchr-scan FILE [BYTE]\n", stderr);
    return 2;
  }
  const char wanted = argc == 3 ? argv[2][0] : '~';
  wharf::Result<wharf::PaddedBuffer> input = wharf::ReadInputFile(argv[1]);
  if (!input.ok()) {
    std::fprintf(stderr, "wharf-memchr-scan: %s\n", input.status().message().c_str());
    return 2;
  }
  const char* p = input->data();
  const char* const end = p + input->size();
  unsigned long long count = 0;
  while ((p = static_cast<const char*>(std::memchr(p, wanted, end - p))) != nullptr) {
    ++count;
    ++p;
  }
  std::printf("{\"bytes\":%zu,\"count\":%llu}\n", input->size(), count);
  return 0;
}
