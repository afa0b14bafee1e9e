// wharf executable entry point: hands argv to the CLI library.
#include <malloc.h>

#include <iostream>
#include <string>
#include <vector>

#include "cli/cli.h"

int main(int argc, char** argv) {
  // Pieces, tapes and translations are megabytes each and freed within milliseconds. By default
  // glibc maps blocks that large afresh every time and returns them at once, so every piece paid
  // for page faults on zeroed pages (a third of a run's time in the kernel); keeping them in the
  // heap lets the next piece reuse the same pages. The cap on peak memory is unchanged: the
  // pipeline bounds how many pieces are alive.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
  std::ios::sync_with_stdio(false);
  std::vector<std::string> args(argv + 1, argv + argc);
  const int status = wharf::cli::RunCli(args, std::cout, std::cerr);
  std::cout.flush();
  return status;
}
