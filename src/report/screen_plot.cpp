#include "interphase/error.hpp"
#include "interphase/report/screen_format.hpp"

namespace interphase {

std::string svg_screen(const std::vector<ScreenRow>&, const ScreenSettings&) {
  throw Error("--format svg for screen: not available yet");
}

std::string html_screen(const std::vector<ScreenRow>&, const ScreenSettings&) {
  throw Error("--format html for screen: not available yet");
}

}  // namespace interphase
