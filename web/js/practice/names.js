// Fresh names for a generated problem, by the naming convention every matcalc page uses
// (SPEC 2): lower-case h–z vectors, capitals matrices, a–g scalars — so a problem needs
// no declarations unless it wants a structure (symmetric, spd) or sizes. The variable is
// drawn from the names textbooks differentiate by; the constants from the rest, never
// twice in one problem (and never I, the identity).
const VARIABLE_MATRICES = ['X', 'W', 'M', 'Z', 'Y'];
const VARIABLE_VECTORS = ['x', 'w', 'z', 'v'];
const MATRICES = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'K', 'L', 'N', 'P', 'Q', 'R', 'T', 'U', 'V'];
const VECTORS = ['u', 'y', 't', 's', 'r', 'p', 'q', 'm', 'k'];
const SCALARS = ['a', 'b', 'c', 'd', 'g'];

export class Names {
  constructor(random) {
    this.random = random;
    this.used = new Set();
  }

  fresh(pool) {
    const free = pool.filter((name) => !this.used.has(name));
    const name = this.random.pick(free);
    this.used.add(name);
    return name;
  }

  matrixVariable() { return this.fresh(VARIABLE_MATRICES); }

  vectorVariable() { return this.fresh(VARIABLE_VECTORS); }

  matrix() { return this.fresh(MATRICES); }

  vector() { return this.fresh(VECTORS); }

  scalar() { return this.fresh(SCALARS); }
}
