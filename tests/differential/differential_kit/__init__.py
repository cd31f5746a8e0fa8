"""Differential testing of derivcheck's verdicts against an independent oracle.

``exact_matrices``
    Exact rational matrix arithmetic on tuples of ``Fraction``, with its own
    pseudo-inverse (full-rank factorization) and inverse (Gauss-Jordan).
``trees``
    Expression trees over named matrices and their evaluation (exact, float64,
    SymPy conversion).
``identities``
    Seeded random identities: true rewrites, full-rank-only rewrites and false
    perturbations, embedded in random contexts.
``gradients``
    Seeded random trace and Frobenius losses with right and wrong gradients,
    and the exact directional derivative that judges them.
``oracle``
    Truth classes (true / conditional / false) at every rank profile, and
    the judgement of a derivcheck verdict.
``naive``
    The obvious alternative: numpy at random Gaussian matrices.

Nothing here imports derivcheck except ``trees.to_sympy`` (which builds the
claim passed to the checker) and ``oracle.run_derivcheck``.
"""
