// The prover's view of a distributed job (docs/DISTRIBUTED.md): N ranks that prove one proof
// together and only exchange bytes through these collectives. Rank 0 is the root: it gets the
// instance proofs, checks the bus balance and writes the file.
//
// Every method but abort() is collective: all ranks call it, in the same order, or the job
// hangs (the pipeline guarantees the order: each phase ends in exactly one exchange whatever
// happened on the rank, see prover/distribute.h agree()). The single-process implementation
// (LocalCommunicator, size 1) needs no MPI; the MPI one is dist::MpiCommunicator (src/dist/,
// built when CMake finds MPI).
//
// Errors: a failing collective returns kInternal; with MPI the default error handler makes
// communication failures (a rank that died) fatal for the whole job instead, so that no rank
// waits forever.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "base/status.h"

namespace ziskc::prover {

using RankBytes = std::vector<std::vector<std::uint8_t>>;  // one entry per rank, rank order

class Communicator {
 public:
  virtual ~Communicator() = default;
  virtual int rank() const = 0;
  virtual int size() const = 0;
  bool is_root() const { return rank() == 0; }

  // Every rank gets every rank's bytes.
  virtual Result<RankBytes> all_gather(std::span<const std::uint8_t> bytes) = 0;
  // Rank 0 gets every rank's bytes; the other ranks get an empty vector.
  virtual Result<RankBytes> gather_to_root(std::span<const std::uint8_t> bytes) = 0;
  // Every rank gets rank 0's bytes (the others' argument is ignored).
  virtual Result<std::vector<std::uint8_t>> broadcast(std::span<const std::uint8_t> bytes) = 0;
  // Not collective: ends every rank of the job with `code` (MPI_Abort); does not return.
  [[noreturn]] virtual void abort(int code) = 0;

  // Wall seconds spent inside the collectives so far (waiting included).
  double comm_seconds() const { return comm_seconds_; }
  // Bytes this rank sent through the collectives so far.
  std::uint64_t bytes_sent() const { return bytes_sent_; }

 protected:
  double comm_seconds_ = 0;
  std::uint64_t bytes_sent_ = 0;
};

// One process, no MPI: the collectives return the caller's own bytes.
class LocalCommunicator final : public Communicator {
 public:
  int rank() const override { return 0; }
  int size() const override { return 1; }
  Result<RankBytes> all_gather(std::span<const std::uint8_t> bytes) override {
    return RankBytes{std::vector<std::uint8_t>(bytes.begin(), bytes.end())};
  }
  Result<RankBytes> gather_to_root(std::span<const std::uint8_t> bytes) override {
    return all_gather(bytes);
  }
  Result<std::vector<std::uint8_t>> broadcast(std::span<const std::uint8_t> bytes) override {
    return std::vector<std::uint8_t>(bytes.begin(), bytes.end());
  }
  [[noreturn]] void abort(int code) override;
};

}  // namespace ziskc::prover
