# The compiler and linker flags of a ziskc guest: the one definition shared by the runtime build
# (guest/CMakeLists.txt), the CMake toolchain file and `ziskc build` (src/sdk, which gets them as
# compile definitions). Change them here only.
#
# -march: rv64ima plus the CSR instructions (zicsr: every VM call is a CSR instruction) and
# fence.i; Debian's binutils 2.40 wants zicsr/zifencei spelled out. The libraries are linked with
# -march=rv64im instead: that only selects picolibc's and libgcc's rv64im/lp64 multilib (Debian
# ships no rv64ima one and the rv64ia one has no hardware multiply), the code is the same ABI.
set(ZISKC_GUEST_COMPILE_FLAGS
    -march=rv64ima_zicsr_zifencei -mabi=lp64 -mcmodel=medany --specs=picolibc.specs
    -ffunction-sections -fdata-sections)
# Extra flags for C++: no libstdc++ exists for the cross toolchain, so no exceptions or RTTI.
set(ZISKC_GUEST_CXX_FLAGS -fno-exceptions -fno-rtti -fno-threadsafe-statics)
# Link flags, before the objects (the linker script is added by each user: -T <sdk>/zisk.ld).
set(ZISKC_GUEST_LINK_FLAGS
    --specs=picolibc.specs -march=rv64im -mabi=lp64 -mcmodel=medany -nostartfiles -static
    -Wl,--gc-sections)
# Libraries, after the objects: the runtime first so its memcpy & co and stdio replace libc's.
set(ZISKC_GUEST_LINK_LIBS -Wl,--start-group -lziskc_guest -lc -lgcc -Wl,--end-group)
# Debian packages that provide the cross toolchain (named in every "not found" error).
set(ZISKC_GUEST_PACKAGES "gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf")
