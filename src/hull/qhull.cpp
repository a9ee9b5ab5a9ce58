#include "interphase/hull/qhull.hpp"

#include <cstdio>
#include <memory>
#include <string>

extern "C" {
#include <libqhull_r/qhull_ra.h>
}

#include "interphase/error.hpp"

namespace interphase {
namespace {

/// Owns one qhT and frees all of Qhull's memory when it goes out of scope.
class QhullRun {
 public:
  QhullRun() : err_(std::tmpfile(), &std::fclose) { qh_zero(&qh_, err_.get()); }
  ~QhullRun() {
    qh_freeqhull(&qh_, !qh_ALL);
    int curlong = 0, totlong = 0;
    qh_memfreeshort(&qh_, &curlong, &totlong);
  }
  QhullRun(const QhullRun&) = delete;
  QhullRun& operator=(const QhullRun&) = delete;

  qhT* get() { return &qh_; }
  FILE* err() { return err_.get(); }

  /// What Qhull wrote to its error stream, first line only.
  std::string error_text() {
    if (!err_) return "unknown error";
    std::fflush(err_.get());
    std::rewind(err_.get());
    char buffer[512] = {0};
    if (!std::fgets(buffer, sizeof buffer, err_.get())) return "unknown error";
    std::string text(buffer);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    return text;
  }

 private:
  std::unique_ptr<FILE, int (*)(FILE*)> err_;
  qhT qh_{};
};

}  // namespace

std::vector<HullFacet> convex_hull_facets(const std::vector<double>& points, int dim, bool joggle) {
  const int num_points = dim > 0 ? static_cast<int>(points.size()) / dim : 0;
  if (dim < 2 || num_points < dim + 1) {
    throw ThermoError("convex hull needs at least " + std::to_string(dim + 1) + " points in " +
                      std::to_string(dim) + " dimensions, got " + std::to_string(num_points));
  }
  QhullRun run;
  qhT* qh = run.get();
  std::vector<coordT> coords(points.begin(), points.end());
  // QR-7: the joggle's random seed, fixed (and no rotation of the input).
  char triangulated[] = "qhull Qt", joggled[] = "qhull QJ QR-7";
  const int code = qh_new_qhull(qh, dim, num_points, coords.data(), False, joggle ? joggled : triangulated, nullptr, run.err());
  if (code != 0) throw ConvexHullError("Qhull failed (code " + std::to_string(code) + "): " + run.error_text());

  std::vector<HullFacet> facets;
  facetT* facet;
  vertexT* vertex;
  vertexT** vertexp;
  FORALLfacets {
    HullFacet out;
    FOREACHvertex_(facet->vertices) { out.vertices.push_back(qh_pointid(qh, vertex->point)); }
    out.normal.assign(facet->normal, facet->normal + dim);
    out.offset = facet->offset;
    facets.push_back(std::move(out));
  }
  return facets;
}

}  // namespace interphase
