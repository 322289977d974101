// Program keys (keys.h).
#include "prover/keys.h"

#include <fmt/format.h>

#include <chrono>

#include "prover/machines.h"
#include "prover/table_cache.h"
#include "sm/rom/encoding.h"
#include "stark/shape.h"

namespace ziskc::prover {

Result<verifier::Statement> program_statement(const zisk::Rom& rom) {
  verifier::Statement s;
  s.layout = rom.layout_kind();
  s.rom_log_height = sm::rom_log_height(rom.size());
  s.rom_data_lo = rom.rom_data_lo();
  s.rom_data_hi = rom.rom_data_hi();
  if (s.rom_data_lo != s.rom_data_hi) {
    // The BIOS initialises every ROM-data word with one store (zisk/bios.cc); the chain's end
    // sentinel carries the last one's value.
    bool found = false;
    for (const zisk::ZiskInst& z : rom.insts()) {
      if (z.bios_init && z.store == zisk::StoreKind::kInd && z.a_src == zisk::SrcA::kImm &&
          z.a_value + static_cast<std::uint64_t>(z.store_offset) == s.rom_data_hi - 8) {
        s.rom_data_last = z.b_value;
        found = true;
        break;
      }
    }
    if (!found) {
      return make_error(ErrorCode::kInternal,
                        "rom-setup: no BIOS initialisation of the last ROM-data word 0x{:x}",
                        s.rom_data_hi - 8);
    }
  }
  if (Status st = verifier::check_statement(s); !st) {
    return Status(ErrorCode::kInternal, "rom-setup: " + st.message());
  }
  return s;
}

stark::StarkParams default_params() {
  Result<stark::StarkParams> p = stark::make_params({});
  ZISKC_CHECK(p.is_ok(), "default STARK parameters");
  return *p;
}

Result<ProgramKeys> make_keys(const zisk::Rom& rom, const KeyOptions& options, KeyStats* stats) {
  const auto t0 = std::chrono::steady_clock::now();
  ZISKC_RETURN_IF_ERROR(stark::validate_params(options.params));
  ZISKC_ASSIGN_OR_RETURN(verifier::Statement statement, program_statement(rom));
  ProgramKeys keys;
  stark::ProvingKey& pk = keys.pk;
  pk.params = options.params;
  pk.airs = verifier::make_airs(statement);
  for (const stark::AirPtr& a : pk.airs) {
    ZISKC_ASSIGN_OR_RETURN(
        stark::AirShape shape,
        stark::analyze_air(*a, static_cast<int>(options.params.max_constraint_degree())));
    pk.shapes.push_back(std::move(shape));
  }
  pk.vk.airs = stark::air_ids(pk.airs);

  auto add_fixed = [&](verifier::AirKind kind, unsigned log_height,
                       std::unique_ptr<stark::CommittedTrace> c) {
    pk.vk.fixed_roots.push_back({verifier::air_id(kind), log_height, c->root()});
    pk.fixed_air.push_back(verifier::air_id(kind));
    pk.fixed_log.push_back(log_height);
    pk.fixed.push_back(std::move(c));
  };
  // The program: the ROM's fixed columns (its root is the program commitment).
  ZISKC_ASSIGN_OR_RETURN(poly::RowMajorMatrix rom_fixed, sm::rom_fixed_columns(rom));
  ZISKC_ASSIGN_OR_RETURN(stark::CommittedTrace rom_c,
                         stark::commit_trace(std::move(rom_fixed), options.params.log_blowup));
  add_fixed(verifier::AirKind::kRom, statement.rom_log_height,
            std::make_unique<stark::CommittedTrace>(std::move(rom_c)));
  // The tables, in air order (after the ROM), through the cache.
  const std::string dir = !options.use_cache          ? std::string()
                          : options.cache_dir.empty() ? default_cache_dir()
                                                      : options.cache_dir;
  for (const verifier::AirEntry& e : verifier::air_table()) {
    if (e.role != verifier::AirRole::kTable) continue;
    const TableDef* def = table_def(e.kind);
    ZISKC_CHECK(def != nullptr && def->rows == (std::size_t{1} << e.table_log_height),
                "every table AIR has a TableDef of its height");
    ZISKC_ASSIGN_OR_RETURN(poly::RowMajorMatrix fixed, def->fixed_columns());
    const std::string& name = pk.airs[verifier::air_id(e.kind)]->info().name;
    ZISKC_ASSIGN_OR_RETURN(CommittedTable t,
                           commit_table(name, std::move(fixed), options.params.log_blowup, dir));
    if (stats != nullptr) {
      if (t.outcome == CacheOutcome::kHit) {
        ++stats->tables_from_cache;
      } else {
        ++stats->tables_committed;
        if (t.outcome == CacheOutcome::kCorrupted) ++stats->tables_rebuilt;
      }
    }
    add_fixed(e.kind, e.table_log_height, std::move(t.committed));
  }
  pk.vk_digest = pk.vk.digest();
  keys.vk = {.statement = statement, .params = options.params, .stark_vk = pk.vk};
  keys.vk_digest = verifier::vk_digest(keys.vk);
  if (stats != nullptr) {
    stats->seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }
  return keys;
}

}  // namespace ziskc::prover
