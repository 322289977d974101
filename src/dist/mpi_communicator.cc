// dist::MpiCommunicator (mpi_communicator.h).
#include "dist/mpi_communicator.h"

#include <mpi.h>

#include <chrono>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <exception>

namespace ziskc::dist {
namespace {

class Timer {
 public:
  explicit Timer(double& sink) : sink_(sink), t0_(std::chrono::steady_clock::now()) {}
  ~Timer() {
    sink_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count();
  }

 private:
  double& sink_;
  std::chrono::steady_clock::time_point t0_;
};

Status check(int rc, const char* what) {
  if (rc == MPI_SUCCESS) return Status::ok();
  char msg[MPI_MAX_ERROR_STRING] = {};
  int len = 0;
  MPI_Error_string(rc, msg, &len);
  return make_error(ErrorCode::kInternal, "MPI: {}: {}", what, msg);
}

Status check_size(std::uint64_t n, const char* what) {
  if (n > static_cast<std::uint64_t>(INT_MAX)) {
    return make_error(ErrorCode::kUnsupported,
                      "not supported yet: MPI messages over 2^31 - 1 bytes ({}: {} bytes)", what,
                      n);
  }
  return Status::ok();
}

// Every rank's size, then the displacements of a v-collective; kUnsupported past int range.
Result<std::vector<int>> counts_of(const std::vector<std::uint64_t>& sizes,
                                   std::vector<int>& displs, const char* what) {
  std::vector<int> counts(sizes.size());
  std::uint64_t total = 0;
  displs.assign(sizes.size(), 0);
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    displs[i] = static_cast<int>(total);
    total += sizes[i];
    ZISKC_RETURN_IF_ERROR(check_size(total, what));
    counts[i] = static_cast<int>(sizes[i]);
  }
  return counts;
}

prover::RankBytes split(const std::vector<std::uint8_t>& flat, const std::vector<int>& counts,
                        const std::vector<int>& displs) {
  prover::RankBytes out(counts.size());
  for (std::size_t i = 0; i < counts.size(); ++i) {
    out[i].assign(flat.begin() + displs[i], flat.begin() + displs[i] + counts[i]);
  }
  return out;
}

}  // namespace

bool launched_by_mpi() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE"}) {
    if (std::getenv(v) != nullptr) return true;
  }
  return false;
}

Result<std::unique_ptr<MpiCommunicator>> MpiCommunicator::init() {
  int initialized = 0;
  MPI_Initialized(&initialized);
  if (initialized != 0) {
    return Status(ErrorCode::kInternal, "MPI: already initialised (one communicator a process)");
  }
  int provided = 0;
  ZISKC_RETURN_IF_ERROR(
      check(MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided), "init"));
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  return std::unique_ptr<MpiCommunicator>(new MpiCommunicator(rank, size));
}

MpiCommunicator::~MpiCommunicator() {
  if (std::uncaught_exceptions() > 0) MPI_Abort(MPI_COMM_WORLD, 3);
  MPI_Finalize();
}

Result<prover::RankBytes> MpiCommunicator::all_gather(std::span<const std::uint8_t> bytes) {
  Timer t(comm_seconds_);
  ZISKC_RETURN_IF_ERROR(check_size(bytes.size(), "all_gather"));
  std::uint64_t mine = bytes.size();
  std::vector<std::uint64_t> sizes(static_cast<std::size_t>(size_));
  ZISKC_RETURN_IF_ERROR(
      check(MPI_Allgather(&mine, 1, MPI_UINT64_T, sizes.data(), 1, MPI_UINT64_T, MPI_COMM_WORLD),
            "all_gather sizes"));
  std::vector<int> displs;
  ZISKC_ASSIGN_OR_RETURN(std::vector<int> counts, counts_of(sizes, displs, "all_gather"));
  std::vector<std::uint8_t> flat(static_cast<std::size_t>(displs.back()) +
                                 static_cast<std::size_t>(counts.back()));
  ZISKC_RETURN_IF_ERROR(
      check(MPI_Allgatherv(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, flat.data(),
                           counts.data(), displs.data(), MPI_BYTE, MPI_COMM_WORLD),
            "all_gather"));
  bytes_sent_ += bytes.size() + 8;
  return split(flat, counts, displs);
}

Result<prover::RankBytes> MpiCommunicator::gather_to_root(std::span<const std::uint8_t> bytes) {
  Timer t(comm_seconds_);
  ZISKC_RETURN_IF_ERROR(check_size(bytes.size(), "gather"));
  std::uint64_t mine = bytes.size();
  std::vector<std::uint64_t> sizes(static_cast<std::size_t>(size_));
  ZISKC_RETURN_IF_ERROR(
      check(MPI_Gather(&mine, 1, MPI_UINT64_T, sizes.data(), 1, MPI_UINT64_T, 0, MPI_COMM_WORLD),
            "gather sizes"));
  std::vector<int> displs, counts;
  std::vector<std::uint8_t> flat;
  if (rank_ == 0) {
    Result<std::vector<int>> c = counts_of(sizes, displs, "gather");
    if (!c) {
      // The others are already in MPI_Gatherv: ending the job is the only exit without a hang.
      std::fprintf(stderr, "error: %s\n", c.status().message().c_str());
      abort(3);
    }
    counts = std::move(c).value();
    flat.resize(static_cast<std::size_t>(displs.back()) + static_cast<std::size_t>(counts.back()));
  }
  ZISKC_RETURN_IF_ERROR(
      check(MPI_Gatherv(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, flat.data(),
                        counts.data(), displs.data(), MPI_BYTE, 0, MPI_COMM_WORLD),
            "gather"));
  bytes_sent_ += bytes.size() + 8;
  if (rank_ != 0) return prover::RankBytes{};
  return split(flat, counts, displs);
}

Result<std::vector<std::uint8_t>> MpiCommunicator::broadcast(std::span<const std::uint8_t> bytes) {
  Timer t(comm_seconds_);
  std::uint64_t n = bytes.size();
  ZISKC_RETURN_IF_ERROR(check(MPI_Bcast(&n, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD), "broadcast size"));
  ZISKC_RETURN_IF_ERROR(check_size(n, "broadcast"));
  std::vector<std::uint8_t> out(static_cast<std::size_t>(n));
  if (rank_ == 0) std::copy(bytes.begin(), bytes.end(), out.begin());
  ZISKC_RETURN_IF_ERROR(
      check(MPI_Bcast(out.data(), static_cast<int>(n), MPI_BYTE, 0, MPI_COMM_WORLD), "broadcast"));
  if (rank_ == 0) bytes_sent_ += n * static_cast<std::uint64_t>(size_ - 1);
  return out;
}

void MpiCommunicator::abort(int code) {
  MPI_Abort(MPI_COMM_WORLD, code);
  std::_Exit(code);
}

}  // namespace ziskc::dist
