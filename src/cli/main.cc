// wharf executable entry point: hands argv to the CLI library.
#include <iostream>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "core/heap_setup.h"

namespace {
// Before the static initialisers of the libraries linked into the executable (RocksDB's
// allocate): their memory then comes from the huge pages too (core/heap_setup.h). Priority 101
// is the first a program may use; the shared libraries' initialisers have run by then, and no
// thread has started.
__attribute__((constructor(101))) void SetUpHeapFirst() { wharf::SetUpHeap(); }
}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  std::vector<std::string> args(argv + 1, argv + argc);
  const int status = wharf::cli::RunCli(args, std::cout, std::cerr);
  std::cout.flush();
  return status;
}
