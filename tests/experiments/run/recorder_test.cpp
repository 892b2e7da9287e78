// MemorySink: lines handed over together keep the bytes of one line() call each.
#include "experiments/run/recorder.h"

#include <gtest/gtest.h>

#include <string>

namespace regsim::experiments {
namespace {

TEST(MemorySink, LinesTogetherAreTheBytesOfOneLineCallEach) {
  MemorySink one, block;
  one.line(Table::Cells, "h,x");
  one.line(Table::Cells, "1,a");
  one.line(Table::Cells, "");
  one.line(Table::Cells, "2,\"b,c\"");
  block.line(Table::Cells, "h,x");
  block.lines(Table::Cells, "1,a\n\n2,\"b,c\"\n");
  EXPECT_EQ(block.text(Table::Cells), one.text(Table::Cells));
  EXPECT_EQ(block.text(Table::Cells), "h,x\n1,a\n\n2,\"b,c\"\n");
  block.lines(Table::Cells, "");
  EXPECT_EQ(block.text(Table::Cells), one.text(Table::Cells));
  EXPECT_EQ(block.text(Table::Tracks), "");
}

}  // namespace
}  // namespace regsim::experiments
