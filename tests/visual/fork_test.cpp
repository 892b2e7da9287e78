// Fork and compare: the branch that keeps the levers continues exactly as the run would have
// without the fork, and the run that takes a new lever exactly as a run with that lever sent at
// the fork's tick (same state hash).
#include <gtest/gtest.h>

#include "agents/model.h"
#include "small_source.h"
#include "visual/commands.h"
#include "visual/controls.h"
#include "visual/frame.h"
#include "visual/session.h"

namespace regsim::visual {
namespace {

constexpr int kForkAt = 10, kEnd = 22;

std::uint64_t hash_of(const agents::Model& m) {
  return agents::hash_state(m.world);
}

TEST(Fork, UnchangedBranchEqualsTheUnforkedRunAndTheChangedOneALeverSentThen) {
  Session forked(small_source()), plain(small_source()), lever(small_source());
  for (int t = 0; t < kForkAt; ++t) {
    forked.step();
    plain.step();
    lever.step();
  }
  forked.fork();
  ASSERT_NE(forked.branch(), nullptr);
  EXPECT_EQ(forked.branch()->at, kForkAt);
  EXPECT_EQ(hash_of(forked.branch()->model), hash_of(forked.model()));
  const auto unify = command_for_text(forked.table(), "market.kappa=0", forked.snapshot().tick);
  ASSERT_TRUE(unify) << unify.error;
  forked.send(*unify.change);
  lever.send(*unify.change);
  for (int t = kForkAt; t < kEnd; ++t) {
    forked.step();
    plain.step();
    lever.step();
  }
  const Branch& b = *forked.branch();
  EXPECT_EQ(b.model.world.tick, kEnd);
  EXPECT_EQ(hash_of(b.model), hash_of(plain.model())) << "the branch keeping the levers";
  EXPECT_EQ(hash_of(forked.model()), hash_of(lever.model())) << "the run taking the lever";
  EXPECT_NE(hash_of(forked.model()), hash_of(b.model));
  EXPECT_DOUBLE_EQ(b.model.params.market.kappa, plain.model().params.market.kappa);
  EXPECT_DOUBLE_EQ(forked.model().params.market.kappa, 0.0);
  // Both histories cover the whole run: the same past, then each branch's own.
  ASSERT_EQ(b.history.national.size(), static_cast<std::size_t>(kEnd));
  ASSERT_EQ(forked.history().national.size(), static_cast<std::size_t>(kEnd));
  EXPECT_EQ(b.history.national[kForkAt - 1].cu, forked.history().national[kForkAt - 1].cu);
  EXPECT_EQ(b.history.national[kEnd - 1].cu, plain.history().national[kEnd - 1].cu);
  EXPECT_EQ(b.snapshot.tick, kEnd);
  // The legend names what tells the branches apart.
  const auto changes = forked.changes_since_fork();
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].key, "market.kappa");
  const BranchLines lines = branch_lines(forked);
  EXPECT_EQ(lines.history, &b.history);
  EXPECT_EQ(lines.at, kForkAt);
  EXPECT_NE(lines.this_label.find("0"), std::string::npos) << lines.this_label;
}

TEST(Fork, CommandsQueuedBeforeTheForkGoToBothBranches) {
  Session forked(small_source()), plain(small_source());
  for (int t = 0; t < 4; ++t) {
    forked.step();
    plain.step();
  }
  const auto tight = command_for_text(forked.table(), "market.kappa=0.9", 4);
  forked.send(*tight.change);
  plain.send(*tight.change);
  forked.fork();
  EXPECT_TRUE(forked.changes_since_fork().empty()) << "queued before the fork: not a difference";
  for (int t = 0; t < 6; ++t) {
    forked.step();
    plain.step();
  }
  EXPECT_EQ(hash_of(forked.branch()->model), hash_of(plain.model()));
  EXPECT_EQ(hash_of(forked.model()), hash_of(plain.model())) << "no lever moved after the fork";
}

TEST(Fork, AtTickZeroALeverIsQueuedNotRebuiltAndRestartEndsTheFork) {
  Session session(small_source());
  session.fork();
  const auto unify = command_for_text(session.table(), "market.kappa=0", 0);
  session.send(*unify.change);
  EXPECT_EQ(session.pending().size(), 1u) << "the world is not rebuilt under the fork";
  ASSERT_NE(session.branch(), nullptr);
  session.step();
  EXPECT_DOUBLE_EQ(session.model().params.market.kappa, 0.0);
  EXPECT_GT(session.branch()->model.params.market.kappa, 0.0);
  session.restart(session.seed());
  EXPECT_EQ(session.branch(), nullptr);
}

TEST(Fork, TheKeyForksPausesAndEndsTheComparison) {
  Session session(small_source());
  ViewState view;
  EXPECT_EQ(action_for_key(sf::Keyboard::F, false, false), Action::Fork);
  session.step();
  perform(Action::Fork, session, view);
  ASSERT_NE(session.branch(), nullptr);
  EXPECT_TRUE(view.paused);
  EXPECT_FALSE(view.status_is_error) << view.status;
  // B shows the other branch on the map and in the tracks; the levers still act on this run.
  EXPECT_EQ(action_for_key(sf::Keyboard::B, false, false), Action::ShowOtherBranch);
  const auto unify = command_for_text(session.table(), "market.kappa=0", 1);
  session.send(*unify.change);
  for (int t = 0; t < 6; ++t) session.step();
  EXPECT_EQ(&shown_snapshot(session, view), &session.snapshot());
  perform(Action::ShowOtherBranch, session, view);
  EXPECT_EQ(&shown_snapshot(session, view), &session.branch()->snapshot);
  EXPECT_EQ(&shown_history(session, view), &session.branch()->history);
  EXPECT_GT(shown_snapshot(session, view).params.market.kappa, 0.0);
  perform(Action::ShowOtherBranch, session, view);
  EXPECT_EQ(&shown_snapshot(session, view), &session.snapshot());
  perform(Action::ShowOtherBranch, session, view);
  perform(Action::Fork, session, view);
  EXPECT_EQ(session.branch(), nullptr);
  EXPECT_EQ(session.snapshot().tick, 7) << "ending the comparison keeps this run";
  EXPECT_FALSE(view.show_branch);
  EXPECT_EQ(&shown_snapshot(session, view), &session.snapshot());
  perform(Action::ShowOtherBranch, session, view);
  EXPECT_FALSE(view.show_branch) << "no other branch to show";
}

TEST(Fork, TextCommandsAreCheckedLikeLevers) {
  Session session(small_source());
  EXPECT_TRUE(command_for_text(session.table(), "policy.bailouts=false", 0));
  EXPECT_TRUE(command_for_text(session.table(), "policy.evaluation=balanced", 0));
  const auto bad = command_for_text(session.table(), "market.kappa=7", 0);
  EXPECT_FALSE(bad);
  EXPECT_NE(bad.error.find("market.kappa"), std::string::npos) << bad.error;
  EXPECT_FALSE(command_for_text(session.table(), "market.kappa", 0));
  EXPECT_FALSE(command_for_text(session.table(), "no.such=1", 0));
  EXPECT_FALSE(command_for_text(session.table(), "world.heterogeneity=1", 0))
      << "restart-only keys cannot change during a run";
}

}  // namespace
}  // namespace regsim::visual
