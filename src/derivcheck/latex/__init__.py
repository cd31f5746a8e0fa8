"""Claims straight from LaTeX: a lark grammar, shape inference, SymPy output."""

from .ast import Argmin, Conjunction, Declaration, Equation, Gradient, Implication, MatrixLimit, Minimum, shape_of
from .parser import MAX_FORMULA_LENGTH, ParsedFormula, parse_latex
from .shapeopt import parse_shape_option

__all__ = [
    "Argmin", "Conjunction", "Declaration", "Equation", "Gradient", "Implication", "MatrixLimit", "Minimum",
    "shape_of", "MAX_FORMULA_LENGTH", "ParsedFormula", "parse_latex", "parse_shape_option",
]
