// Mathematics as people paste it from papers, Math.SE and PDFs: the Unicode symbols
// (≡ ≔ ᵀ ′ ‖ ⁻¹ ² ⊙ ∘ ⊗ · × − σ ∂ ∇ Σ λ …), read as the LaTeX they stand for. One table
// row per symbol; runs of superscript or subscript characters (⁻¹, ², ₖ, ᵢⱼ) become one
// script group (^{-1}, ^{2}, _{k}, _{ij}), and spaces of every width are spaces.
#pragma once

#include <string>

namespace matcalc {

// The LaTeX that the Unicode text at s[i] stands for, and in *len how many bytes of s it
// covers; nullptr-equivalent "" with *len = 0 when s[i] starts no symbol the reader knows.
std::string unicode_as_tex(const std::string& s, std::size_t i, int* len);

// Whether s holds a character that only pasted mathematics has (a non-ASCII symbol of
// the table above): such input is written mathematics, read by the LaTeX reader.
bool has_unicode_math(const std::string& s);

// The plain name of the Greek letter at s[i] (μ is "mu", Σ is "Sigma"), its bytes in *len;
// "" where s[i] starts none. For the plain language's names: `μ: vector` declares mu.
std::string greek_name_at(const std::string& s, std::size_t i, int* len);

}  // namespace matcalc
