// Internal: the pieces of distributed proving (docs/DISTRIBUTED.md) the pipeline (prove.cc)
// uses at its synchronisation points, over a prover::Communicator.
//
//  - exchange(): the only way a phase ends. Every rank sends its phase status and, when ok, a
//    payload; every rank gets the payloads of all ranks, or the error of the lowest failing
//    rank ("rank 2: ...") so that all ranks stop together. A rank whose phase failed still
//    reaches the exchange (no early return inside a phase of a distributed run).
//  - the handshake: named fields (ziskc version, formats, stark parameters, proving options,
//    program and input digests) compared with rank 0's; the first difference is the error.
//  - Assigner: the deterministic cost-balancing assignment of instances to ranks (every rank
//    computes the same one from the same plan). Cost of an instance ~ rows x (main + stage-2 +
//    quotient columns).
//  - stage-1 headers and instance proofs as bytes (bounds-checked decoders: peers are other
//    processes, possibly other machines).
//  - the prelude (the job's first exchange): every rank's execution mode, compared with rank
//    0's; in root execution rank 0's message also carries the ELF and input bytes;
//  - root execution: the pre-run's outcome and the minimal-trace chunks as bytes, and the
//    broadcast of a byte stream in bounded pieces (each MPI message < 2^31 bytes);
//  - table multiplicities as sparse bytes (each rank counts its own instances' lookups; the
//    counts are summed before the table instances are built);
//  - the test hook ZISKC_TEST_MPI_DIE=<rank>:<phase>[:oom] (phases setup, chunks, commit,
//    tables, prove, gather): that rank kills itself (SIGKILL) at the start of that phase, or
//    with ":oom" throws std::bad_alloc there (an allocation failure); in jobs of more than one
//    rank only.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "emu/trace.h"
#include "prover/comm.h"
#include "prover/machines.h"
#include "prover/prove.h"
#include "stark/proof.h"
#include "stark/protocol.h"
#include "stark/shape.h"
#include "verifier/statement.h"
#include "zisk/layout.h"

namespace ziskc::prover {

// Collective (all_gather): see above. `payload` is ignored when `local` is an error.
Result<RankBytes> exchange(Communicator& comm, const Status& local,
                           std::span<const std::uint8_t> payload);
// Collective (gather_to_root): the same with only rank 0 learning the result (the others get
// an empty RankBytes or their own error).
Result<RankBytes> exchange_to_root(Communicator& comm, const Status& local,
                                   std::span<const std::uint8_t> payload);
// Collective (broadcast): every rank gets rank 0's status.
Status broadcast_status(Communicator& comm, const Status& root_status);

// The prelude: this rank's execution mode, and in root execution rank 0's program and input.
struct RootInputs {
  bool has_elf = false;  // false: every rank gives ProveOptions::rom
  std::optional<zisk::LayoutKind> layout;
  std::vector<std::uint8_t> elf;
  std::vector<std::uint8_t> input;  // the bytes the BIOS places (load_input's result)
};
std::vector<std::uint8_t> encode_prelude(Execution mode, const RootInputs* inputs);
// Every rank's mode against rank 0's (kInvalidArgument naming the first differing rank); in
// root execution rank 0's inputs.
Result<RootInputs> check_prelude(const RankBytes& all, Execution mine);

// Root execution: the pre-run's outcome (step count, public outputs) from rank 0.
struct PreRun {
  std::uint64_t steps = 0;
  std::array<std::uint32_t, verifier::kNumOutputs> outputs{};
};
std::vector<std::uint8_t> encode_prerun(const PreRun& p);
Result<PreRun> decode_prerun(std::span<const std::uint8_t> bytes);

// Minimal-trace chunks ("ZCHK", version 1): start state, step count and memory reads of each
// chunk. The decoder checks the structure and the chunking: chunk i starts at step i 2^c,
// every chunk but the last has 2^c steps, the steps add up to `steps`.
std::vector<std::uint8_t> encode_chunks(std::span<const emu::Chunk> chunks);
Result<std::vector<emu::Chunk>> decode_chunks(std::span<const std::uint8_t> bytes,
                                              std::uint64_t steps, unsigned chunk_log2);

// Collective: rank 0's `stream` to every rank, in pieces of at most max_piece bytes. Starts
// with an exchange of every rank's status (rank 0's carries the stream's size), so an error on
// any rank is every rank's error before the pieces; then one broadcast per piece. Rank 0 gets
// an empty vector back, the others the stream.
// 256 MiB: well under MPI's int counts, and it bounds the copy of its own piece that rank 0
// gets back from each broadcast.
inline constexpr std::size_t kMaxPiece = std::size_t{1} << 28;
Result<std::vector<std::uint8_t>> broadcast_stream(Communicator& comm, const Status& local,
                                                   std::span<const std::uint8_t> stream,
                                                   std::size_t max_piece = kMaxPiece);

// Table multiplicities, sparse (runs of non-zero counts); add_table_counts adds such bytes to
// `into` (bounds-checked: table count, rows, runs inside the table).
std::vector<std::uint8_t> encode_table_counts(const TableSet& t);
Status add_table_counts(std::span<const std::uint8_t> bytes, TableSet& into);

// The handshake fields of this rank: name, value.
using HandshakeFields = std::vector<std::pair<std::string, std::string>>;
HandshakeFields handshake_fields(const ProveOptions& o, const stark::StarkParams& params,
                                 const stark::Digest& vk_digest, std::span<const std::uint8_t> elf,
                                 std::span<const std::uint8_t> input);
std::vector<std::uint8_t> encode_handshake(const HandshakeFields& f);
// Every rank's fields against rank 0's: kInvalidArgument "rank 1 does not match rank 0: <field>
// '<value>' (rank 0: '<value>') ..." on the first difference.
Status check_handshake(const RankBytes& all);

// A short hex digest of bytes (Poseidon2 transcript; for the handshake, not for security).
std::string bytes_digest_hex(std::span<const std::uint8_t> bytes);

std::uint64_t instance_cost(const stark::AirShape& shape, unsigned log_height);

class Assigner {
 public:
  explicit Assigner(int ranks) : loads_(static_cast<std::size_t>(ranks), 0) {}
  // The least loaded rank (lowest on a tie) takes the instance.
  int assign(std::uint64_t cost);
  // A batch known at once: largest cost first (ties by position), each to the least loaded.
  std::vector<int> assign_batch(std::span<const std::uint64_t> costs);
  const std::vector<std::uint64_t>& loads() const { return loads_; }

 private:
  std::vector<std::uint64_t> loads_;
};

// Stage-1 headers with their positions in the canonical order.
using PositionedHeaders = std::vector<std::pair<std::uint32_t, stark::InstanceHeader>>;
std::vector<std::uint8_t> encode_headers(const PositionedHeaders& h);
Result<PositionedHeaders> decode_headers(std::span<const std::uint8_t> bytes);
// Places every rank's headers at their positions; every position exactly once.
Result<std::vector<stark::InstanceHeader>> merge_headers(const RankBytes& all,
                                                         std::size_t num_instances);

// Instance proofs with their positions (stark proof encoding inside).
std::vector<std::uint8_t> encode_instance_proofs(const std::vector<std::uint32_t>& positions,
                                                 const stark::Proof& partial);
// Fills proof.instances (already sized to the instance count) from every rank's bytes.
Status merge_instance_proofs(const RankBytes& all, stark::Proof& proof);

// The ZISKC_TEST_MPI_DIE hook (see above).
void maybe_die_for_tests(const Communicator& comm, std::string_view phase);

}  // namespace ziskc::prover
