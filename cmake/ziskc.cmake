# Helpers shared by every folder's CMakeLists.txt.

# ziskc_test(NAME LABEL SOURCES... LIBS ... [TIMEOUT s] [PREFIX p]): a GoogleTest binary
# registered with ctest under the given label (field, poly, hash, stark, emu, sm, e2e, ...).
# Two binaries built from one source need a PREFIX on one of them: ctest properties are set by
# test name, so without it the second binary's label would also land on the first one's tests.
function(ziskc_test name label)
  if(NOT ZISKC_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(T "" "TIMEOUT;PREFIX" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_LIBS} GTest::gtest GTest::gtest_main)
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/src)
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 600)
  endif()
  gtest_discover_tests(${name} TEST_PREFIX "${T_PREFIX}" PROPERTIES LABELS ${label}
                       TIMEOUT ${T_TIMEOUT} DISCOVERY_TIMEOUT 60)
endfunction()

# ziskc_bench(NAME SOURCES... LIBS ...): a Google Benchmark binary (run by `make bench`).
function(ziskc_bench name)
  if(NOT ZISKC_BUILD_BENCH)
    return()
  endif()
  cmake_parse_arguments(B "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${B_SOURCES})
  target_link_libraries(${name} PRIVATE ${B_LIBS} benchmark::benchmark)
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/src)
endfunction()
