// Names of column lifetimes, extents and element types (for saved states and error messages).
#include "sim/columns.h"

namespace regsim::sim {

const char* lifetime_name(Lifetime l) {
  switch (l) {
    case Lifetime::Persistent:
      return "persistent";
    case Lifetime::Year:
      return "year";
    case Lifetime::Flow:
      return "tick";
    case Lifetime::Cache:
      return "cache";
    case Lifetime::Output:
      return "output";
  }
  return "?";
}

const char* extent_name(Extent e) {
  switch (e) {
    case Extent::Scalar:
      return "scalar";
    case Extent::Track:
      return "track";
    case Extent::City:
      return "city";
    case Extent::Cell:
      return "cell";
    case Extent::TrackPair:
      return "track_pair";
    case Extent::Firm:
      return "firm";
    case Extent::IssuedId:
      return "firm_id";
    case Extent::Order:
      return "order";
  }
  return "?";
}

const char* element_type_name(ElementType t) {
  switch (t) {
    case ElementType::F64:
      return "f64";
    case ElementType::I64:
      return "i64";
    case ElementType::U64:
      return "u64";
    case ElementType::I32:
      return "i32";
    case ElementType::U32:
      return "u32";
    case ElementType::U8:
      return "u8";
  }
  return "?";
}

}  // namespace regsim::sim
