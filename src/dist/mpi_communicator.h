// prover::Communicator over MPI (Open MPI; docs/DISTRIBUTED.md): one rank per process of an
// `mpirun -np N ziskc prove ...` job, MPI_COMM_WORLD, collectives called from the main thread
// only (MPI_THREAD_FUNNELED: the emulator thread and the parallel loops never touch MPI).
//
// Errors: MPI_COMM_WORLD keeps MPI's default handler MPI_ERRORS_ARE_FATAL, so a failed
// communication (a peer that died) ends the whole job instead of blocking; mpirun then reports
// the dead rank and exits non-zero. A message longer than 2^31 - 1 bytes (MPI's int counts) is
// refused with kUnsupported before anything is sent. The destructor calls MPI_Finalize, or
// MPI_Abort while an exception is propagating (a rank leaving early would otherwise hang the
// others in their next collective).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "base/status.h"
#include "prover/comm.h"

namespace ziskc::dist {

// True when this process was started by mpirun / mpiexec (Open MPI or PMI/PMIx variables).
bool launched_by_mpi();

class MpiCommunicator final : public prover::Communicator {
 public:
  // MPI_Init_thread; at most one per process (kInternal when MPI cannot start).
  static Result<std::unique_ptr<MpiCommunicator>> init();
  ~MpiCommunicator() override;
  MpiCommunicator(const MpiCommunicator&) = delete;
  MpiCommunicator& operator=(const MpiCommunicator&) = delete;

  int rank() const override { return rank_; }
  int size() const override { return size_; }
  Result<prover::RankBytes> all_gather(std::span<const std::uint8_t> bytes) override;
  Result<prover::RankBytes> gather_to_root(std::span<const std::uint8_t> bytes) override;
  Result<std::vector<std::uint8_t>> broadcast(std::span<const std::uint8_t> bytes) override;
  [[noreturn]] void abort(int code) override;

 private:
  MpiCommunicator(int rank, int size) : rank_(rank), size_(size) {}
  int rank_ = 0, size_ = 1;
};

}  // namespace ziskc::dist
