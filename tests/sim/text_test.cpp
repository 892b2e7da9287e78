// User text in messages and outputs: UTF-8 and control-character checks, and the escaping that
// keeps a NUL or an escape sequence from cutting or recolouring a message.
#include "sim/text.h"

#include <gtest/gtest.h>

#include <string>

#include "sim/limits.h"

namespace regsim::sim {
namespace {

TEST(Text, PrintableTextIsValidUtf8WithoutControlCharacters) {
  EXPECT_TRUE(is_printable_text(""));
  EXPECT_TRUE(is_printable_text("energy"));
  EXPECT_TRUE(is_printable_text("北京市 — Beijing"));
  EXPECT_FALSE(is_printable_text(std::string("a\0b", 3)));
  EXPECT_FALSE(is_printable_text("two\nlines"));
  EXPECT_FALSE(is_printable_text("\x1b[31mred"));
  EXPECT_FALSE(is_printable_text("del\x7f"));
  EXPECT_FALSE(is_printable_text("c1 \xc2\x85"));   // NEL, a C1 control
  EXPECT_FALSE(is_printable_text("\xff\xfe"));      // not UTF-8
  EXPECT_FALSE(is_printable_text("\xc0\xaf"));      // overlong '/'
  EXPECT_FALSE(is_printable_text("\xed\xa0\x80"));  // a surrogate
  EXPECT_FALSE(is_printable_text("\xe5\x8c"));      // cut inside a character
}

TEST(Text, MessagesEscapeControlsAndInvalidBytesAndKeepTheRest) {
  EXPECT_EQ(printable_for_message("北京 a\\b"), "北京 a\\b");
  EXPECT_EQ(printable_for_message(std::string("a\0b\nc\td\re", 9)), "a\\x00b\\nc\\td\\re");
  EXPECT_EQ(printable_for_message("\x1b[31m"), "\\x1B[31m");
  EXPECT_EQ(printable_for_message("\xff\xc2\x85z"), "\\xFF\\xC2\\x85z");
  EXPECT_EQ(printable_for_message(printable_for_message("\x01")), "\\x01");  // idempotent
}

TEST(Text, ShortenedValuesAreEscapedToo) {
  EXPECT_EQ(shorten_for_message(std::string("\0x", 2)), "\\x00x");
  const std::string cut = shorten_for_message(std::string(100, '\n'), 10);
  EXPECT_EQ(cut.rfind("\\n\\n", 0), 0u) << cut;
  EXPECT_NE(cut.find("(100 bytes)"), std::string::npos) << cut;
}

}  // namespace
}  // namespace regsim::sim
