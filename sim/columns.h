// Column lists of the world's structs: name, lifetime, extent and element type of every member.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "sim/types.h"

namespace regsim::sim {

/// How long a value lives, which decides who resets it and whether it is part of the state.
enum class Lifetime : std::uint8_t {
  Persistent,  ///< carried from one tick to the next: the model's state
  Year,        ///< summed over the current year; end_year rolls it over and zeroes it
  Flow,        ///< a flow of the current tick; begin_tick zeroes it
  Cache,       ///< scratch space or a cache, recomputed from the other columns and the config
  /// Summed over the current year for the output tables only (cells.csv); the model never reads
  /// it. begin_tick zeroes it at the start of a year; saved with the state, but left out of the
  /// state hash, so that a new output never moves the hash.
  Output,
};

/// What a column is indexed by (its length follows from the world's sizes).
enum class Extent : std::uint8_t {
  Scalar,     ///< one value
  Track,      ///< one per track (TrackId)
  City,       ///< one per city (CityId)
  Cell,       ///< one per (city, track), row-major: World::cell(i, k)
  TrackPair,  ///< K x K, row-major
  Firm,       ///< one per active firm, in firm order (rows removed on exit, order kept)
  IssuedId,   ///< one per firm id ever issued
  Order,      ///< one per capacity order under construction
};

/// The element type of a column, for writers and readers of saved states.
enum class ElementType : std::uint8_t { F64, I64, U64, I32, U32, U8 };

const char* lifetime_name(Lifetime l);
const char* extent_name(Extent e);
const char* element_type_name(ElementType t);

/// Everything a consumer of a column needs to know besides its values.
struct ColumnInfo {
  std::string_view group;  ///< the struct it belongs to: "world", "tracks", "cities", ...
  std::string_view name;   ///< the member's name
  Lifetime lifetime;
  Extent extent;
  ElementType type;
};

template <class T>
struct ElementTypeOf;  // specialised below (and beside any id type used in a column)
template <>
struct ElementTypeOf<double> : std::integral_constant<ElementType, ElementType::F64> {};
template <>
struct ElementTypeOf<std::int64_t> : std::integral_constant<ElementType, ElementType::I64> {};
template <>
struct ElementTypeOf<std::uint64_t> : std::integral_constant<ElementType, ElementType::U64> {};
template <>
struct ElementTypeOf<std::int32_t> : std::integral_constant<ElementType, ElementType::I32> {};
template <>
struct ElementTypeOf<std::uint32_t> : std::integral_constant<ElementType, ElementType::U32> {};
template <>
struct ElementTypeOf<std::uint8_t> : std::integral_constant<ElementType, ElementType::U8> {};

/// An id column is stored as its integer.
template <class Tag, class Rep>
struct ElementTypeOf<Id<Tag, Rep>> : ElementTypeOf<Rep> {};

template <class T>
struct IsColumnVector : std::false_type {};
template <class T>
struct IsColumnVector<std::vector<T>> : std::true_type {};
/// True for std::vector members (columns), false for scalars.
template <class T>
inline constexpr bool is_column_vector = IsColumnVector<std::remove_cvref_t<T>>::value;

namespace detail {

template <class M>
constexpr ElementType element_type_of() {
  if constexpr (IsColumnVector<M>::value)
    return ElementTypeOf<typename M::value_type>::value;
  else
    return ElementTypeOf<M>::value;
}

/// A member that is a column (std::vector) or a scalar.
template <class Owner, class M>
struct ColumnEntry {
  std::string_view name;
  M Owner::*member;
  Lifetime lifetime;
  Extent extent;
};
/// A member that is a struct with a column list of its own.
template <class Owner, class M>
struct GroupEntry {
  M Owner::*member;
};
/// A member that is neither (a cache of another shape): counted, never visited.
struct SkippedEntry {
  std::string_view name;
};

/// Converts to a reference to anything: counts the members of an aggregate by brace-initialising
/// it with more and more of these (used only in unevaluated requires-expressions).
struct AnyMember {
  template <class T>
  operator T&() const;  // NOLINT: implicit on purpose
};
template <class T, std::size_t... I>
constexpr bool brace_constructible(std::index_sequence<I...>) {
  return requires {
    T{(void(I), AnyMember{})...};
  };
}

}  // namespace detail

/// Number of members of the aggregate T.
template <class T, std::size_t N = 0>
constexpr std::size_t member_count() {
  if constexpr (!detail::brace_constructible<T>(std::make_index_sequence<N + 1>{}))
    return N;
  else
    return member_count<T, N + 1>();
}

template <class Owner, class M>
constexpr auto column(std::string_view name, M Owner::*member, Lifetime lifetime, Extent extent) {
  return detail::ColumnEntry<Owner, M>{name, member, lifetime, extent};
}
template <class Owner, class M>
constexpr auto nested(M Owner::*member) {
  return detail::GroupEntry<Owner, M>{member};
}
constexpr auto skipped(std::string_view name) {
  return detail::SkippedEntry{name};
}

/// The column list of a struct, specialised beside the struct: `group` names it, and `list` is a
/// tuple with one entry per member, in declaration order.
template <class T>
struct Columns;

/// True when the column list of T has as many entries as T has members, so that a member added
/// to T without an entry in its list fails the build (checked beside each list).
template <class T>
inline constexpr bool lists_every_member =
    std::tuple_size_v<std::remove_cvref_t<decltype(Columns<T>::list)>> == member_count<T>();

namespace detail {

template <class S, class Entry, class F>
constexpr void visit_entry(S& s, const Entry& e, F& f) {
  using Owner = std::remove_const_t<S>;
  if constexpr (std::is_same_v<Entry, SkippedEntry>) {
    (void)s, (void)e, (void)f;
  } else if constexpr (requires { e.lifetime; }) {
    using M = std::remove_cvref_t<decltype(s.*(e.member))>;
    const ColumnInfo info{Columns<Owner>::group, e.name, e.lifetime, e.extent,
                          element_type_of<M>()};
    f(info, s.*(e.member));
  } else {
    for_each_column(s.*(e.member), f);
  }
}

}  // namespace detail

/// Calls f(const ColumnInfo&, member&) for every column and scalar of s, in declaration order,
/// descending into member structs that have column lists; skipped members are not visited.
/// `s` may be const (then so are the members f gets).
template <class S, class F>
constexpr void for_each_column(S& s, F&& f) {
  using Owner = std::remove_const_t<S>;
  std::apply([&](const auto&... e) { (detail::visit_entry(s, e, f), ...); }, Columns<Owner>::list);
}

}  // namespace regsim::sim

/// One entry of a column list: REGSIM_COLUMN(name, Lifetime, Extent), inside a Columns<Self>
/// specialisation that defines `using Self = ...`.
#define REGSIM_COLUMN(field, lifetime, extent)                                   \
  ::regsim::sim::column(#field, &Self::field, ::regsim::sim::Lifetime::lifetime, \
                        ::regsim::sim::Extent::extent)
