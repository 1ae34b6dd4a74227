// The LaTeX parser (internal to parse/latex_*.cpp): one statement's tokens to a tree in
// the plain language's terms. Expressions are in latex_expr.cpp, primaries (names,
// commands, delimiters) in latex_primary.cpp, statements (questions, definitions,
// declarations) in latex_statement.cpp; the reader (latex_reader.cpp) splits the input
// into statements and puts the program together.
//
// Strategy: recursive descent over tokens with a stack of limits, so a {group} or a
// \left...\right pair is parsed in place as a sub-range. Implicit multiplication binds
// tighter than written operators (a/bc is a/(bc), A \odot BC is A .* (B*C)), as in
// textbooks. Inside \sum_i the summand is entry-wise: x_i y_i is x .* y.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "parse/latex_ast.h"
#include "parse/latex_lexer.h"
#include "parse/latex_reader.h"

namespace matcalc {

// What the statements of one question share.
struct LatexNames {
  // Kinds read from typography, in order of first appearance: bold lower-case a vector,
  // bold capital a matrix, lower-case Greek a scalar, capital Greek a matrix.
  std::vector<std::pair<std::string, NameKind>> typography;
  std::map<std::string, std::vector<std::string>> functions;  // f(X) = ...: f -> {X}
  // A bold lower-case name is a vector even where it is also plain Greek (\theta and
  // \boldsymbol\theta); otherwise the first reading stays.
  void note(const std::string& name, NameKind kind);
  // A name written transposed (\theta^\top x) is meant as a vector: a lower-case Greek
  // name, a scalar by typography, becomes one. Other names keep the naming convention,
  // whose scalars transposed get the note of SPEC 7.
  void transposed(const std::string& name);
  // Index notation seen (SPEC 14): what says so and where, first occurrence.
  std::string index_reason;
  Span index_span;
  std::vector<std::string> index_notes;  // what the reading made of the entries
  std::vector<IndexCheck> index_checks;  // the statements read so, to check numerically
  AskedEntries asked;                    // the question's index letters
  std::string answer_free;  // an answer's free indices in order (read_latex's `entries`)
  void index_notation(const std::string& why, Span where) {
    if (index_reason.empty()) index_reason = why, index_span = where;
  }
};

struct LatexDecl {
  std::string name;
  Span span;
  std::string text;  // "X: matrix(m,n)"
  // A constraint (\|x\| = 1): the structure's word, which takes the sizes of the name's
  // other declaration if it has one (x \in \mathbb{R}^n with \|x\| = 1 is unit(n)).
  std::string constraint;
};

struct LatexStatement {
  enum class Kind { Expression, Definition, Declaration, Question } kind = Kind::Expression;
  std::string name;  // Definition: the defined name
  Span name_span, relation_span, span;
  std::vector<std::string> params;  // f(X) = ...: {"X"}
  LNodePtr body;                    // Expression, Definition, Question
  std::string wrt;                  // Question: the variable ("" for \nabla f)
  bool hessian = false;             // Question: a second derivative (\partial^2 f / \partial x^2)
  Span wrt_span;
  LNodePtr claim;  // Question: an answer it states (= 2X), refused
  Span claim_span;
  std::string name_indices, wrt_indices;  // f_{ij} = ..., \partial m_{xy}: the index letters
  std::vector<LatexDecl> decls;           // Declaration
};

// A question written entry by entry (index notation, SPEC 14) is read into the matrix
// question it stands for (latex_index.cpp): each statement with entries gets the matrix
// form of its body, an indexed definition's name its matrix's name (f_{ij}: F), an entry
// as the derivative's variable the whole variable, and `names.index_notes` the reading.
// A term with no matrix form is refused (throws), saying what and where.
void read_index_notation(std::vector<LatexStatement>& sts, LatexNames& names);

// An expression written entry by entry, as an IndexTensor (see latex_reader.h); `text` is
// what the spans point into. Null when `body` has no entry.
std::optional<IndexTensor> index_tensor_of(LNodePtr body, const std::string& text,
                                           const std::string& free);

class LatexParser {
 public:
  // `toks` ends with an End token.
  LatexParser(std::vector<LToken> toks, LatexNames& names);
  LatexStatement statement();
  // The name and parameters when the statement is a function definition `f(X) = ...`.
  bool function_header(std::string* name, std::vector<std::string>* params);

 private:
  // ---- tokens (latex_expr.cpp)
  std::size_t limit() const { return limits_.empty() ? t_.size() - 1 : limits_.back(); }
  bool at_end(std::size_t k = 0) const { return pos_ + k >= limit(); }
  const LToken& peek(std::size_t k = 0) const { return t_[std::min(pos_ + k, limit())]; }
  const LToken& next() { return t_[pos_++]; }
  bool is_char(const char* c, std::size_t k = 0) const;
  bool is_cmd(const char* name, std::size_t k = 0) const;
  bool is_cmd_in(std::initializer_list<const char*> names, std::size_t k = 0) const;
  bool opens_paren(std::size_t k = 0) const;  // ( or [ plain or \left
  [[noreturn]] void fail_here(const std::string& what) const;
  // Parses the group opened at pos_ ({...} or \left...\right) with `parse`, leaving
  // pos_ after its closer.
  LNodePtr in_group(const std::function<LNodePtr()>& parse);

  // ---- expressions (latex_expr.cpp)
  LNodePtr sum();
  LNodePtr product();
  LNodePtr term(LNodePtr first = nullptr);
  LNodePtr divisor(LNodePtr* carried);
  bool differential_quotient(LatexStatement& st);
  bool order_constraint(LatexStatement& st);
  LNodePtr factor();
  LNodePtr postfix(LNodePtr base);
  LNodePtr function_argument_run();
  bool starts_factor(std::size_t k = 0) const;
  bool is_function_start() const;
  void append(LNodePtr& acc, const std::string& op, Span op_span, LNodePtr right);
  std::string times() const { return elementwise_ ? ".*" : "*"; }
  // Superscripts: ^T, ^{\top}, ^{-1}, ^{-T}, ^{\circ 2}, ^2, ^{n+1}.
  enum class ScriptKind { Transpose, Inverse, InverseTranspose, Hadamard, Power };
  struct Script {
    ScriptKind kind;
    LNodePtr expr;
    Span span;
  };
  Script superscript();
  bool transpose_mark(std::size_t a, std::size_t b) const;  // tokens [a,b) say T
  void note_transposed(const LNode& n);

  // ---- primaries (latex_primary.cpp)
  LNodePtr primary();
  LNodePtr letter_primary();
  LNodePtr command_primary();
  LNodePtr delim_primary();
  LNodePtr name_tail(const std::string& base, Span span, bool bold, bool greek);
  std::string subscript_text(Span* span);
  LNodePtr font_primary(const std::string& cmd, Span span);
  LNodePtr bold_primary(const std::string& cmd, Span span);
  LNodePtr function_call(const std::string& fn, Span name_span);
  LNodePtr max_call(Span name_span);  // \max(0, x) and \max(x, 0): relu(x)
  bool opens_arguments() const;       // ( [ \{ or \left( after a function
  std::vector<LNodePtr> paren_arguments(Span* span);
  LNodePtr frac(Span span);
  LNodePtr sqrt(Span span);
  LNodePtr sum_primary(Span span);
  std::vector<std::string> sum_indices(std::size_t a, std::size_t b, Span sum) const;
  bool is_subscript_letter(const std::string& letter) const;
  bool sigma_is_sum() const;
  static bool is_function_command(const std::string& name);  // \log, \exp, \operatorname'd
  LNodePtr norm_or_abs(const LToken& open);
  LNodePtr single_argument(const std::string& cmd, Span span);
  std::string argument_word(const std::string& cmd, Span span, Span* word_span);
  bool at_norm_close() const;

  // ---- statements (latex_statement.cpp)
  bool question(LatexStatement& st);
  bool derivative_frac(LatexStatement& st);
  bool definition(LatexStatement& st);
  bool relation();
  void declaration(LatexStatement& st);
  // At \in: the set after it, to the end of the statement (or group), as a declaration's
  // kind ("matrix(m,n)", "orthogonal(n)").
  std::string set_after_in();
  // A constraint that declares a structure (SPEC 13): \|x\| = 1, x^T x = 1 (a unit vector),
  // X^T X = I (orthonormal columns). False, with nothing consumed, for anything else.
  bool constraint(LatexStatement& st);
  // \min_x f, \max_{X^T X = I} f, \arg\min_{x \in S^{n-1}} f: the question of f's
  // gradient by the variable under it, declared by the constraint or set written there.
  bool optimisation(LatexStatement& st);
  std::size_t marker_length(std::size_t i, std::size_t end) const;
  std::size_t squared_mark(std::size_t i, std::size_t end) const;
  void hessian_denominator(LatexStatement& st, const LNode& v, Span den_span);
  void set_wrt(LatexStatement& st, const LNode& v, Span where);
  bool has_declaration() const;
  // A snapshot of the parser's position and context, to try a reading and back out.
  struct State {
    std::size_t pos, limits, bars, indices;
    bool elementwise, bold, skip_calls;
  };
  LNodePtr primary_or_restore(const State& s);
  State save() const;
  void restore(const State& s);
  Span header_span_, relation_span_, name_span_;

  std::vector<LToken> t_;
  std::vector<std::size_t> match_;  // for { and \left and plain ( [: the index of the closer
  std::size_t pos_ = 0;
  std::vector<std::size_t> limits_;
  LatexNames& names_;
  std::vector<std::string> bars_;     // open | and || awaiting their close ("(" inside groups)
  std::vector<std::string> indices_;  // the indices of the \sum being read
  bool elementwise_ = false;          // inside a \sum: products and powers are entry-wise
  bool bold_ = false;                 // inside \mathbf{...}
  bool skip_calls_ = true;            // f(X) of a defined f reads as f
  int depth_ = 0;
};

}  // namespace matcalc
