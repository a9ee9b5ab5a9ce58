#include <boost/test/unit_test.hpp>

/// ElementSet: membership, subsets, union, iteration, hashing, and the bit
/// layout that the database's elements_lo / elements_hi columns hold.
#include <string>
#include <unordered_map>
#include <vector>

#include "interphase/composition/element_set.hpp"
#include "interphase/error.hpp"

BOOST_AUTO_TEST_SUITE(test_element_set)

using namespace interphase;

BOOST_AUTO_TEST_CASE(insert_contains_and_iterate_in_order) {
  ElementSet s({8, 3, 118, 64, 63, 1, 3});
  BOOST_TEST(s.size() == 6u);
  BOOST_TEST(s.elements() == (std::vector<int>{1, 3, 8, 63, 64, 118}), boost::test_tools::per_element());
  std::vector<int> seen;
  for (const int z : s) seen.push_back(z);
  BOOST_TEST(seen == s.elements(), boost::test_tools::per_element());
  for (const int z : {1, 3, 8, 63, 64, 118}) BOOST_TEST(s.contains(z));
  for (const int z : {0, 2, 62, 65, 117, 119, -3}) BOOST_TEST(!s.contains(z));
  BOOST_TEST(ElementSet().empty());
  BOOST_TEST(ElementSet().elements().empty());
  BOOST_TEST(!s.empty());
}

// The stored layout (schema.sql): bit Z-1 of lo for Z <= 63, bit Z-64 of hi for Z >= 64.
BOOST_AUTO_TEST_CASE(words_are_the_stored_layout) {
  BOOST_TEST(ElementSet({1}).lo() == 1u);
  BOOST_TEST(ElementSet({3, 8}).lo() == ((1u << 2) | (1u << 7)));
  BOOST_TEST(ElementSet({63}).lo() == (std::uint64_t{1} << 62));
  BOOST_TEST(ElementSet({63}).hi() == 0u);
  BOOST_TEST(ElementSet({64}).lo() == 0u);
  BOOST_TEST(ElementSet({64}).hi() == 1u);
  BOOST_TEST(ElementSet({118}).hi() == (std::uint64_t{1} << 54));
  std::vector<int> all;
  for (int z = 1; z <= kNumElements; ++z) all.push_back(z);
  const ElementSet every(all);
  BOOST_TEST(every.size() == 118u);
  BOOST_TEST((every.lo() >> 63) == 0u);  // bit 63 of lo is never set
}

BOOST_AUTO_TEST_CASE(subsets_unions_and_intersections) {
  const ElementSet li_o({3, 8}), li_o_ru({3, 8, 44}), cl({17});
  BOOST_TEST(li_o.subset_of(li_o_ru));
  BOOST_TEST(li_o.subset_of(li_o));
  BOOST_TEST(!li_o_ru.subset_of(li_o));
  BOOST_TEST(ElementSet().subset_of(cl));
  BOOST_TEST((li_o | cl) == ElementSet({3, 8, 17}));
  BOOST_TEST(li_o.intersects(li_o_ru));
  BOOST_TEST(!li_o.intersects(cl));
  BOOST_TEST(!ElementSet().intersects(cl));
  ElementSet s;
  s |= ElementSet({100});
  s |= li_o;
  BOOST_TEST(s == ElementSet({3, 8, 100}));
  BOOST_TEST(ElementSet({100}).subset_of(s));
  BOOST_TEST(!ElementSet({101}).subset_of(s));
}

BOOST_AUTO_TEST_CASE(keys_of_an_unordered_map) {
  std::unordered_map<ElementSet, std::string> names;
  names[ElementSet({3, 8})] = "Li-O";
  names[ElementSet({8, 3})] += "!";
  names[ElementSet({3, 72})] = "Hf-Li";
  names[ElementSet({3, 8, 72})] = "Hf-Li-O";
  BOOST_TEST(names.size() == 3u);
  BOOST_TEST(names.at(ElementSet({3, 8})) == "Li-O!");
}

BOOST_AUTO_TEST_CASE(numbers_outside_the_table_are_refused) {
  ElementSet s;
  BOOST_CHECK_THROW(s.insert(0), FormulaError);
  BOOST_CHECK_THROW(s.insert(119), FormulaError);
  BOOST_CHECK_THROW(ElementSet({-1}), FormulaError);
  BOOST_TEST(s.empty());
}

BOOST_AUTO_TEST_SUITE_END()  // test_element_set
