# CMake toolchain file for ziskc guests (C, C++, assembly) for ZisK's layout `zisk`:
#
#   cmake -S my-guest -B build -DCMAKE_TOOLCHAIN_FILE=<sdk>/cmake/ziskc-guest-toolchain.cmake
#   cmake --build build            # add_executable(app main.c) gives build/app.elf
#
# <sdk> is the ziskc guest SDK: <ziskc build dir>/share/ziskc/guest, or <prefix>/share/ziskc/guest
# once installed; it holds include/, lib/libziskc_guest.a, zisk.ld and this file. Run from the
# source tree (guest/cmake/), set ZISKC_SDK_DIR (cache or environment) to one of those.
# Every flag comes from ziskc-guest-flags.cmake, the same list `ziskc build` uses.
cmake_minimum_required(VERSION 3.20)

set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR riscv64)

if(NOT ZISKC_SDK_DIR AND DEFINED ENV{ZISKC_SDK_DIR})
  set(ZISKC_SDK_DIR "$ENV{ZISKC_SDK_DIR}")
endif()
if(NOT ZISKC_SDK_DIR)
  get_filename_component(ZISKC_SDK_DIR "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
endif()
set(ZISKC_SDK_DIR "${ZISKC_SDK_DIR}" CACHE PATH "ziskc guest SDK (include/, lib/, zisk.ld)")
# try_compile projects run this file again: hand them the SDK location.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES ZISKC_SDK_DIR)
if(NOT EXISTS "${ZISKC_SDK_DIR}/lib/libziskc_guest.a" OR NOT EXISTS "${ZISKC_SDK_DIR}/zisk.ld")
  message(FATAL_ERROR
          "ziskc guest SDK not found in '${ZISKC_SDK_DIR}' (no lib/libziskc_guest.a or zisk.ld): "
          "build ziskc first and use <build>/share/ziskc/guest/cmake/ziskc-guest-toolchain.cmake, "
          "or pass -DZISKC_SDK_DIR=<build>/share/ziskc/guest")
endif()
include("${ZISKC_SDK_DIR}/cmake/ziskc-guest-flags.cmake")

find_program(ZISKC_GUEST_GCC riscv64-unknown-elf-gcc)
find_program(ZISKC_GUEST_GXX riscv64-unknown-elf-g++)
if(NOT ZISKC_GUEST_GCC OR NOT ZISKC_GUEST_GXX)
  message(FATAL_ERROR "riscv64-unknown-elf-gcc/g++ not found: install the Debian packages "
                      "${ZISKC_GUEST_PACKAGES} (ziskc's scripts/install-deps.sh does)")
endif()
set(CMAKE_C_COMPILER "${ZISKC_GUEST_GCC}")
set(CMAKE_CXX_COMPILER "${ZISKC_GUEST_GXX}")
set(CMAKE_ASM_COMPILER "${ZISKC_GUEST_GCC}")
# No host libraries or programs in the guest; and no executable for CMake's compiler checks.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

list(JOIN ZISKC_GUEST_COMPILE_FLAGS " " _zc_compile)
list(JOIN ZISKC_GUEST_CXX_FLAGS " " _zc_cxx)
# CMake's link rules pass the compile flags too, and gcc refuses a specs file given twice.
set(_zc_link_flags ${ZISKC_GUEST_LINK_FLAGS})
list(REMOVE_ITEM _zc_link_flags --specs=picolibc.specs)
list(JOIN _zc_link_flags " " _zc_link)
list(JOIN ZISKC_GUEST_LINK_LIBS " " _zc_libs)
set(_zc_inc "-isystem \"${ZISKC_SDK_DIR}/include\"")
set(CMAKE_C_FLAGS_INIT "${_zc_compile} ${_zc_inc}")
set(CMAKE_ASM_FLAGS_INIT "${_zc_compile} ${_zc_inc}")
set(CMAKE_CXX_FLAGS_INIT "${_zc_compile} ${_zc_cxx} ${_zc_inc}")
set(CMAKE_EXE_LINKER_FLAGS_INIT
    "${_zc_link} -T \"${ZISKC_SDK_DIR}/zisk.ld\" -L\"${ZISKC_SDK_DIR}/lib\"")
set(CMAKE_C_STANDARD_LIBRARIES "${_zc_libs}")
set(CMAKE_CXX_STANDARD_LIBRARIES "${_zc_libs}")
set(CMAKE_EXECUTABLE_SUFFIX_C ".elf")
set(CMAKE_EXECUTABLE_SUFFIX_CXX ".elf")
set(CMAKE_EXECUTABLE_SUFFIX_ASM ".elf")
# g++ would add -lstdc++, which the cross toolchain lacks: link C++ guests with gcc.
set(CMAKE_CXX_LINK_EXECUTABLE
    "\"${ZISKC_GUEST_GCC}\" <FLAGS> <CMAKE_CXX_LINK_FLAGS> <LINK_FLAGS> <OBJECTS> -o <TARGET> <LINK_LIBRARIES>")
