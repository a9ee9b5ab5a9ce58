#include "interphase/session/failure.hpp"

#include <filesystem>
#include <system_error>

#include "interphase/error.hpp"
#include "interphase/session/session.hpp"

namespace interphase {

Failure describe_failure(std::exception_ptr e, const std::function<std::string(const std::string&)>& spell,
                         const std::string& request) {
  using K = Failure::Kind;
  const std::string in = request.empty() ? "" : " in " + request;
  try {
    std::rethrow_exception(e);
  } catch (const OutputError& x) {
    return {K::Output, x.what()};
  } catch (const Interrupted& x) {
    return {K::Interrupted, x.what()};
  } catch (const SettingError& x) {
    return {K::Input, x.spelled(spell)};
  } catch (const FileNotFound& x) {
    return {K::MissingFile, x.what()};
  } catch (const DataError& x) {
    return {K::Data, x.what()};
  } catch (const ConvexHullError& x) {
    return {K::Thermo, "cannot compute a convex hull" + (request.empty() ? "" : " for " + request) + ": " + x.what()};
  } catch (const ThermoError& x) {
    return {K::Thermo, x.what()};
  } catch (const Error& x) {
    return {K::Input, x.what()};
  } catch (const std::filesystem::filesystem_error& x) {
    // A path the system cannot use (too long, not a directory, no permission): bad input.
    const bool missing = x.code() == std::errc::no_such_file_or_directory;
    return {missing ? K::MissingFile : K::Input, "cannot use '" + x.path1().string() + "': " + x.code().message()};
  } catch (const InternalError& x) {
    return {K::Internal, "internal error" + in + ": " + x.what()};
  } catch (const std::exception& x) {
    return {K::Internal, std::string("internal error: ") + x.what()};
  } catch (...) {
    return {K::Internal, "internal error" + in + ": an exception of unknown type"};
  }
}

}  // namespace interphase
