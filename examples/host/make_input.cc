// ziskc_example_input: writes the input file of an example guest.
//   ziskc_example_input <example> -o <file> [--size N] [--seed S]
// --size scales the input (see make_input() in example_data.h): e.g. the message length of
// sha256/keccak for the benchmark inputs. Exit code 0 ok, 2 bad arguments or write error.
#include <CLI/CLI.hpp>
#include <cstdio>

#include "base/bytes.h"
#include "examples/host/example_data.h"

int main(int argc, char** argv) {
  CLI::App app{"Write the input file of a ziskc example guest"};
  std::string example, output;
  std::uint64_t size = 0, seed = 1;
  app.add_option("example", example,
                 "fibonacci, sha256, sha256_precompile, keccak, keccak_precompile, sort, records, "
                 "cxx_primes, collatz")
      ->required();
  app.add_option("-o,--output", output, "Input file to write")->required();
  app.add_option("--size", size, "Input size (0: the default small input)");
  app.add_option("--seed", seed, "Seed of the pseudo-random data");
  CLI11_PARSE(app, argc, argv);

  auto records = ziskc::examples::make_input(example, size, seed);
  if (!records) {
    std::fprintf(stderr, "error: %s\n", records.status().message().c_str());
    return 2;
  }
  const auto bytes = ziskc::examples::encode_records(*records);
  if (auto st = ziskc::base::write_file_atomic(output, bytes); !st) {
    std::fprintf(stderr, "error: %s\n", st.message().c_str());
    return 2;
  }
  return 0;
}
