#pragma once
/// \file tolerances.hpp
/// Every numerical tolerance of the library, with its meaning and unit. No
/// other file under src/ or include/ writes a tolerance as a literal (the test
/// composition.test_tolerances checks this). Where pymatgen 2022.11.7 has the
/// same tolerance, the constant carries its name and value, so that results
/// agree with pymatgen's to the last decision.
///
/// Units: "atoms" are amounts in a formula; "fraction" is an atomic fraction
/// (composition space, where the elements' fractions sum to 1); eV/atom is an
/// energy per atom; V is volts.

namespace interphase::tol {

// ---------------------------------------------------------------- composition

/// Amounts (atoms) below this are no amount at all: such elements are dropped
/// or refused. pymatgen: Composition.amount_tolerance.
inline constexpr double kAmountTolerance = 1e-8;

/// An amount (atoms) within this above an integer prints as that integer.
/// pymatgen: formula_double_format(tol=1e-8).
inline constexpr double kFormulaDoubleFormatTol = 1e-8;

/// Two compositions are the same phase composition when every atomic fraction
/// agrees within this (fraction).
inline constexpr double kSameCompositionTol = 1e-10;

/// A Materials Project document's formula_pretty names its composition when
/// every atomic fraction agrees within this (formula_pretty writes amounts
/// with at most 8 decimals, as pymatgen's formula_double_format).
inline constexpr double kFormulaPrettyTol = 1e-6;

/// Atomic fractions are rounded to multiples of 1 / kCompositionKeyScale to
/// group entries of one composition (a 1e-10 grid in composition space, as
/// kSameCompositionTol).
inline constexpr double kCompositionKeyScale = 1e10;

// ----------------------------------------------------------------------- hull

/// An entry takes part in the hull only when its formation energy lies below
/// the elemental references by more than this (eV/atom). pymatgen:
/// PhaseDiagram.formation_energy_tol.
inline constexpr double kFormationEnergyTol = 1e-11;

/// Barycentric weights (fraction) at or below this are not products of a
/// decomposition, and compositions (kinks) closer than this in composition
/// space are one. pymatgen: PhaseDiagram.numerical_tol.
inline constexpr double kNumericalTol = 1e-8;

/// A point lies in a facet's simplex when each barycentric weight (fraction)
/// is at least -kInSimplexTol. pymatgen: Simplex.in_simplex(c,
/// PhaseDiagram.numerical_tol / 10) in PhaseDiagram._get_facet_and_simplex.
inline constexpr double kInSimplexTol = 1e-9;

/// Candidate facets that are flat in composition space (|det| of the vertex
/// compositions at or below this, dimensionless) are not facets. pymatgen:
/// the literal 1e-14 in PhaseDiagram._compute.
inline constexpr double kFlatSimplexDeterminant = 1e-14;

/// Facets whose plane at a point lies within this of the hull energy there
/// (eV/atom) are the candidates for containing the point.
inline constexpr double kFacetEnergyTie = 1e-9;

/// An energy above the hull in (-kAboveHullRounding, 0) eV/atom is rounding
/// and reported as 0.
inline constexpr double kAboveHullRounding = 1e-9;

/// Along a segment, a facet's interval of the segment is empty when it ends
/// more than this (fraction, composition-space distance) before it starts.
inline constexpr double kSegmentOverlapTol = 1e-9;

/// A lowest entry is a hull vertex when it lies below the hull of the other
/// phases by more than this (eV/atom).
inline constexpr double kVertexTol = 1e-11;

/// Hull linear program (hull_lp.cpp): reduced costs below -kLpOptimality
/// (eV/atom) improve the objective.
inline constexpr double kLpOptimality = 1e-12;
/// Hull linear program: pivot elements at or below this (dimensionless) are zero.
inline constexpr double kLpPivot = 1e-11;
/// Hull linear program: ratio-test values this close (segment parameter) are a tie.
inline constexpr double kLpTie = 1e-15;
/// Hull linear program: pieces of a segment shorter than this (segment
/// parameter in [0, 1]) are rounding, and so is a piece end this close to 1.
inline constexpr double kLpPieceLength = 1e-12;

/// A phase made only of open elements makes the reservoir unstable when it
/// lies below the reservoir's chemical potentials by more than this (eV/atom).
inline constexpr double kOpenPhaseBelowReservoir = 1e-12;

/// A stored stability result agrees with one computed afresh (`db check`)
/// when its energies (e_above_hull, hull energy; eV/atom) and its
/// decomposition's atomic fractions differ by at most this: an incremental
/// update and a full computation differ only in rounding.
inline constexpr double kStoredStabilityTol = 1e-6;

/// Our energy above the hull and one a data file reports (Materials Project
/// documents) agree when they differ by at most this (eV/atom): the files give
/// energies to about 1 meV/atom.
inline constexpr double kReportedStabilityTol = 1e-3;

// ---------------------------------------------------------------------- grand

/// Evolution of the open element (atoms per formula unit) within this of 0 is
/// none (stability windows).
inline constexpr double kEvolutionTol = 1e-6;

// ------------------------------------------------------------------- reaction

/// Reaction coefficients (formula units) below this are no term, and within
/// this of 1 are written as 1. pymatgen: BalancedReaction.TOLERANCE.
inline constexpr double kBalancedReactionTolerance = 1e-6;

/// Kink energies within this (eV/atom) of the lowest are a tie: the first one
/// in mixing-ratio order is the minimum.
inline constexpr double kMinimumEnergyTie = 1e-12;

/// Explanations (explain.cpp): compositions (fraction) closer than this are one
/// point, and an element fraction at or below it is absent.
inline constexpr double kExplainSamePoint = 1e-12;

/// Voltages closer than this (V) are one event of the reaction map.
inline constexpr double kMapVoltageTol = 1e-9;

/// Slopes of reduced costs (eV per non-open atom per V) above -kMapSlopeTol do
/// not fall as the voltage changes.
inline constexpr double kMapSlopeTol = 1e-12;

/// A reaction-map region holds a point within this of its edges (mixing ratio
/// and V), and two regions' mixing-ratio bounds within this are the same.
inline constexpr double kMapRegionTol = 1e-12;

/// Monte Carlo candidates (montecarlo.cpp): an entry at most the candidate
/// window plus this (eV/atom, rounding of the hull query) above the hull is
/// sampled. Paired sampled minima within kMinimumEnergyTie are a tie.
inline constexpr double kSampledOnHull = 1e-9;

/// A voltage grid includes its upper end when it lies within this fraction of
/// a step beyond the last whole step.
inline constexpr double kGridStepSlack = 1e-9;

// --------------------------------------------------------------------- report

/// Plot axes: a range of this or less (in the axis unit) is degenerate and is
/// widened.
inline constexpr double kPlotDegenerateRange = 1e-12;
/// Plot axes: relative slack (fraction of the range or of a tick step) in
/// choosing ticks and comparing plotted values; also the smallest energy span
/// (eV/atom) plotted as is.
inline constexpr double kPlotSlack = 1e-9;

// ------------------------------------------------------------ coating search

/// A coating's number within this of a criterion's limit passes (V or eV/atom).
inline constexpr double kCoatLimit = 1e-9;

/// Coatings whose worst reaction energies round to the same multiple of this
/// (eV/atom) rank as equal, so rounding noise cannot reorder them.
inline constexpr double kCoatRankResolution = 1e-9;

// ------------------------------------------------------------------ progress

/// Seconds: an elapsed time below this is taken as this (no division by zero in a rate).
inline constexpr double kLeastElapsed = 1e-9;

}  // namespace interphase::tol
