// Out-of-line parts of the AIR vocabulary.
#include "stark/air_types.h"

namespace ziskc::stark {

const char* constraint_kind_name(ConstraintKind k) {
  switch (k) {
    case ConstraintKind::kEveryRow:
      return "every row";
    case ConstraintKind::kFirstRow:
      return "first row";
    case ConstraintKind::kLastRow:
      return "last row";
    case ConstraintKind::kTransition:
      return "transition";
  }
  return "?";
}

}  // namespace ziskc::stark
