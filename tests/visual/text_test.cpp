// Shortening labels never cuts a UTF-8 character ("κ ▯" was the symptom), and the UTF-8 helpers.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "visual/text.h"

namespace regsim::visual {
namespace {

/// A width of 10 px per byte: cutting after the first byte of "κ" would fit one step earlier
/// than cutting the whole character, which is how the old fit_text left a stray lead byte.
float bytes_width(const std::string& s) {
  return 10.0f * static_cast<float>(s.size());
}

TEST(Utf8, RecognisesWellFormedAndBrokenText) {
  EXPECT_TRUE(valid_utf8(""));
  EXPECT_TRUE(valid_utf8("plain"));
  EXPECT_TRUE(valid_utf8("\xCE\xBA 0.70"));              // κ 0.70
  EXPECT_TRUE(valid_utf8("\xE2\x98\x85 low_altitude"));  // ★ low_altitude
  EXPECT_TRUE(valid_utf8("\xE6\xB7\xB1\xE5\x9C\xB3"));   // 深圳
  EXPECT_TRUE(valid_utf8("\xF0\x9F\x9A\x81"));           // a 4-byte character
  EXPECT_FALSE(valid_utf8("\xCE"));                      // lead byte alone
  EXPECT_FALSE(valid_utf8("\xCE\xE2\x80\xA6"));          // lead byte, then an ellipsis
  EXPECT_FALSE(valid_utf8("\xBA"));                      // stray continuation byte
  EXPECT_FALSE(valid_utf8("\xC0\xAF"));                  // overlong
  EXPECT_FALSE(valid_utf8("\xED\xA0\x80"));              // surrogate
}

TEST(Utf8, DropsWholeCodePoints) {
  EXPECT_EQ(drop_last_code_point("a\xCE\xBA"), "a");
  EXPECT_EQ(drop_last_code_point("\xE2\x98\x85"), "");
  EXPECT_EQ(drop_last_code_point("x\xF0\x9F\x9A\x81"), "x");
  EXPECT_EQ(drop_last_code_point("ab"), "a");
  EXPECT_EQ(drop_last_code_point("a\xE2\x98"), "a");  // a truncated sequence goes as a whole
  EXPECT_EQ(drop_last_code_point(""), "");
}

TEST(FitText, KeepsTextThatFits) {
  EXPECT_EQ(fit_utf8("\xCE\xBA 0.70", 1000, bytes_width), "\xCE\xBA 0.70");
}

TEST(FitText, ShortensAfterAWholeCharacterAndDropsTheSpaceBeforeTheEllipsis) {
  // "κ 0.70" is 7 bytes; 60 px leaves room for 3 bytes of text and the 3-byte ellipsis. The old
  // code returned the lead byte of κ, a space or both followed by "…", drawn as "κ ▯".
  const std::string fitted = fit_utf8("\xCE\xBA 0.70", 60, bytes_width);
  EXPECT_EQ(fitted, "\xCE\xBA\xE2\x80\xA6");  // κ…
  EXPECT_TRUE(valid_utf8(fitted));
}

TEST(FitText, EveryWidthGivesValidUtf8WithinTheLimit) {
  const std::vector<std::string> labels = {
      "\xCE\xBA 0.70",                                  // κ 0.70
      "\xE2\x98\x85 low_altitude",                      // ★ low_altitude
      "Heterogeneity \xCF\x83",                         // Heterogeneity σ
      "\xE6\xB7\xB1\xE5\x9C\xB3\xE5\xB8\x82 Shenzhen",  // 深圳市 Shenzhen
      "\xF0\x9F\x9A\x81 drones",                        // 4-byte character
  };
  for (const std::string& label : labels)
    for (float max = 0; max <= bytes_width(label) + 10; max += 5) {
      const std::string fitted = fit_utf8(label, max, bytes_width);
      EXPECT_TRUE(valid_utf8(fitted)) << label << " at " << max;
      EXPECT_LE(bytes_width(fitted), max) << label << " at " << max;
      if (fitted != label && !fitted.empty()) {
        const std::string kept = fitted.substr(0, fitted.size() - std::string(kEllipsis).size());
        EXPECT_EQ(label.compare(0, kept.size(), kept), 0) << "not a prefix: " << fitted;
        EXPECT_NE(kept.empty() ? 'x' : kept.back(), ' ') << "space before the ellipsis";
      }
    }
}

TEST(FitText, GivesNothingWhenNotEvenTheEllipsisFits) {
  EXPECT_EQ(fit_utf8("\xCE\xBA 0.70", 20, bytes_width), "");
  EXPECT_EQ(fit_utf8("\xCE\xBA 0.70", 30, bytes_width), kEllipsis);
}

}  // namespace
}  // namespace regsim::visual
