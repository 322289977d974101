// The verification key file (layout in vk.h).
#include "verifier/vk.h"

#include <fmt/format.h>

#include <cstring>

#include "verifier/codec.h"

namespace ziskc::verifier {
namespace {

constexpr char kMagic[8] = {'Z', 'I', 'S', 'K', 'C', 'V', 'K', '1'};
constexpr std::size_t kMaxAirs = 256;
constexpr std::size_t kMaxAirName = 64;
constexpr std::size_t kMaxFixedRoots = 1024;
constexpr std::size_t kMaxColumns = 1u << 16;

using field::Fe;

void push_string(std::vector<Fe>& out, const std::string& s) {
  out.push_back(Fe::from_u64(s.size()));
  for (std::size_t i = 0; i < s.size(); i += 7) {
    std::uint64_t w = 0;
    for (std::size_t j = 0; j < 7 && i + j < s.size(); ++j) {
      w |= std::uint64_t{static_cast<unsigned char>(s[i + j])} << (8 * j);
    }
    out.push_back(Fe::from_canonical(w));
  }
}

stark::Digest hash_elements(std::vector<Fe> enc) {
  // A length prefix makes the unpadded row hash injective on variable-length input.
  enc.insert(enc.begin(), Fe::from_u64(enc.size()));
  return hash::hash_row<16>(enc);
}

std::uint32_t layout_code(zisk::LayoutKind k) { return k == zisk::LayoutKind::kZisk ? 0 : 1; }

}  // namespace

const stark::FixedRoot* VerificationKey::program_root() const {
  return stark_vk.find_fixed(air_id(AirKind::kRom), statement.rom_log_height);
}

stark::Digest air_set_digest(std::span<const stark::AirId> airs) {
  std::vector<Fe> enc;
  push_string(enc, "ziskc-zkvm-airs-v1");
  enc.push_back(Fe::from_u64(airs.size()));
  for (const stark::AirId& a : airs) {
    push_string(enc, a.name);
    for (std::uint32_t v : {a.num_main, a.num_fixed, a.num_public_values, a.num_instance_values})
      enc.push_back(Fe::from_u64(v));
  }
  return hash_elements(std::move(enc));
}

stark::Digest vk_digest(const VerificationKey& vk) {
  std::vector<Fe> enc;
  push_string(enc, "ziskc-zkvm-vk-v1");
  const Statement& s = vk.statement;
  enc.push_back(Fe::from_u64(layout_code(s.layout)));
  enc.push_back(Fe::from_u64(s.rom_log_height));
  for (std::uint64_t v : {s.rom_data_lo, s.rom_data_hi, s.rom_data_last}) {
    enc.push_back(Fe::from_u64(v & 0xFFFFFFFF));
    enc.push_back(Fe::from_u64(v >> 32));
  }
  const stark::StarkParams& p = vk.params;
  for (std::uint32_t v :
       {p.log_blowup, p.log_fold, p.log_final_degree, p.grinding_bits, p.num_queries})
    enc.push_back(Fe::from_u64(v));
  const stark::Digest sd = vk.stark_vk.digest();
  enc.insert(enc.end(), sd.v.begin(), sd.v.end());
  return hash_elements(std::move(enc));
}

std::vector<std::uint8_t> encode_vk(const VerificationKey& vk) {
  base::ByteWriter w;
  w.bytes({reinterpret_cast<const std::uint8_t*>(kMagic), sizeof kMagic});
  w.u32(kVkVersion);
  const Statement& s = vk.statement;
  w.u32(layout_code(s.layout));
  w.u32(s.rom_log_height);
  w.u64(s.rom_data_lo);
  w.u64(s.rom_data_hi);
  w.u64(s.rom_data_last);
  const stark::StarkParams& p = vk.params;
  for (std::uint32_t v :
       {p.log_blowup, p.log_fold, p.log_final_degree, p.grinding_bits, p.num_queries})
    w.u32(v);
  internal::put_digest(w, air_set_digest(vk.stark_vk.airs));
  w.u32(static_cast<std::uint32_t>(vk.stark_vk.airs.size()));
  for (const stark::AirId& a : vk.stark_vk.airs) {
    w.u32(static_cast<std::uint32_t>(a.name.size()));
    w.bytes({reinterpret_cast<const std::uint8_t*>(a.name.data()), a.name.size()});
    for (std::uint32_t v : {a.num_main, a.num_fixed, a.num_public_values, a.num_instance_values})
      w.u32(v);
  }
  w.u32(static_cast<std::uint32_t>(vk.stark_vk.fixed_roots.size()));
  for (const stark::FixedRoot& f : vk.stark_vk.fixed_roots) {
    w.u32(f.air_id);
    w.u32(f.log_height);
    internal::put_digest(w, f.root);
  }
  return w.take();
}

Result<VerificationKey> decode_vk(std::span<const std::uint8_t> bytes) {
  internal::Reader r(bytes, "vk", ErrorCode::kBadInput);
  if (bytes.size() > kMaxVkBytes) {
    return r.fail("size", fmt::format("{} bytes exceed the limit {}", bytes.size(), kMaxVkBytes));
  }
  ZISKC_ASSIGN_OR_RETURN(auto magic, r.bytes("magic", sizeof kMagic));
  if (std::memcmp(magic.data(), kMagic, sizeof kMagic) != 0) {
    return Status(ErrorCode::kBadInput, "vk: magic: not a ziskc verification key");
  }
  ZISKC_ASSIGN_OR_RETURN(std::uint32_t version, r.u32("version"));
  if (version != kVkVersion) {
    return r.fail("version", fmt::format("version {} is not supported (this ziskc reads {})",
                                         version, kVkVersion));
  }
  VerificationKey vk;
  Statement& s = vk.statement;
  ZISKC_ASSIGN_OR_RETURN(std::uint32_t layout, r.u32("layout"));
  if (layout > 1) return r.fail("layout", fmt::format("unknown layout {}", layout));
  s.layout = layout == 0 ? zisk::LayoutKind::kZisk : zisk::LayoutKind::kZisk018;
  ZISKC_ASSIGN_OR_RETURN(s.rom_log_height, r.u32("rom_log_height"));
  ZISKC_ASSIGN_OR_RETURN(s.rom_data_lo, r.u64("rom_data_lo"));
  ZISKC_ASSIGN_OR_RETURN(s.rom_data_hi, r.u64("rom_data_hi"));
  ZISKC_ASSIGN_OR_RETURN(s.rom_data_last, r.u64("rom_data_last"));
  stark::StarkParams& p = vk.params;
  ZISKC_ASSIGN_OR_RETURN(p.log_blowup, r.u32("params.log_blowup"));
  ZISKC_ASSIGN_OR_RETURN(p.log_fold, r.u32("params.log_fold"));
  ZISKC_ASSIGN_OR_RETURN(p.log_final_degree, r.u32("params.log_final_degree"));
  ZISKC_ASSIGN_OR_RETURN(p.grinding_bits, r.u32("params.grinding_bits"));
  ZISKC_ASSIGN_OR_RETURN(p.num_queries, r.u32("params.num_queries"));
  const std::size_t set_digest_at = r.offset();
  ZISKC_ASSIGN_OR_RETURN(stark::Digest set_digest, r.digest("air_set_digest"));
  ZISKC_ASSIGN_OR_RETURN(std::size_t num_airs, r.count("airs", kMaxAirs, 20));
  vk.stark_vk.airs.resize(num_airs);
  for (std::size_t i = 0; i < num_airs; ++i) {
    stark::AirId& a = vk.stark_vk.airs[i];
    const std::string path = fmt::format("airs[{}]", i);
    ZISKC_ASSIGN_OR_RETURN(std::size_t len, r.count(path + ".name", kMaxAirName, 1));
    ZISKC_ASSIGN_OR_RETURN(auto name, r.bytes(path + ".name", len));
    a.name.assign(reinterpret_cast<const char*>(name.data()), name.size());
    std::uint32_t* fields[] = {&a.num_main, &a.num_fixed, &a.num_public_values,
                               &a.num_instance_values};
    const char* names[] = {".num_main", ".num_fixed", ".num_public_values", ".num_instance_values"};
    for (int k = 0; k < 4; ++k) {
      ZISKC_ASSIGN_OR_RETURN(*fields[k], r.u32(path + names[k]));
      if (*fields[k] > kMaxColumns) {
        return r.fail(path + names[k],
                      fmt::format("{} exceeds the limit {}", *fields[k], kMaxColumns));
      }
    }
  }
  ZISKC_ASSIGN_OR_RETURN(std::size_t num_roots, r.count("fixed_roots", kMaxFixedRoots, 40));
  vk.stark_vk.fixed_roots.resize(num_roots);
  for (std::size_t i = 0; i < num_roots; ++i) {
    stark::FixedRoot& f = vk.stark_vk.fixed_roots[i];
    const std::string path = fmt::format("fixed_roots[{}]", i);
    ZISKC_ASSIGN_OR_RETURN(f.air_id, r.u32(path + ".air_id"));
    if (f.air_id >= num_airs) {
      return r.fail(path + ".air_id", fmt::format("air {} of {}", f.air_id, num_airs));
    }
    ZISKC_ASSIGN_OR_RETURN(f.log_height, r.u32(path + ".log_height"));
    if (f.log_height < 2 || f.log_height > stark::kMaxLogHeight) {
      return r.fail(path + ".log_height", fmt::format("{} unsupported", f.log_height));
    }
    if (i > 0) {
      const stark::FixedRoot& prev = vk.stark_vk.fixed_roots[i - 1];
      if (std::pair(prev.air_id, prev.log_height) >= std::pair(f.air_id, f.log_height)) {
        return r.fail(path, "fixed roots are not sorted by (air_id, log_height)");
      }
    }
    ZISKC_ASSIGN_OR_RETURN(f.root, r.digest(path + ".root"));
  }
  ZISKC_RETURN_IF_ERROR(r.expect_end());
  if (!(air_set_digest(vk.stark_vk.airs) == set_digest)) {
    return Status(
        ErrorCode::kBadInput,
        fmt::format("vk: air_set_digest (at byte {}): does not match the AIR list", set_digest_at));
  }
  if (Status st = check_statement(s); !st)
    return Status(ErrorCode::kBadInput, "vk: " + st.message());
  if (Status st = stark::validate_params(p); !st) {
    return Status(ErrorCode::kBadInput, "vk: " + st.message());
  }
  return vk;
}

Status check_vk_airs(const VerificationKey& vk) {
  const std::vector<stark::AirPtr> airs = make_airs(vk.statement);
  const std::vector<stark::AirId> ids = stark::air_ids(airs);
  if (ids != vk.stark_vk.airs) {
    return make_error(ErrorCode::kVerifyFailed,
                      "vk: the key's AIR set (digest {}) is not this ziskc's (digest {}): the key "
                      "was made by another version",
                      digest_hex(air_set_digest(vk.stark_vk.airs)),
                      digest_hex(air_set_digest(ids)));
  }
  if (vk.program_root() == nullptr) {
    return make_error(ErrorCode::kVerifyFailed, "vk: no ROM root at height 2^{}",
                      vk.statement.rom_log_height);
  }
  for (const AirEntry& e : air_table()) {
    if (e.role != AirRole::kTable) continue;
    if (vk.stark_vk.find_fixed(air_id(e.kind), e.table_log_height) == nullptr) {
      return make_error(ErrorCode::kVerifyFailed, "vk: no fixed root for table '{}' at 2^{}",
                        ids[air_id(e.kind)].name, e.table_log_height);
    }
  }
  return Status::ok();
}

std::string digest_hex(const stark::Digest& d) {
  std::string s = "0x";
  for (Fe v : d.v) {
    const std::uint64_t x = v.value();
    for (int b = 0; b < 8; ++b) s += fmt::format("{:02x}", (x >> (8 * b)) & 0xFF);
  }
  return s;
}

}  // namespace ziskc::verifier
