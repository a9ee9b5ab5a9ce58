#include <boost/test/unit_test.hpp>

/// What a front end shows on stderr while a request runs: the session's
/// notices as one text for every front end, and a screen's progress lines.
#include <iostream>
#include <sstream>
#include <string>

#include "interphase/report/progress.hpp"

BOOST_AUTO_TEST_SUITE(test_progress)

using namespace interphase;

namespace {

DatasetInfo made_up() {
  DatasetInfo d;
  d.name = "mine";
  d.n_entries = 4;
  return d;
}

/// Captures std::cerr for its lifetime.
struct CaptureStderr {
  std::ostringstream text;
  std::streambuf* old = std::cerr.rdbuf(text.rdbuf());
  ~CaptureStderr() { std::cerr.rdbuf(old); }
};

}  // namespace

BOOST_AUTO_TEST_CASE(a_computation_is_one_line_ended_when_it_ends) {
  std::string out;
  NoticeWriter notices([&](const std::string& text) { out += text; });
  notices.stability_started(made_up());
  BOOST_TEST(out == "interphase: computing the stability of the 4 entries of data set 'mine' (once; stored in the database) ...");
  notices.stability_finished(made_up(), 2.06, true);
  BOOST_TEST(out.substr(out.size() - 15) == " done in 2.1 s\n");
  out.clear();
  notices.stability_started(made_up());  // the last line is closed: no empty line before this one
  notices.stability_finished(made_up(), 0, false);
  BOOST_TEST(out.substr(0, 12) == "interphase: ");
  BOOST_TEST(out.substr(out.size() - 8) == " failed\n");
}

BOOST_AUTO_TEST_CASE(a_wait_that_ends_without_the_result_leaves_its_line_for_the_computation) {
  std::string out;
  NoticeWriter notices([&](const std::string& text) { out += text; });
  notices.stability_waiting(made_up());
  notices.stability_started(made_up());
  notices.stability_finished(made_up(), 1.0, true);
  BOOST_TEST(out ==
             "interphase: waiting for another process computing the stability of data set 'mine' ...\n"
             "interphase: computing the stability of the 4 entries of data set 'mine' (once; stored in the database) ..."
             " done in 1.0 s\n");
  out.clear();
  notices.database_waiting("/tmp/x.sqlite");
  BOOST_TEST(out == "interphase: waiting for another process building database /tmp/x.sqlite ...\n");
}

BOOST_AUTO_TEST_CASE(a_quiet_screen_shows_nothing_and_otherwise_a_line_per_tenth) {
  {
    CaptureStderr err;
    {
      ScreenProgressLine quiet(true, true);
      for (std::size_t done = 1; done <= 20; ++done) quiet(done, 20);
    }
    BOOST_TEST(err.text.str() == "");
  }
  if (stderr_is_terminal()) return;  // a terminal gets the line rewritten in place instead
  CaptureStderr err;
  {
    ScreenProgressLine tenths(false, true);
    for (std::size_t done = 1; done <= 20; ++done) tenths(done, 20);
  }
  const std::string text = err.text.str();
  BOOST_TEST(text.rfind("interphase: screen 10%: 2 of 20 rows in ", 0) == 0u);
  std::size_t lines = 0;
  for (char c : text) lines += c == '\n';
  BOOST_TEST(lines == 10u);
  BOOST_TEST(text.find("interphase: screen 100%: 20 of 20 rows in ") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()  // test_progress
