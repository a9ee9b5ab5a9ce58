#include "interphase/reaction/screen.hpp"

namespace interphase {}  // namespace interphase
