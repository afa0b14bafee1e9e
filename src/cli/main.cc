// wharf executable entry point: hands argv to the CLI library.
#include <iostream>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "core/heap_setup.h"

int main(int argc, char** argv) {
  wharf::SetUpHeap();
  std::ios::sync_with_stdio(false);
  std::vector<std::string> args(argv + 1, argv + argc);
  const int status = wharf::cli::RunCli(args, std::cout, std::cerr);
  std::cout.flush();
  return status;
}
