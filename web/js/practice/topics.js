// The practice topics (the lessons' topics, plus definitions) and their grammar of
// problem shapes. A shape is a rule for a family of problems — random names, sizes,
// factors and compositions drawn from `g` ({random, names, level}) — not a problem: the
// same shape gives `x'*A*x`, `w'*B'*w` and `z'*C*D*z`. `level` is the first difficulty
// (1 easy, 2 medium, 3 hard) that uses it; harder levels also make the pieces longer
// (grammar.js). Every problem a shape makes is derived and checked by the engine before
// it is shown (generate.js), so a shape may be ambitious: what the engine cannot derive,
// or derives into a too-long answer, is drawn again.
import { chain, coefficient, mul, sideLength, sum, times } from './grammar.js';

// The matrix functions with a Fréchet derivative the engine writes (dexpm, dlogm, dsqrtm).
const MATRIX_FUNCTIONS = ['expm', 'logm', 'sqrtm'];

const problem = (expr, wrt, extra = {}) => ({ expr, wrt, decl: '', hessian: false, layout: '', ...extra });

// tr(L*X*R) or tr(L*X'*R), L and R chains of constants.
const traceLinear = (g, X) => `tr(${mul(chain(g, sideLength(g)), g.random.chance(0.4) ? `${X}'` : X, chain(g, g.random.int(1, g.level)))})`;
// u'*L*X*R*v, u and v constant vectors.
const bilinear = (g, X) => `${g.names.vector()}'*${mul(chain(g, sideLength(g)), X, chain(g, sideLength(g)))}*${g.names.vector()}`;

export const TOPICS = [
  {
    id: 'trace-trick',
    title: 'The trace trick',
    lesson: 'trace-trick',
    shapes: [
      { name: 'bilinear form', level: 1, make: (g) => { const X = g.names.matrixVariable(); return problem(bilinear(g, X), X); } },
      { name: 'trace of a product', level: 1, make: (g) => { const X = g.names.matrixVariable(); return problem(traceLinear(g, X), X); } },
      {
        name: 'trace of a quadratic', level: 2,
        make: (g) => {
          const X = g.names.matrixVariable();
          const A = mul(chain(g, 1), chain(g, g.level - 2));
          return problem(g.random.chance(0.5) ? `tr(${X}*${A}*${X}')` : `tr(${X}'*${A}*${X})`, X);
        },
      },
      {
        name: 'Frobenius residual', level: 2,
        make: (g) => {
          const X = g.names.matrixVariable();
          const inner = g.random.chance(0.5) ? `${g.names.matrix()}*${X}` : `${X}*${g.names.matrix()}`;
          return problem(`norm2(${inner} - ${g.names.matrix()})^2`, X);
        },
      },
      {
        name: 'sum of traces', level: 3,
        make: (g) => {
          const X = g.names.matrixVariable();
          return problem(sum(g, [traceLinear(g, X), bilinear(g, X), ...(g.random.chance(0.5) ? [traceLinear(g, X)] : [])]), X);
        },
      },
    ],
  },
  {
    id: 'quadratic-forms',
    title: 'Quadratic forms',
    lesson: 'quadratic-forms',
    shapes: [
      { name: 'quadratic form in a vector', level: 1, make: (g) => { const x = g.names.vectorVariable(); return problem(`${x}'*${mul(chain(g, g.random.int(1, g.level)))}*${x}`, x); } },
      {
        name: 'quadratic form through a matrix', level: 1,
        make: (g) => {
          const W = g.names.matrixVariable();
          const x = g.names.vector();
          return problem(g.random.chance(0.5) ? `${x}'*${W}*${W}'*${x}` : `${x}'*${W}'*${W}*${x}`, W);
        },
      },
      {
        name: 'least squares', level: 1,
        make: (g) => {
          const x = g.names.vectorVariable();
          return problem(`norm2(${mul(chain(g, g.random.int(1, g.level)))}*${x} - ${g.names.vector()})^2`, x);
        },
      },
      {
        name: 'centred form with a symmetric matrix', level: 2,
        make: (g) => {
          const x = g.names.vectorVariable();
          const m = g.names.vector();
          const S = g.names.matrix();
          return problem(`(${x} - ${m})'*${S}*(${x} - ${m})`, x, { decl: `${S}: symmetric(n)` });
        },
      },
      {
        name: 'sandwiched Gram matrix', level: 2,
        make: (g) => {
          const W = g.names.matrixVariable();
          const x = g.names.vector();
          return problem(`${x}'*${W}'*${mul(chain(g, g.random.int(1, g.level - 1)))}*${W}*${x}`, W);
        },
      },
      {
        name: 'regularised least squares', level: 3,
        make: (g) => {
          const w = g.names.vectorVariable();
          const c = g.names.scalar();
          return problem(`norm2(${g.names.matrix()}*${w} - ${g.names.vector()})^2 + ${c}*${w}'*${w}`, w);
        },
      },
    ],
  },
  {
    id: 'layout',
    title: 'Layout conventions',
    lesson: 'layout',
    shapes: [
      {
        name: 'gradient in numerator layout', level: 1,
        make: (g) => { const X = g.names.matrixVariable(); return problem(g.random.chance(0.5) ? bilinear(g, X) : traceLinear(g, X), X, { layout: 'numerator' }); },
      },
      {
        name: 'vector gradient in numerator layout', level: 1,
        make: (g) => { const x = g.names.vectorVariable(); return problem(`${x}'*${chain(g, g.random.int(1, g.level))}*${x}`, x, { layout: 'numerator' }); },
      },
      {
        name: 'Jacobian of a linear map', level: 2,
        make: (g) => {
          const x = g.names.vectorVariable();
          return problem(`${chain(g, g.random.int(1, g.level - 1))}*${x}`, x, { layout: g.random.pick(['numerator', 'denominator']) });
        },
      },
      {
        name: 'Jacobian of an element-wise map', level: 3,
        make: (g) => {
          const x = g.names.vectorVariable();
          return problem(`${g.random.pick(['sigmoid', 'tanh', 'exp'])}(${g.names.matrix()}*${x})`, x, { layout: g.random.pick(['numerator', 'denominator']) });
        },
      },
    ],
  },
  {
    id: 'matrix-by-matrix',
    title: 'Matrix by matrix',
    lesson: 'matrix-by-matrix',
    shapes: [
      {
        name: 'one-sided product', level: 1,
        make: (g) => { const X = g.names.matrixVariable(); return problem(g.random.chance(0.5) ? `${X}*${g.names.matrix()}` : `${g.names.matrix()}*${X}`, X); },
      },
      { name: 'two-sided product', level: 2, make: (g) => { const X = g.names.matrixVariable(); return problem(`${chain(g, 1)}*${X}*${chain(g, g.level - 1)}`, X); } },
      { name: 'transpose in a product', level: 2, make: (g) => { const X = g.names.matrixVariable(); return problem(`${g.names.matrix()}*${X}'`, X); } },
      { name: 'vector by matrix', level: 2, make: (g) => { const W = g.names.matrixVariable(); return problem(`${W}*${g.names.vector()}`, W); } },
      { name: 'sum of products', level: 3, make: (g) => { const X = g.names.matrixVariable(); return problem(`${g.names.matrix()}*${X} + ${X}*${g.names.matrix()}`, X); } },
    ],
  },
  {
    id: 'elementwise',
    title: 'Element-wise functions',
    lesson: 'elementwise',
    shapes: [
      {
        name: 'sum of a function of a linear map', level: 1,
        make: (g) => { const x = g.names.vectorVariable(); return problem(`sum(${g.random.pick(['exp', 'sigmoid', 'tanh', 'softplus'])}(${g.names.matrix()}*${x}))`, x); },
      },
      {
        name: 'weighted Hadamard product', level: 1,
        make: (g) => { const x = g.names.vectorVariable(); return problem(`${g.names.vector()}'*(${x}.*${x})`, x); },
      },
      {
        name: 'squared norm of an activation', level: 2,
        make: (g) => {
          const W = g.names.matrixVariable();
          return problem(`norm2(${g.random.pick(['sigmoid', 'tanh'])}(${W}*${g.names.vector()}))^2`, W);
        },
      },
      {
        name: 'logistic loss', level: 2,
        make: (g) => {
          const w = g.names.vectorVariable();
          return problem(`sum(log(1 + exp(-${g.names.vector()}.*(${g.names.matrix()}*${w}))))`, w);
        },
      },
      {
        name: 'squared error of an activation', level: 3,
        make: (g) => {
          const W = g.names.matrixVariable();
          return problem(`norm2(${g.random.pick(['sigmoid', 'tanh'])}(${W}*${g.names.vector()}) - ${g.names.vector()})^2`, W);
        },
      },
      {
        name: 'activation through a weighted sum', level: 3,
        make: (g) => {
          const X = g.names.matrixVariable();
          return problem(`${g.names.vector()}'*${g.random.pick(['sigmoid', 'tanh', 'exp'])}(${X}'*${g.names.vector()})`, X);
        },
      },
    ],
  },
  {
    id: 'det-inverse',
    title: 'Determinants and inverses',
    lesson: 'det-inverse',
    shapes: [
      { name: 'log-determinant', level: 1, make: (g) => { const X = g.names.matrixVariable(); return problem(mul(coefficient(g), `logdet(${X})`), X); } },
      { name: 'determinant', level: 1, make: (g) => { const X = g.names.matrixVariable(); return problem(`det(${X})`, X); } },
      { name: 'quadratic form in the inverse', level: 2, make: (g) => { const X = g.names.matrixVariable(); const x = g.names.vector(); return problem(`${x}'*inv(${X})*${x}`, X); } },
      { name: 'inverse of a shifted matrix', level: 2, make: (g) => { const X = g.names.matrixVariable(); const x = g.names.vector(); return problem(`${x}'*inv(${X} + ${g.names.matrix()})*${x}`, X); } },
      { name: 'log-determinant of a product', level: 3, make: (g) => { const X = g.names.matrixVariable(); return problem(`logdet(${g.names.matrix()}*${X}*${g.names.matrix()})`, X); } },
      { name: 'trace with the inverse', level: 2, make: (g) => { const X = g.names.matrixVariable(); return problem(`tr(${mul(chain(g, g.random.int(0, g.level - 1)), `inv(${X})`, chain(g, 1))})`, X); } },
      {
        name: 'Gaussian log-likelihood', level: 3,
        make: (g) => {
          const S = g.names.matrixVariable();
          const x = g.names.vector();
          return problem(`logdet(${S}) + ${x}'*inv(${S})*${x}`, S, { decl: `${S}: spd(n)` });
        },
      },
    ],
  },
  {
    id: 'hessians',
    title: 'Hessians',
    lesson: 'hessians',
    shapes: [
      { name: 'Hessian of a quadratic form', level: 1, make: (g) => { const x = g.names.vectorVariable(); return problem(`${x}'*${chain(g, g.random.int(1, g.level))}*${x}`, x, { hessian: true }); } },
      {
        name: 'Hessian of least squares', level: 1,
        make: (g) => { const x = g.names.vectorVariable(); return problem(`norm2(${g.names.matrix()}*${x} - ${g.names.vector()})^2`, x, { hessian: true }); },
      },
      {
        name: 'Hessian with a linear term', level: 2,
        make: (g) => {
          const x = g.names.vectorVariable();
          return problem(sum(g, [`${x}'*${g.names.matrix()}*${x}`, `${g.names.vector()}'*${x}`]), x, { hessian: true });
        },
      },
      {
        name: 'Hessian of a sum of exponentials', level: 3,
        make: (g) => { const x = g.names.vectorVariable(); return problem(`sum(exp(${g.names.matrix()}*${x}))`, x, { hessian: true }); },
      },
    ],
  },
  {
    id: 'definitions',
    title: 'Through definitions',
    lesson: 'layout',
    shapes: [
      {
        name: 'residual defined first', level: 1,
        make: (g) => {
          const x = g.names.vectorVariable();
          const r = g.names.vector();
          return problem(`${r} = ${g.names.matrix()}*${x} - ${g.names.vector()}\nf = ${r}'*${r}`, x);
        },
      },
      {
        name: 'Gram matrix defined first', level: 1,
        make: (g) => {
          const M = g.names.matrixVariable();
          const P = g.names.matrix();
          return problem(`${P} = ${M}*${M}'\nf = tr(${P}*${P}')`, M);
        },
      },
      {
        name: 'shifted Gram matrix', level: 2,
        make: (g) => {
          const M = g.names.matrixVariable();
          const [P, Q] = times(2, () => g.names.matrix());
          return problem(`${P} = ${M}*${M}'\n${Q} = ${P} - I\nf = tr(${Q}*${Q}')`, M);
        },
      },
      {
        name: 'activation defined first', level: 2,
        make: (g) => {
          const X = g.names.matrixVariable();
          return problem(`h = ${g.random.pick(['sigmoid', 'tanh'])}(${X}'*${g.names.vector()})\nf = h'*h`, X);
        },
      },
      {
        name: 'two activations', level: 3,
        make: (g) => {
          const W = g.names.matrixVariable();
          const [h, k] = times(2, () => g.names.vector());
          return problem(`${h} = tanh(${W}*${g.names.vector()})\n${k} = sigmoid(${g.names.matrix()}*${h})\nf = ${g.names.vector()}'*${k}`, W);
        },
      },
      {
        name: 'two layers', level: 3,
        make: (g) => {
          const W = g.names.matrixVariable();
          return problem(`h = tanh(${W}*${g.names.vector()})\nf = ${g.names.vector()}'*${g.names.matrix()}*h`, W);
        },
      },
    ],
  },
  {
    // SPEC 12: the answers use the Fréchet derivatives dexpm, dlogm, dsqrtm and the
    // eigenvector functions, as lesson 10 writes them; the numeric check evaluates them.
    id: 'matrix-functions',
    title: 'Matrix functions and eigenvalues',
    lesson: 'matrix-functions',
    shapes: [
      {
        // Under a trace the direction is I, which commutes: the scalar rule, transposed.
        name: 'trace of a matrix function', level: 1,
        make: (g) => {
          const X = g.names.matrixVariable();
          if (g.random.chance(0.25)) return problem(`tr(expm(${g.names.scalar()}*${X}))`, X);
          return problem(mul(coefficient(g), `tr(${g.random.pick(MATRIX_FUNCTIONS)}(${X}))`), X);
        },
      },
      {
        name: 'extreme eigenvalue', level: 1,
        make: (g) => {
          const S = g.names.matrixVariable();
          const which = g.random.pick(['lambda_max', 'lambda_min']);
          return problem(mul(coefficient(g), `${which}(${S})`), S, { decl: `${S}: symmetric(n)` });
        },
      },
      {
        // The adjoint of L_f(X, .) is L_f(X', .): the answer is a Fréchet derivative.
        name: 'Fréchet derivative through a trace', level: 2,
        make: (g) => {
          const X = g.names.matrixVariable();
          const f = `${g.random.pick(MATRIX_FUNCTIONS)}(${X})`;
          const A = g.names.matrix();
          const form = g.random.pick([
            () => `tr(${A}*${f})`, () => `tr(${f}*${A})`,
            () => `tr(${A}*${f}*${g.names.matrix()})`, () => `${g.names.vector()}'*${f}*${g.names.vector()}`]);
          return problem(form(), X);
        },
      },
      {
        name: 'eigenvalue of a Gram matrix', level: 2,
        make: (g) => {
          const X = g.names.matrixVariable();
          const which = g.random.pick(['lambda_max', 'lambda_min']);
          if (g.random.chance(0.3)) {
            const A = g.names.matrix();
            return problem(`lambda_max(${X}'*${A}*${X})`, X, { decl: `${A}: spd(n)` });
          }
          return problem(g.random.chance(0.5) ? `${which}(${X}'*${X})` : `lambda_max(${X}*${X}')`, X);
        },
      },
      {
        name: 'spectral and nuclear norms', level: 2,
        make: (g) => {
          const W = g.names.matrixVariable();
          const A = g.names.matrix();
          return problem(g.random.pick([`norm_op(${W})`, `norm_nuc(${W})`, `norm_nuc(${A}*${W})`, `norm_nuc(${W} - ${A})`]), W);
        },
      },
      {
        // Low-rank regression: a data term and the nuclear norm, the convex stand-in for rank.
        name: 'nuclear-norm regularisation', level: 3,
        make: (g) => {
          const W = g.names.matrixVariable();
          const c = g.names.scalar();
          const data = g.random.pick([
            () => `norm2(${W}*${g.names.vector()} - ${g.names.vector()})^2`,
            () => `norm2(${W} - ${g.names.matrix()})^2`,
            () => `norm2(${g.names.matrix()}*${W} - ${g.names.matrix()})^2`]);
          return problem(`${data()} + ${c}*norm_nuc(${W})`, W, { decl: `${c}: scalar` });
        },
      },
      {
        // A covariance or density matrix: symmetric positive definite, so log and square
        // root exist and commute with their argument.
        name: 'function of a covariance matrix', level: 3,
        make: (g) => {
          const S = g.names.matrixVariable();
          const u = g.names.vector();
          const f = g.random.pick([
            () => `${g.random.chance(0.5) ? '-' : ''}tr(${S}*logm(${S}))`,
            () => `norm2(logm(${S}))^2`,
            () => `${u}'*${g.random.pick(['logm', 'sqrtm'])}(${S})*${u}`,
            () => `sum(${g.random.pick(['log', 'sqrt'])}(eigvals(${S})))`,
            () => `tr(${g.names.matrix()}*${g.random.pick(['logm', 'sqrtm'])}(${S}))`]);
          return problem(f(), S, { decl: `${S}: spd(n)` });
        },
      },
    ],
  },
  {
    // SPEC 13: the variable is declared on its set and the answer is the gradient there.
    id: 'constraint-sets',
    title: 'Gradients on constraint sets',
    lesson: 'constraint-sets',
    shapes: [
      {
        name: 'Rayleigh quotient on the sphere', level: 1,
        make: (g) => {
          const x = g.names.vectorVariable();
          const A = g.names.matrix();
          return problem(`${x}'*${A}*${x}`, x, { decl: `${x}: unit(n); ${A}: symmetric(n)` });
        },
      },
      {
        name: 'Procrustes on the orthogonal group', level: 1,
        make: (g) => {
          const X = g.names.matrixVariable();
          return problem(`tr(${g.names.matrix()}'*${X})`, X, { decl: `${X}: orthogonal(n)` });
        },
      },
      {
        name: 'triangular factor', level: 2,
        make: (g) => {
          const L = g.names.matrixVariable();
          const x = g.names.vector();
          const f = g.random.chance(0.5) ? `logdet(${L}*${L}')` : `${x}'*${L}*${L}'*${x}`;
          return problem(f, L, { decl: `${L}: lower(n)` });
        },
      },
      {
        name: 'nearest skew-symmetric matrix', level: 2,
        make: (g) => {
          const K = g.names.matrixVariable();
          return problem(`norm2(${K} - ${g.names.matrix()})^2`, K, { decl: `${K}: skew(n)` });
        },
      },
      {
        name: 'trace on the Stiefel manifold', level: 3,
        make: (g) => {
          const X = g.names.matrixVariable();
          const A = g.names.matrix();
          return problem(`tr(${X}'*${A}*${X})`, X, { decl: `${X}: stiefel(n,p); ${A}: symmetric(n)` });
        },
      },
      {
        name: 'orthogonal fit', level: 3,
        make: (g) => {
          const X = g.names.matrixVariable();
          const [B, C] = times(2, () => g.names.matrix());
          return problem(`norm2(${X}*${B} - ${C})^2`, X, { decl: `${X}: orthogonal(n); ${B}: matrix(n,m); ${C}: matrix(n,m)` });
        },
      },
    ],
  },
];

export const topicById = (id) => TOPICS.find((topic) => topic.id === id) || null;
