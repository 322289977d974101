// Inputs and host references of the example guests (see example_data.h).
#include "examples/host/example_data.h"

#include <fmt/format.h>
#include <openssl/sha.h>

#include <algorithm>
#include <cstring>

#include "base/bytes.h"

namespace ziskc::examples {
namespace {

constexpr std::array<std::string_view, 9> kNames = {
    "fibonacci", "sha256",  "sha256_precompile", "keccak", "keccak_precompile",
    "sort",      "records", "cxx_primes",        "collatz"};

// sha256_precompile is the sha256 example with the compression through the precompile: same
// input and outputs.
bool is_sha256(std::string_view example) {
  return example == "sha256" || example == "sha256_precompile";
}

// keccak_precompile is the keccak example with keccak-f through the precompile: same input and
// outputs.
bool is_keccak(std::string_view example) {
  return example == "keccak" || example == "keccak_precompile";
}

std::uint64_t splitmix64(std::uint64_t& s) {
  std::uint64_t z = (s += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// Word i of a 32-byte digest committed with zisk_commit: bytes 4i..4i+3, little-endian.
void put_digest(Outputs& out, const std::array<std::uint8_t, 32>& d) {
  for (int i = 0; i < 8; ++i) out[i] = base::load_le32(d.data() + 4 * i);
}

Status expect_count(std::string_view example, std::span<const Record> r, std::size_t n) {
  if (r.size() < n) {
    return make_error(ErrorCode::kBadInput, "{}: expected {} input record(s), got {}", example, n,
                      r.size());
  }
  return Status::ok();
}

Result<std::uint64_t> scalar(std::string_view example, const Record& r, std::size_t width) {
  if (r.size() != width) {
    return make_error(ErrorCode::kBadInput, "{}: expected a {}-byte record, got {} bytes", example,
                      width, r.size());
  }
  std::uint64_t v = 0;
  std::memcpy(&v, r.data(), width);
  return v;
}

std::uint64_t rotl(std::uint64_t x, unsigned n) { return n == 0 ? x : (x << n) | (x >> (64 - n)); }

}  // namespace

std::span<const std::string_view> example_names() { return kNames; }

std::vector<std::uint8_t> encode_records(std::span<const Record> records) {
  base::ByteWriter w;
  for (const Record& r : records) {
    w.u64(r.size());
    w.bytes(r);
    for (std::size_t i = r.size(); i % 8 != 0; ++i) w.u8(0);
  }
  return w.take();
}

Result<std::vector<Record>> decode_records(std::span<const std::uint8_t> file) {
  base::ByteReader rd(file, "input file");
  std::vector<Record> out;
  // ByteReader reports a proof-format error code: an input file is guest input (kBadInput).
  auto bad = [](const Status& st) { return Status(ErrorCode::kBadInput, st.message()); };
  while (!rd.at_end()) {
    auto len = rd.read_count("record length", rd.remaining());
    if (!len) return bad(len.status());
    auto bytes = rd.bytes("record data", *len);
    if (!bytes) return bad(bytes.status());
    out.emplace_back(bytes->begin(), bytes->end());
    const std::size_t pad = std::min<std::size_t>((8 - *len % 8) % 8, rd.remaining());
    if (Status st = rd.skip("record padding", pad); !st) return bad(st);
  }
  return out;
}

std::vector<std::uint8_t> pseudo_random_bytes(std::size_t n, std::uint64_t seed) {
  std::vector<std::uint8_t> out(n);
  std::uint64_t s = seed;
  for (std::size_t i = 0; i < n; i += 8) {
    const std::uint64_t v = splitmix64(s);
    std::memcpy(out.data() + i, &v, std::min<std::size_t>(8, n - i));
  }
  return out;
}

Record u32_record(std::uint32_t v) {
  Record r(4);
  std::memcpy(r.data(), &v, 4);
  return r;
}

Record u64_record(std::uint64_t v) {
  Record r(8);
  std::memcpy(r.data(), &v, 8);
  return r;
}

Result<std::vector<Record>> make_input(std::string_view example, std::uint64_t size,
                                       std::uint64_t seed) {
  constexpr std::uint64_t kMaxBytes = 1ull << 28;  // 256 MiB: far above any benchmark input
  if (size > kMaxBytes) {
    return make_error(ErrorCode::kInvalidArgument, "{}: size {} is above {}", example, size,
                      kMaxBytes);
  }
  if (example == "fibonacci") return std::vector<Record>{u64_record(size ? size : 1000)};
  if (is_sha256(example) || is_keccak(example)) {
    return std::vector<Record>{pseudo_random_bytes(size ? size : 1000, seed)};
  }
  if (example == "sort")
    return std::vector<Record>{pseudo_random_bytes(4 * (size ? size : 1000), seed)};
  if (example == "cxx_primes") {
    return std::vector<Record>{u32_record(static_cast<std::uint32_t>(size ? size : 10000))};
  }
  if (example == "collatz") {
    return std::vector<Record>{u32_record(static_cast<std::uint32_t>(size ? size : 1000))};
  }
  if (example == "records") {
    // Lengths around the 8-byte padding, including an empty record.
    std::vector<Record> r{u32_record(6)};
    const char* text = "hello, ziskc";
    r.emplace_back(text, text + std::strlen(text));
    for (std::size_t len : {0, 1, 7, 8, 100}) r.push_back(pseudo_random_bytes(len, seed + len));
    return r;
  }
  return make_error(ErrorCode::kInvalidArgument, "unknown example '{}'", example);
}

Result<Outputs> expected_outputs(std::string_view example, std::span<const Record> records) {
  Outputs out{};
  if (example == "fibonacci") {
    ZISKC_RETURN_IF_ERROR(expect_count(example, records, 1));
    ZISKC_ASSIGN_OR_RETURN(std::uint64_t n, scalar(example, records[0], 8));
    std::uint64_t a = 0, b = 1;
    for (std::uint64_t i = 0; i < n; ++i) {
      const std::uint64_t t = a + b;
      a = b;
      b = t;
    }
    out[0] = static_cast<std::uint32_t>(n);
    out[1] = static_cast<std::uint32_t>(a);
    out[2] = static_cast<std::uint32_t>(a >> 32);
    return out;
  }
  if (is_sha256(example) || is_keccak(example)) {
    ZISKC_RETURN_IF_ERROR(expect_count(example, records, 1));
    put_digest(out, is_sha256(example) ? sha256(records[0]) : keccak256(records[0]));
    out[8] = static_cast<std::uint32_t>(records[0].size());
    return out;
  }
  if (example == "sort") {
    ZISKC_RETURN_IF_ERROR(expect_count(example, records, 1));
    if (records[0].size() % 4 != 0) {
      return make_error(ErrorCode::kBadInput, "sort: record of {} bytes", records[0].size());
    }
    std::vector<std::uint32_t> v(records[0].size() / 4);
    std::memcpy(v.data(), records[0].data(), records[0].size());
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    out[0] = static_cast<std::uint32_t>(n);
    if (n > 0) {
      out[1] = v.front();
      out[2] = v.back();
      out[3] = v[n / 2];
      for (std::size_t i = 0; i < n; ++i) out[4] += static_cast<std::uint32_t>(i + 1) * v[i];
    }
    return out;
  }
  if (example == "records") {
    ZISKC_RETURN_IF_ERROR(expect_count(example, records, 1));
    ZISKC_ASSIGN_OR_RETURN(std::uint64_t k, scalar(example, records[0], 4));
    if (k > 62) return make_error(ErrorCode::kBadInput, "records: count {} > 62", k);
    ZISKC_RETURN_IF_ERROR(expect_count(example, records, 1 + k));
    out[0] = static_cast<std::uint32_t>(k);
    for (std::uint64_t i = 0; i < k; ++i) {
      out[1] += static_cast<std::uint32_t>(records[1 + i].size());
      out[2 + i] = fnv1a32(records[1 + i]);
    }
    return out;
  }
  if (example == "cxx_primes") {
    ZISKC_RETURN_IF_ERROR(expect_count(example, records, 1));
    ZISKC_ASSIGN_OR_RETURN(std::uint64_t limit, scalar(example, records[0], 4));
    out[0] = static_cast<std::uint32_t>(limit);
    // Trial division: a different algorithm from the guest's sieve.
    for (std::uint64_t p = 2; p < limit; ++p) {
      bool prime = true;
      for (std::uint64_t d = 2; d * d <= p; ++d) {
        if (p % d == 0) {
          prime = false;
          break;
        }
      }
      if (prime) {
        ++out[1];
        out[2] += static_cast<std::uint32_t>(p);
      }
    }
    out[3] = 0xC0FFEE;
    return out;
  }
  if (example == "collatz") {
    ZISKC_RETURN_IF_ERROR(expect_count(example, records, 1));
    ZISKC_ASSIGN_OR_RETURN(std::uint64_t limit, scalar(example, records[0], 4));
    out[0] = static_cast<std::uint32_t>(limit);
    for (std::uint64_t n = 1; n < limit; ++n) {
      std::uint32_t steps = 0;
      for (std::uint64_t x = n; x != 1; x = x % 2 ? 3 * x + 1 : x / 2) ++steps;
      if (out[1] == 0 || steps > out[2]) {
        out[1] = static_cast<std::uint32_t>(n);
        out[2] = steps;
      }
    }
    return out;
  }
  return make_error(ErrorCode::kInvalidArgument, "unknown example '{}'", example);
}

Result<std::string> expected_console_line(std::string_view example,
                                          std::span<const Record> records) {
  ZISKC_ASSIGN_OR_RETURN(Outputs o, expected_outputs(example, records));
  auto hex = [](const std::array<std::uint8_t, 32>& d) {
    std::string h;
    for (std::uint8_t b : d) h += fmt::format("{:02x}", b);
    return h;
  };
  if (example == "fibonacci") {
    return fmt::format("fibonacci({}) mod 2^64 = {}\n", base::load_le64(records[0].data()),
                       (std::uint64_t{o[2]} << 32) | o[1]);
  }
  if (is_sha256(example)) {
    return fmt::format("sha256({} bytes) = {}\n", records[0].size(), hex(sha256(records[0])));
  }
  if (is_keccak(example)) {
    return fmt::format("keccak256({} bytes) = {}\n", records[0].size(), hex(keccak256(records[0])));
  }
  if (example == "sort") {
    return fmt::format("sorted {} values: min {}, median {}, max {}, checksum {:08x}\n", o[0], o[1],
                       o[3], o[2], o[4]);
  }
  if (example == "records") return fmt::format("{} records, {} bytes\n", o[0], o[1]);
  if (example == "cxx_primes") return fmt::format("{} primes below {}, sum {}\n", o[1], o[0], o[2]);
  if (example == "collatz") {
    return fmt::format("below {}, {} has the longest Collatz sequence: {} steps\n", o[0], o[1],
                       o[2]);
  }
  return make_error(ErrorCode::kInvalidArgument, "unknown example '{}'", example);
}

std::array<std::uint8_t, 32> sha256(std::span<const std::uint8_t> msg) {
  std::array<std::uint8_t, 32> d{};
  SHA256(msg.data(), msg.size(), d.data());
  return d;
}

// FIPS 202 §3.2 step by step: theta, rho (offsets from the (x, y) -> (y, 2x + 3y) walk, as the
// specification defines them), pi, chi, iota (round constants from the rc(t) LFSR).
void keccak_f1600(std::array<std::uint64_t, 25>& a) {
  auto at = [&a](int x, int y) -> std::uint64_t& { return a[x + 5 * y]; };
  std::array<unsigned, 25> rho{};
  for (int t = 0, x = 1, y = 0; t < 24; ++t) {
    rho[x + 5 * y] = static_cast<unsigned>(((t + 1) * (t + 2) / 2) % 64);
    const int nx = y, ny = (2 * x + 3 * y) % 5;
    x = nx;
    y = ny;
  }
  for (int round = 0; round < 24; ++round) {
    std::array<std::uint64_t, 5> c{}, d{};
    for (int x = 0; x < 5; ++x) c[x] = at(x, 0) ^ at(x, 1) ^ at(x, 2) ^ at(x, 3) ^ at(x, 4);
    for (int x = 0; x < 5; ++x) d[x] = c[(x + 4) % 5] ^ rotl(c[(x + 1) % 5], 1);
    for (int y = 0; y < 5; ++y) {
      for (int x = 0; x < 5; ++x) at(x, y) ^= d[x];
    }
    std::array<std::uint64_t, 25> b{};
    for (int y = 0; y < 5; ++y) {
      for (int x = 0; x < 5; ++x) b[y + 5 * ((2 * x + 3 * y) % 5)] = rotl(at(x, y), rho[x + 5 * y]);
    }
    for (int y = 0; y < 5; ++y) {
      for (int x = 0; x < 5; ++x) {
        at(x, y) = b[x + 5 * y] ^ (~b[(x + 1) % 5 + 5 * y] & b[(x + 2) % 5 + 5 * y]);
      }
    }
    std::uint64_t rc = 0;
    for (int j = 0; j <= 6; ++j) {
      // rc(t) per FIPS 202 Algorithm 5, computed by its LFSR on a bit array.
      const int t = j + 7 * round;
      unsigned bit = 1;
      if (t % 255 != 0) {
        std::array<unsigned, 9> r{1, 0, 0, 0, 0, 0, 0, 0, 0};
        for (int i = 1; i <= t % 255; ++i) {
          for (int k = 8; k > 0; --k) r[k] = r[k - 1];
          r[0] = 0;
          r[0] ^= r[8];
          r[4] ^= r[8];
          r[5] ^= r[8];
          r[6] ^= r[8];
        }
        bit = r[0];
      }
      rc |= static_cast<std::uint64_t>(bit) << ((1u << j) - 1);
    }
    at(0, 0) ^= rc;
  }
}

std::array<std::uint8_t, 32> keccak_sponge256(std::span<const std::uint8_t> msg,
                                              std::uint8_t domain) {
  constexpr std::size_t kRate = 136;
  std::vector<std::uint8_t> padded(msg.begin(), msg.end());
  padded.push_back(domain);
  while (padded.size() % kRate != 0) padded.push_back(0);
  padded.back() |= 0x80;
  std::array<std::uint64_t, 25> s{};
  for (std::size_t off = 0; off < padded.size(); off += kRate) {
    for (std::size_t i = 0; i < kRate / 8; ++i)
      s[i] ^= base::load_le64(padded.data() + off + 8 * i);
    keccak_f1600(s);
  }
  std::array<std::uint8_t, 32> out{};
  std::memcpy(out.data(), s.data(), 32);  // lanes are little-endian; host is little-endian
  return out;
}

std::uint32_t fnv1a32(std::span<const std::uint8_t> data) {
  std::uint32_t h = 0x811c9dc5u;
  for (std::uint8_t b : data) h = (h ^ b) * 0x01000193u;
  return h;
}

}  // namespace ziskc::examples
