"""Exact matrix arithmetic over a field, with two interchangeable engines.

Private module. The exact pseudo-inverse and the exact ε-limits are written
once, against the small set of operations of :class:`FieldMatrixOps`; this
module supplies two implementations:

``FlintOps``
    python-flint's ``fmpq_mat`` (rational matrices in C). Rational entries only.
``DomainOps``
    SymPy's ``DomainMatrix`` in its sparse (SDM) format, over ``QQ`` or over a
    real algebraic number field such as ``QQ<sqrt(2)>``. Over ``QQ`` the
    echelon forms and solves clear denominators and run fraction-free over
    ``ZZ``, which is much faster than working with fractions.

Both compute the same exact numbers, so results never depend on the engine;
the tests check this.

Matrices cross the boundary as :class:`ExactInput` values: the shape, the
field, and the entries row by row as elements of that field (``QQ`` elements
for rational matrices). That form is cheap to hash, so it also serves as the
memo key of the exact pseudo-inverse.
"""

from __future__ import annotations

from typing import Any, Callable, NamedTuple, Sequence

import sympy
from sympy import QQ, ZZ
from sympy.polys.constructor import construct_domain
from sympy.polys.matrices import DomainMatrix

from ..errors import InputError, InputTypeError, UnsupportedError
from .convert import as_exact_matrix, check_exact_size, check_float_policy

__all__ = [
    "BACKENDS",
    "ExactInput",
    "FieldMatrixOps",
    "FlintOps",
    "DomainOps",
    "flint_available",
    "resolve_backend",
    "ops_for",
    "rational_flat",
    "flat_to_matrix",
    "exact_input",
    "common_field",
]

#: The accepted values of the ``backend`` argument.
BACKENDS = ("auto", "flint", "sympy")

try:  # python-flint is optional
    import flint as _flint
except ImportError:  # pragma: no cover - depends on the environment
    _flint = None


def flint_available() -> bool:
    """Return True when python-flint can be imported."""
    return _flint is not None


class ExactInput(NamedTuple):
    """A validated exact matrix: shape, field and entries row by row.

    Attributes
    ----------
    rows, cols : int
        The shape.
    domain : sympy.polys.domains.Domain
        ``QQ`` or a real algebraic number field.
    flat : tuple
        The ``rows * cols`` entries, row by row, as elements of *domain*.
    """

    rows: int
    cols: int
    domain: Any
    flat: tuple

    @property
    def shape(self) -> tuple[int, int]:
        return (self.rows, self.cols)

    def matrix(self) -> sympy.Matrix:
        """A fresh mutable SymPy matrix with these entries."""
        return flat_to_matrix(self.domain, self.rows, self.cols, self.flat)

    def transpose(self) -> "ExactInput":
        m, n, f = self.rows, self.cols, self.flat
        return ExactInput(n, m, self.domain, tuple(f[i * n + j] for j in range(n) for i in range(m)))


def rational_flat(M: sympy.MatrixBase) -> tuple:
    """The entries of a rational SymPy matrix as ``QQ`` elements, row by row.

    A SymPy dense matrix of rationals keeps its entries as ``QQ`` (or ``ZZ``)
    elements already; they are taken as they are when that internal form is
    available, and converted one by one otherwise.
    """
    rep = getattr(M, "_rep", None)
    if isinstance(rep, DomainMatrix) and rep.domain in (ZZ, QQ):
        if 0 in rep.shape:
            return ()
        return tuple(rep.convert_to(QQ).to_list_flat())
    return tuple(QQ(int(x.p), int(x.q)) for x in M)


def flat_to_matrix(domain: Any, m: int, n: int, flat: Sequence[Any]) -> sympy.Matrix:
    """A mutable SymPy matrix from field elements given row by row."""
    if m == 0 or n == 0:
        return sympy.zeros(m, n)
    if domain == QQ:
        rows = [list(flat[i * n:(i + 1) * n]) for i in range(m)]
        return DomainMatrix(rows, (m, n), QQ).to_Matrix()
    return sympy.Matrix(m, n, [domain.to_sympy(e) for e in flat])


def resolve_backend(backend: object, *, rational: bool = True) -> str:
    """Turn the user's ``backend`` argument into ``"flint"`` or ``"sympy"``.

    Parameters
    ----------
    backend : {"auto", "flint", "sympy"}
        ``"auto"`` picks flint when it is importable and the entries are
        rational, SymPy otherwise.
    rational : bool
        Whether all entries are rational (flint handles only those).

    Returns
    -------
    str
        ``"flint"`` or ``"sympy"``.

    Raises
    ------
    InputError
        *backend* is not one of :data:`BACKENDS`.
    UnsupportedError
        ``"flint"`` was asked for but python-flint is missing, or the entries
        are not rational.
    """
    if not isinstance(backend, str) or backend not in BACKENDS:
        raise InputError(
            "backend", backend, f"the backend must be one of {', '.join(map(repr, BACKENDS))}",
            "pass backend='auto' (flint when installed), 'flint' or 'sympy'",
        )
    if backend == "auto":
        return "flint" if (_flint is not None and rational) else "sympy"
    if backend == "flint":
        if _flint is None:
            raise UnsupportedError(
                "backend", backend, "python-flint is not installed",
                "install it (pip install python-flint) or pass backend='sympy'",
            )
        if not rational:
            raise UnsupportedError(
                "backend", backend, "the flint backend handles rational entries only",
                "pass backend='sympy' (or 'auto') for algebraic-number entries",
            )
    return backend


class FieldMatrixOps:
    """The operations the exact algorithms need, on an engine's own matrices.

    Matrices are opaque *native* objects; only :meth:`from_input`,
    :meth:`to_flat` and :meth:`to_matrix` cross the boundary. All operations
    are exact.
    """

    name = "abstract"
    domain: Any = QQ

    # -- conversion -----------------------------------------------------
    def from_input(self, X: ExactInput) -> Any:  # pragma: no cover - interface
        raise NotImplementedError

    def to_flat(self, X: Any) -> tuple:  # pragma: no cover - interface
        """The entries, row by row, as elements of :attr:`domain`."""
        raise NotImplementedError

    def to_matrix(self, X: Any) -> sympy.Matrix:
        """A fresh mutable SymPy matrix."""
        m, n = self.shape(X)
        return flat_to_matrix(self.domain, m, n, self.to_flat(X))

    def to_immutable(self, X: Any) -> sympy.ImmutableMatrix:
        """An immutable SymPy matrix."""
        return self.to_matrix(X).as_immutable()

    # -- arithmetic -----------------------------------------------------
    def shape(self, X: Any) -> tuple[int, int]:  # pragma: no cover - interface
        raise NotImplementedError

    def zeros(self, m: int, n: int) -> Any:  # pragma: no cover - interface
        raise NotImplementedError

    def eye(self, n: int) -> Any:  # pragma: no cover - interface
        raise NotImplementedError

    def matmul(self, X: Any, Y: Any) -> Any:
        return X * Y

    def add(self, X: Any, Y: Any) -> Any:
        return X + Y

    def sub(self, X: Any, Y: Any) -> Any:
        return X - Y

    def neg(self, X: Any) -> Any:
        return -X

    def transpose(self, X: Any) -> Any:  # pragma: no cover - interface
        raise NotImplementedError

    def equal(self, X: Any, Y: Any) -> bool:
        return self.shape(X) == self.shape(Y) and bool(X == Y)

    def is_zero(self, X: Any) -> bool:
        return self.nonzero_count(X) == 0

    def nonzero_count(self, X: Any) -> int:  # pragma: no cover - interface
        raise NotImplementedError

    def submatrix(self, X: Any, rows: Sequence[int], cols: Sequence[int]) -> Any:
        raise NotImplementedError  # pragma: no cover - interface

    # -- elimination ----------------------------------------------------
    def pivots(self, X: Any) -> tuple[int, ...]:  # pragma: no cover - interface
        """Pivot columns of the reduced row echelon form (their count is the rank)."""
        raise NotImplementedError

    def rref(self, X: Any) -> tuple[Any, tuple[int, ...]]:  # pragma: no cover - interface
        """The reduced row echelon form and its pivot columns."""
        raise NotImplementedError

    def solve(self, M: Any, B: Any) -> Any:  # pragma: no cover - interface
        """The solution ``X`` of ``M X = B`` for a square nonsingular ``M``."""
        raise NotImplementedError


class FlintOps(FieldMatrixOps):
    """Exact rational matrices as python-flint ``fmpq_mat``."""

    name = "flint"
    domain = QQ

    def __init__(self) -> None:
        if _flint is None:  # pragma: no cover - guarded by resolve_backend
            raise UnsupportedError("backend", "flint", "python-flint is not installed",
                                   "pass backend='sympy'")
        self._fmpq = _flint.fmpq
        self._fmpq_mat = _flint.fmpq_mat
        # SymPy's QQ may itself be flint's fmpq (its "flint" ground types).
        self._shared_numbers = QQ.dtype is _flint.fmpq

    def from_input(self, X: ExactInput) -> Any:
        flat = X.flat
        if not self._shared_numbers:
            fmpq = self._fmpq
            flat = [fmpq(int(QQ.numer(q)), int(QQ.denom(q))) for q in flat]
        return self._fmpq_mat(X.rows, X.cols, list(flat))

    def to_flat(self, X: Any) -> tuple:
        entries = X.entries()
        if self._shared_numbers:
            return tuple(entries)
        return tuple(QQ(int(e.p), int(e.q)) for e in entries)

    def shape(self, X: Any) -> tuple[int, int]:
        return (X.nrows(), X.ncols())

    def zeros(self, m: int, n: int) -> Any:
        return self._fmpq_mat(m, n)

    def eye(self, n: int) -> Any:
        X = self._fmpq_mat(n, n)
        for i in range(n):
            X[i, i] = 1
        return X

    def transpose(self, X: Any) -> Any:
        return X.transpose()

    def nonzero_count(self, X: Any) -> int:
        return sum(1 for e in X.entries() if e != 0)

    def submatrix(self, X: Any, rows: Sequence[int], cols: Sequence[int]) -> Any:
        rows, cols = list(rows), list(cols)
        return self._fmpq_mat(len(rows), len(cols), [X[i, j] for i in rows for j in cols])

    def _integer(self, X: Any) -> Any:
        """An integer matrix with the same row space (denominators cleared)."""
        num, _den = X.numer_denom()
        return num

    def pivots(self, X: Any) -> tuple[int, ...]:
        m, n = self.shape(X)
        if m == 0 or n == 0:
            return ()
        R, _den, rank = self._integer(X).rref()
        return _pivots_of_echelon(lambda i, j: R[i, j] != 0, rank, n)

    def rref(self, X: Any) -> tuple[Any, tuple[int, ...]]:
        m, n = self.shape(X)
        if m == 0 or n == 0:
            return X, ()
        R, rank = X.rref()
        return R, _pivots_of_echelon(lambda i, j: R[i, j] != 0, rank, n)

    def solve(self, M: Any, B: Any) -> Any:
        if M.nrows() == 0:
            return self._fmpq_mat(0, B.ncols())
        return M.solve(B)


class DomainOps(FieldMatrixOps):
    """Exact matrices as SymPy ``DomainMatrix`` (sparse format) over a field.

    Parameters
    ----------
    domain : sympy.polys.domains.Domain
        ``QQ`` or a real algebraic number field.
    """

    name = "sympy"

    def __init__(self, domain: Any = QQ) -> None:
        self.domain = domain
        self._rational = domain == QQ

    def from_input(self, X: ExactInput) -> Any:
        m, n = X.rows, X.cols
        if m == 0 or n == 0:
            return self.zeros(m, n)
        flat = X.flat
        if X.domain != self.domain:
            flat = [self.domain.convert(e, X.domain) for e in flat]
        rows = [list(flat[i * n:(i + 1) * n]) for i in range(m)]
        return DomainMatrix(rows, (m, n), self.domain).to_sparse()

    def to_flat(self, X: Any) -> tuple:
        if 0 in X.shape:
            return ()
        return tuple(X.to_list_flat())

    def shape(self, X: Any) -> tuple[int, int]:
        return X.shape

    def zeros(self, m: int, n: int) -> Any:
        return DomainMatrix.zeros((m, n), self.domain).to_sparse()

    def eye(self, n: int) -> Any:
        return DomainMatrix.eye(n, self.domain).to_sparse()

    def matmul(self, X: Any, Y: Any) -> Any:
        if not self._rational or 0 in X.shape or 0 in Y.shape:
            return X.matmul(Y)
        # Products of fractions spend their time in gcds; multiply the
        # integer numerators and divide once.
        dX, Xz = X.clear_denoms(convert=True)
        dY, Yz = Y.clear_denoms(convert=True)
        scale = QQ(1, int(_scalar(dX)) * int(_scalar(dY)))
        return (Xz.to_sparse().matmul(Yz.to_sparse()).convert_to(QQ) * scale).to_sparse()

    def transpose(self, X: Any) -> Any:
        return X.transpose()

    def equal(self, X: Any, Y: Any) -> bool:
        return X.shape == Y.shape and self.is_zero(X - Y)

    def nonzero_count(self, X: Any) -> int:
        return 0 if 0 in X.shape else X.to_sparse().nnz()

    def submatrix(self, X: Any, rows: Sequence[int], cols: Sequence[int]) -> Any:
        rows, cols = list(rows), list(cols)
        if not rows or not cols:
            return self.zeros(len(rows), len(cols))
        return X.extract(rows, cols).to_sparse()

    def _integer(self, X: Any) -> Any:
        _den, Z = X.clear_denoms(convert=True)
        return Z.to_sparse()

    def pivots(self, X: Any) -> tuple[int, ...]:
        if 0 in X.shape:
            return ()
        if self._rational:
            _R, _den, piv = self._integer(X).rref_den(method="FF")
        else:
            _R, piv = X.rref(method="GJ")
        return tuple(piv)

    def rref(self, X: Any) -> tuple[Any, tuple[int, ...]]:
        if 0 in X.shape:
            return X, ()
        R, piv = X.rref(method="GJ")
        return R.to_sparse(), tuple(piv)

    def solve(self, M: Any, B: Any) -> Any:
        k = M.shape[0]
        if k == 0:
            return self.zeros(0, B.shape[1])
        if B.shape[1] == 0:
            return self.zeros(k, 0)
        if not self._rational:
            return M.to_dense().lu_solve(B.to_dense()).to_sparse()
        # M X = B  <=>  (dM M) X = dM B. With Mz = dM M, Bz = dB B and the
        # fraction-free solution Mz Xn = d Bz:  X = Xn dM / (d dB).
        dM, Mz = M.clear_denoms(convert=True)
        dB, Bz = B.clear_denoms(convert=True)
        Xn, d = Mz.to_sparse().solve_den(Bz.to_sparse(), method="rref")
        scale = QQ(int(_scalar(dM)), 1) / (QQ(int(d), 1) * QQ(int(_scalar(dB)), 1))
        return (Xn.convert_to(QQ) * scale).to_sparse()


def _scalar(x: Any) -> Any:
    """The ground-domain element inside a ``DomainScalar`` (or *x* itself)."""
    return getattr(x, "element", x)


def _pivots_of_echelon(nonzero: Callable[[int, int], bool], rank: int, ncols: int) -> tuple[int, ...]:
    """Pivot columns of an echelon form: the first nonzero column of each nonzero row."""
    pivots = []
    start = 0
    for i in range(rank):
        for j in range(start, ncols):
            if nonzero(i, j):
                pivots.append(j)
                start = j + 1
                break
    return tuple(pivots)


def ops_for(backend: str, domain: Any = QQ) -> FieldMatrixOps:
    """Return the engine for a resolved backend name and a coefficient field."""
    if backend == "flint":
        return FlintOps()
    return DomainOps(domain)


def exact_input(
    A: Any,
    *,
    name: str,
    floats: str,
    symbolic_alternative: str,
) -> ExactInput:
    """Validate a numeric exact-tier matrix and find the field of its entries.

    Parameters
    ----------
    A : matrix-like
        Anything :func:`~derivcheck.exact.convert.as_exact_matrix` accepts.
    name : str
        Name used in error messages.
    floats : {"refuse", "exact"}
        The float policy passed on to ``as_exact_matrix``.
    symbolic_alternative : str
        The function of :mod:`derivcheck.exact.symbolic` to point to when
        *A* has free symbols.

    Returns
    -------
    ExactInput
        Shape, field (``QQ`` or a real algebraic number field) and entries.

    Raises
    ------
    InputTypeError
        Free symbols (with a pointer to *symbolic_alternative*), and whatever
        ``as_exact_matrix`` raises.
    UnsupportedError
        Exact entries that are not algebraic numbers (``pi``, ``exp(1)``).
    InputError, DimensionError
        A bad *floats* policy; too many entries (see ``as_exact_matrix``).

    Notes
    -----
    A SymPy matrix whose internal representation is already over ``ZZ`` or
    ``QQ`` holds nothing but rationals, which ``as_exact_matrix`` would pass
    unchanged; its entries are taken directly (the validation of thousands
    of entries one by one would cost more than the pseudo-inverse itself).
    """
    check_float_policy(floats)
    rep = getattr(A, "_rep", None)
    if isinstance(A, sympy.MatrixBase) and isinstance(rep, DomainMatrix) and rep.domain in (ZZ, QQ):
        check_exact_size(A.rows, A.cols, name=name)
        return ExactInput(A.rows, A.cols, QQ, rational_flat(A))
    M = as_exact_matrix(A, name=name, allow_symbols=True, floats=floats)
    symbols = M.free_symbols
    if symbols:
        shown = ", ".join(sorted(str(s) for s in symbols))
        raise InputTypeError(
            name, M,
            f"entries with free symbols ({shown}) have no single pseudo-inverse: "
            "it changes where the rank drops",
            f"use derivcheck.exact.symbolic.{symbolic_alternative}(A), which returns one "
            "exact result per rank stratum, or substitute numbers first",
        )
    if all(isinstance(x, sympy.Rational) for x in M):
        return ExactInput(M.rows, M.cols, QQ, rational_flat(M))
    domain, elements = construct_domain(list(M), extension=True)
    if domain.is_ZZ or domain.is_QQ:
        return ExactInput(M.rows, M.cols, QQ, tuple(QQ.convert(e, domain) for e in elements))
    if getattr(domain, "is_AlgebraicField", False):
        return ExactInput(M.rows, M.cols, domain, tuple(elements))
    odd = next(x for x in M if not x.is_Rational)
    raise UnsupportedError(
        name, M,
        f"the entry {odd} is not an algebraic number, so exact zero tests are not "
        "guaranteed",
        "substitute rational (or algebraic) values, or treat the constant as a symbol "
        "with derivcheck.exact.symbolic",
    )


def common_field(*inputs: ExactInput) -> tuple[ExactInput, ...]:
    """Re-express several inputs over one field (``QQ`` or an algebraic field)."""
    domains = {X.domain for X in inputs}
    if len(domains) == 1:
        return inputs
    K = QQ
    for X in inputs:
        K = K.unify(X.domain)
    return tuple(
        ExactInput(X.rows, X.cols, K, tuple(K.convert(e, X.domain) for e in X.flat)) for X in inputs
    )
