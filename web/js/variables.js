// Which variable to differentiate by, shared by the page and the engine worker.
// The requested one when the expression has it; otherwise the first variable that was
// not declared (declared names are usually the constants: `a: vector(n)` in `a'*X*b`);
// otherwise the first variable. Null for an expression without variables.
export function pickVariable(variables, requested) {
  if (!Array.isArray(variables) || variables.length === 0) return null;
  if (variables.some((v) => v.name === requested)) return requested;
  const undeclared = variables.find((v) => !v.declared);
  return (undeclared || variables[0]).name;
}
