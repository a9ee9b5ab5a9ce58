#pragma once
/// \file table.hpp
/// Building blocks of the tables: aligned text, CSV cells, number formats.
#include <string>
#include <utility>
#include <vector>

namespace interphase {

/// Output formats: aligned text for people, Markdown tables for documents,
/// JSON and CSV with full double precision for scripts.
enum class Format { Text, Markdown, Json, Csv };
/// "text", "markdown" (or "md"), "json" or "csv"; throws Error otherwise.
Format parse_format(const std::string& text);

/// A plain-text table: a header row and data rows, columns padded to their widest cell.
std::string text_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);
/// A Markdown (pipe) table; a '|' in a cell is written "\|".
std::string markdown_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);
/// text_table or markdown_table, by format (Markdown: pipe table; anything else: aligned text).
std::string table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows, Format format);
/// A CSV cell, quoted when it holds a comma, quote or newline; one that starts
/// with '=', '+', '-' or '@' and is not a number (a spreadsheet would run it as
/// a formula), or with a single quote before one of them, gets a leading
/// single quote (OWASP's rule against CSV injection; csv_fields removes it).
std::string csv_quote(const std::string& s);
/// A number in the shortest form that reads back as the same double ("0.3",
/// "-0.3463135316269841"), as JSON writes it.
std::string full_precision(double value);
/// A number with `digits` decimals; values that round to zero print without a sign.
std::string fixed(double value, int digits);
/// "LiCl=0.428571;Li2S=0.285714" style list for CSV cells.
std::string products_cell(const std::vector<std::pair<std::string, double>>& products);
/// Names joined by " + ".
std::string joined(const std::vector<std::string>& names, const std::string& separator = " + ");

}  // namespace interphase
