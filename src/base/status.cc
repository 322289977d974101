// Names and exit codes of the error codes.
#include "base/status.h"

namespace ziskc {

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk: return "ok";
    case ErrorCode::kVerifyFailed: return "verification failed";
    case ErrorCode::kMalformedProof: return "malformed proof";
    case ErrorCode::kInvalidArgument: return "invalid argument";
    case ErrorCode::kBadElf: return "bad ELF";
    case ErrorCode::kBadInput: return "bad input";
    case ErrorCode::kGuestFault: return "guest fault";
    case ErrorCode::kIo: return "I/O error";
    case ErrorCode::kUnsupported: return "not supported yet";
    case ErrorCode::kInternal: return "internal error";
  }
  return "unknown";
}

int exit_code_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk: return 0;
    case ErrorCode::kVerifyFailed:
    case ErrorCode::kMalformedProof: return 1;
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kBadElf:
    case ErrorCode::kBadInput:
    case ErrorCode::kGuestFault:
    case ErrorCode::kIo: return 2;
    case ErrorCode::kUnsupported:
    case ErrorCode::kInternal: return 3;
  }
  return 3;
}

}  // namespace ziskc
