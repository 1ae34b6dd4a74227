// Grading an answer written entry by entry. The derivative is a table of numbers, one per
// choice of the free indices (∂F_{ij}/∂X_{ab}: four); the answer in index form is
// evaluated at every choice by brute force (parse/latex_index.cpp) and compared with the
// derivation's matrix form read in the layout of SPEC 3 (a gradient's entry (a, b); a
// Jacobian's entry (vec index of (i, j), vec index of (a, b))). The question's index
// letters say which of the answer's indices is which; a wrong answer is diagnosed as the
// matrix answers are: indices exchanged (the transpose's analogue), a factor or a sign,
// a term missing, extra or off, against the index route's own terms.
#include "api/check_index.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "api/agree.h"
#include "api/entries_note.h"
#include "derive/derive.h"
#include "derive/index_route.h"
#include "expr/build.h"
#include "expr/error.h"
#include "expr/rebuild.h"
#include "numeric/eval.h"
#include "parse/frontend.h"
#include "print/index_latex.h"
#include "util/number.h"

namespace matcalc {

namespace {

constexpr const char* kFunction = "#F";  // the function's own entries, for a letter's range

// One free index of the derivative: its letter, whose index it is (the function's or the
// variable's, row or column) and its range at a draw.
struct Slot {
  char letter;
  bool of_function;
  int axis;
};

// The derivative at one draw as a table: rows the function's entries, columns the
// variable's (vec order), and the answer's terms in the same table.
class Table {
 public:
  Table(Context& ctx, Expr f, const Derivation& d, const Instance& in, std::vector<Slot> slots)
      : ctx_(ctx), in_(in), ev_(ctx, in), slots_(std::move(slots)) {
    fvalue_ = ev_.eval(f);
    const VarInfo* x = ctx.var(d.wrt);
    xrows_ = static_cast<int>(in.values.at(x->name).rows());
    xcols_ = static_cast<int>(in.values.at(x->name).cols());
    wrt_ = d.wrt;
    Matrix r = ev_.eval(d.result);
    int fn = static_cast<int>(fvalue_.size()), xn = xrows_ * xcols_;
    expected_ = Matrix::Zero(fn, xn);
    if (d.kind == "gradient")  // r shaped like X
      for (int c = 0; c < xn; ++c) expected_(0, c) = r(c % xrows_, c / xrows_);
    else if (d.kind == "derivative")  // r shaped like F
      for (int k = 0; k < fn; ++k)
        expected_(k, 0) =
            r(k % static_cast<int>(fvalue_.rows()), k / static_cast<int>(fvalue_.rows()));
    else
      expected_ = r;
  }

  const Matrix& expected() const { return expected_; }

  // Σ of the given terms at every choice of the free indices, letters read through `perm`
  // (the slot k's value goes to the letter of slot perm[k]).
  Matrix answer(const std::vector<const IndexTensor::Part*>& terms, const std::vector<int>& perm) {
    Matrix out = Matrix::Zero(expected_.rows(), expected_.cols());
    IndexTensor::Ranges extra;
    for (const Slot& s : slots_)
      extra.emplace(s.letter, std::make_pair(s.of_function ? kFunction : wrt_, s.axis));
    IndexCheck::Value value = [&](const std::string& name, int r, int c) {
      const Matrix& m = matrix_of(name);
      if (r >= m.rows() || c >= m.cols())
        throw UserError("shape",
                        "the entry (" + std::to_string(r + 1) + "," + std::to_string(c + 1) +
                            ") of " + name + " is outside it",
                        Source::Answer, 0, 1);
      return m(r, c);
    };
    IndexCheck::Size size = [&](const std::string& name, int axis) {
      const Matrix& m = matrix_of(name);
      return static_cast<int>(axis == 0 ? m.rows() : m.cols());
    };
    std::vector<int> at(slots_.size(), 0), range(slots_.size());
    for (std::size_t k = 0; k < slots_.size(); ++k) range[k] = size(slot_owner(k), slots_[k].axis);
    for (;;) {
      std::map<char, int> letters;
      for (std::size_t k = 0; k < slots_.size(); ++k)
        letters[slots_[static_cast<std::size_t>(perm[k])].letter] = at[k];
      double v = 0;
      for (const IndexTensor::Part* t : terms) v += t->entry(letters, value, size, extra);
      int row = 0, col = 0, frows = static_cast<int>(fvalue_.rows());
      for (std::size_t k = 0; k < slots_.size(); ++k) {
        const Slot& s = slots_[k];
        if (s.of_function)
          row += s.axis == 0 ? at[k] : at[k] * frows;
        else
          col += s.axis == 0 ? at[k] : at[k] * xrows_;
      }
      out(row, col) = v;
      std::size_t k = 0;
      while (k < at.size() && ++at[k] == range[k]) at[k++] = 0;
      if (k == at.size()) break;
    }
    return out;
  }

  int range(std::size_t k) { return size_of(slot_owner(k), slots_[k].axis); }
  int size_of(const std::string& name, int axis) {
    const Matrix& m = matrix_of(name);
    return static_cast<int>(axis == 0 ? m.rows() : m.cols());
  }

 private:
  std::string slot_owner(std::size_t k) const { return slots_[k].of_function ? kFunction : wrt_; }
  const Matrix& matrix_of(const std::string& name) {
    auto it = values_.find(name);
    if (it != values_.end()) return it->second;
    Matrix m;
    if (name == kFunction) {
      m = fvalue_;
    } else if (const VarInfo* var = ctx_.var(name); var && var->definition) {
      Build b(ctx_);  // a defined name (w = sigma(v)): its definition's value
      m = ev_.eval(inline_definitions(b, var->definition));
    } else if (auto v = in_.values.find(name); v != in_.values.end()) {
      m = v->second;
    } else if (!name.empty() && name[0] == '(') {  // (Xw)_i: a part in matrix form
      Build b(ctx_);
      m = ev_.eval(inline_definitions(b, build_expression(ctx_, name, "")));
    } else {
      throw UserError("unknown-symbol",
                      "the answer uses '" + name + "', which does not occur in the question",
                      Source::Answer, 0, 1);
    }
    return values_.emplace(name, std::move(m)).first->second;
  }

  Context& ctx_;
  const Instance& in_;
  Evaluator ev_;
  std::vector<Slot> slots_;
  Matrix fvalue_, expected_;
  int xrows_ = 1, xcols_ = 1;
  std::string wrt_;
  std::map<std::string, Matrix> values_;
};

bool close(const Matrix& a, const Matrix& b) { return agree(a, b, 1e-7); }

// a = c b at every draw, with one c (none when b is zero).
std::optional<double> multiple(const std::vector<Matrix>& a, const std::vector<Matrix>& b) {
  std::optional<double> c0;
  for (std::size_t k = 0; k < a.size(); ++k) {
    double bb = b[k].squaredNorm();
    if (bb <= 0) return std::nullopt;
    double c = (a[k].array() * b[k].array()).sum() / bb;
    if (std::fabs(c) < 1e-12 || !close(a[k], c * b[k])) return std::nullopt;
    if (c0 && std::fabs(c - *c0) > 1e-7 * std::max(1.0, std::fabs(*c0))) return std::nullopt;
    c0 = c;
  }
  return c0;
}

std::string factor_text(double c) { return format_number(std::round(c * 1e6) / 1e6); }

}  // namespace

IndexGrade grade_index_answer(Context& ctx, Expr f, const Derivation& d, const AskedEntries& asked,
                              const IndexTensor& answer, const Instance& in,
                              const Instance* second) {
  if (d.kind == "hessian")
    throw UserError("unsupported",
                    "an answer in index form is graded for gradients and Jacobians; write a "
                    "Hessian's answer in matrix form",
                    Source::Answer, 0, 1);
  const VarInfo* x = ctx.var(d.wrt);
  std::vector<int> faxes, xaxes;
  if (f->shape.rows != kDimOne) faxes.push_back(0);
  if (f->shape.cols != kDimOne) faxes.push_back(1);
  if (x->shape.rows != kDimOne) xaxes.push_back(0);
  if (x->shape.cols != kDimOne) xaxes.push_back(1);
  // The letters: the question's, where it wrote them; else the answer's other free
  // letters in alphabetical order (the row's first), said in the verdict.
  std::string of = asked.of.size() == faxes.size() ? asked.of : "";
  std::string by = asked.wrt.size() == xaxes.size() ? asked.wrt : "";
  std::string rest;
  for (char c : answer.free)
    if (of.find(c) == std::string::npos && by.find(c) == std::string::npos) rest += c;
  std::sort(rest.begin(), rest.end());
  std::string assumed;
  const std::string fname = entry_function_name(d);
  auto entry = [](const std::string& name, const std::string& letters) {
    return letters.empty() ? name : name + "_" + letters;
  };
  if (of.size() != faxes.size() && rest.size() >= faxes.size()) {
    of = rest.substr(0, faxes.size());
    rest = rest.substr(faxes.size());
    if (!of.empty()) assumed += entry(fname, of);
  }
  if (by.size() != xaxes.size() && rest.size() >= xaxes.size()) {
    by = rest.substr(0, xaxes.size());
    rest = rest.substr(xaxes.size());
    if (!by.empty()) assumed += (assumed.empty() ? "" : " and ") + entry(d.wrt, by);
  }
  std::string want = of + by;
  std::string what = "∂" + entry(fname, of) + "/∂" + entry(d.wrt, by);
  std::size_t n = faxes.size() + xaxes.size();
  if (of.size() != faxes.size() || by.size() != xaxes.size())
    return {false, "wrong-shape",
            "your answer's free indices are " + listed_letters(answer.free) +
                "; the derivative has " + std::to_string(n) +
                " (each index that occurs once in a term is free)."};
  // Every term writes each of the derivative's indices, and no other index once: the
  // question's letters are free even where a term repeats them (the element-wise a_i b_i).
  for (const IndexTensor::Part& t : answer.terms) {
    if (t.mentioned.empty()) continue;  // a constant, the same in every entry
    for (char c : t.free)
      if (want.find(c) == std::string::npos)
        return {false, "wrong-shape",
                "the index " + std::string(1, c) + " occurs once in your term " + t.text +
                    ", so it is free there, but " + what + " has the free indices " +
                    listed_letters(want) + " (an index written twice in a product is summed)."};
    for (char c : want)
      if (t.mentioned.find(c) == std::string::npos)
        return {false, "wrong-shape",
                "your term " + t.text + " does not write the index " + std::string(1, c) +
                    ": every term of " + what + " has the free indices " + listed_letters(want) +
                    "."};
  }
  std::vector<Slot> slots;
  for (std::size_t k = 0; k < faxes.size(); ++k) slots.push_back({of[k], true, faxes[k]});
  for (std::size_t k = 0; k < xaxes.size(); ++k) slots.push_back({by[k], false, xaxes[k]});
  const std::string read =
      assumed.empty() ? "" : " (read as " + assumed + ": the row's index first)";

  std::vector<Table> tables;
  tables.reserve(2);
  tables.emplace_back(ctx, f, d, in, slots);
  if (second) tables.emplace_back(ctx, f, d, *second, slots);
  // Each free index runs over what the question makes it (x over M's rows): an answer
  // whose entry puts it elsewhere (x_{jn} for x_{nj}) does not fit, at these sizes.
  auto axis_word = [](int axis) { return axis == 0 ? "rows" : "columns"; };
  for (std::size_t k = 0; k < slots.size(); ++k) {
    auto own = answer.ranges.find(slots[k].letter);
    if (own == answer.ranges.end()) continue;
    int theirs = tables[0].range(k),
        mine = tables[0].size_of(own->second.first, own->second.second);
    if (theirs == mine) continue;
    return {false, "wrong-shape",
            std::string("the index ") + slots[k].letter + " runs over the " +
                axis_word(slots[k].axis) + " of " + (slots[k].of_function ? fname : d.wrt) +
                " in " + what + " (" + std::to_string(theirs) + " values at " +
                sizes_text(ctx, in) + "), but over the " + axis_word(own->second.second) + " of " +
                own->second.first + " in your answer (" + std::to_string(mine) + ")" + read + "."};
  }
  std::vector<const IndexTensor::Part*> all;
  for (const IndexTensor::Part& t : answer.terms) all.push_back(&t);
  std::vector<int> identity(slots.size());
  std::iota(identity.begin(), identity.end(), 0);
  auto values = [&](const std::vector<const IndexTensor::Part*>& terms,
                    const std::vector<int>& perm) {
    std::vector<Matrix> out;
    for (Table& t : tables) out.push_back(t.answer(terms, perm));
    return out;
  };
  std::vector<Matrix> want_v, got = values(all, identity);
  for (Table& t : tables) want_v.push_back(t.expected());
  bool equal = true;
  for (std::size_t k = 0; k < got.size(); ++k) equal = equal && close(got[k], want_v[k]);
  if (equal)
    return {true, "correct",
            "correct: it agrees with " + what + " entry by entry at random inputs" + read + "."};

  // Indices exchanged: the answer read with two (or more) of its letters permuted.
  std::vector<int> perm = identity;
  while (std::next_permutation(perm.begin(), perm.end())) {
    bool same_ranges = true;
    for (std::size_t k = 0; k < slots.size(); ++k)
      same_ranges =
          same_ranges && tables[0].range(k) == tables[0].range(static_cast<std::size_t>(perm[k]));
    if (!same_ranges) continue;
    std::vector<Matrix> p = values(all, perm);
    bool ok = true;
    for (std::size_t k = 0; k < p.size(); ++k) ok = ok && close(p[k], want_v[k]);
    if (!ok) continue;
    std::string swapped;
    for (std::size_t k = 0; k < slots.size(); ++k)
      if (perm[k] != static_cast<int>(k) && static_cast<int>(k) < perm[k])
        swapped += (swapped.empty() ? "" : "; ") + std::string(1, slots[k].letter) + " and " +
                   slots[static_cast<std::size_t>(perm[k])].letter;
    return {false, "transposed",
            "indices exchanged: your answer is " + what + " with " + swapped +
                " exchanged (the entry-by-entry form of a transpose)" + read + "."};
  }
  if (std::optional<double> c = multiple(got, want_v)) {
    if (std::fabs(*c + 1) < 1e-9)
      return {false, "sign", "off by the sign: your answer is minus " + what + read + "."};
    return {false, "factor",
            "off by a factor: your answer is " + factor_text(*c) + " times " + what + read + "."};
  }
  // Term by term, against the index route's terms written with the same letters.
  std::string agree;
  try {
    DeriveOptions opt;
    opt.check_steps = false;
    opt.index_of = of;
    opt.index_wrt = by;
    IndexDerivation r = derive_index(ctx, f, d.wrt, opt);
    std::string theirs = index_latex(ctx, r.space, r.result_index);
    std::optional<IndexTensor> t = read_index_tensor(theirs, want);
    if (t && t->terms.size() + answer.terms.size() > 2) {
      struct Term {
        const IndexTensor::Part* part;
        std::vector<Matrix> v;
        bool matched = false;
      };
      std::vector<Term> mine, derived;
      for (const IndexTensor::Part& p : answer.terms) mine.push_back({&p, values({&p}, identity)});
      for (const IndexTensor::Part& p : t->terms) derived.push_back({&p, values({&p}, identity)});
      auto same = [](const std::vector<Matrix>& a, const std::vector<Matrix>& b) {
        for (std::size_t k = 0; k < a.size(); ++k)
          if (!close(a[k], b[k])) return false;
        return true;
      };
      for (Term& a : mine)
        for (Term& w : derived)
          if (!w.matched && same(a.v, w.v)) {
            a.matched = w.matched = true;
            break;
          }
      std::vector<Term*> left_mine, left_derived;
      std::string right;
      for (Term& a : mine) {
        if (!a.matched)
          left_mine.push_back(&a);
        else
          right += (right.empty() ? "" : ", ") + a.part->text;
      }
      for (Term& w : derived)
        if (!w.matched) left_derived.push_back(&w);
      auto names = [](const std::vector<Term*>& ts) {
        std::string out;
        for (std::size_t i = 0; i < ts.size(); ++i) out += (i ? " + " : "") + ts[i]->part->text;
        return out;
      };
      std::string others =
          right.empty() ? ""
                        : "; your " + right +
                              (right.find(',') == std::string::npos ? " is" : " are") + " right";
      if (left_mine.empty())
        return {false, "missing-term",
                "missing " + std::string(left_derived.size() == 1 ? "a term: " : "terms: ") +
                    names(left_derived) + others + read + "."};
      if (left_derived.empty())
        return {false, "extra-term",
                std::string(left_mine.size() == 1 ? "one term too many: " : "terms too many: ") +
                    names(left_mine) + others + read + "."};
      if (left_mine.size() == 1 && left_derived.size() == 1)
        if (std::optional<double> c = multiple(left_mine[0]->v, left_derived[0]->v)) {
          bool sign = std::fabs(*c + 1) < 1e-9;
          return {false, sign ? "sign" : "factor",
                  std::string(sign ? "wrong sign in one term: " : "off by a factor in one term: ") +
                      "your " + left_mine[0]->part->text + " is " +
                      (sign ? "minus" : factor_text(*c) + " times") + " the term " +
                      left_derived[0]->part->text + others + read + "."};
        }
      if (!right.empty())
        agree = ": your " + right + " agree" + (right.find(',') == std::string::npos ? "s" : "") +
                " with the derivative's terms, " + names(left_mine) + " with none of " +
                names(left_derived);
    }
  } catch (const UserError&) {
    // no index route for a part: the whole comparison stands alone
  }
  // Where they differ: the first entry, 1-based.
  const Matrix& a = got[0];
  const Matrix& w = want_v[0];
  Eigen::Index r = 0, c = 0;
  (a - w).cwiseAbs().maxCoeff(&r, &c);
  return {false, "different",
          "different from " + what + " entry by entry" + agree + read + " (largest difference " +
              factor_text(std::fabs(a(r, c) - w(r, c))) + ")."};
}

}  // namespace matcalc
