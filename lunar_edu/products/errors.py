"""The errors raised when a camera product cannot be read or written."""

from __future__ import annotations

from ..errors import LunarEduError

__all__ = [
    "AxisOrderError",
    "DataFileMissingError",
    "ImageNotLabelError",
    "LabelContentError",
    "LabelNotFoundError",
    "LabelNotXMLError",
    "ProductError",
    "ProductTooLargeError",
    "ProductWriteError",
    "TruncatedDataError",
    "UnknownDataTypeError",
]


class ProductError(LunarEduError):
    """A camera product (label plus data file) cannot be read or written."""

    def __init__(self, message: str) -> None:
        """Keep the message on one line, whatever label text it quotes."""
        super().__init__(" ".join(str(message).split()))


class LabelNotFoundError(ProductError, FileNotFoundError):
    """The label file does not exist."""


class DataFileMissingError(ProductError, FileNotFoundError):
    """The data file a label names is not next to the label."""


class TruncatedDataError(ProductError, ValueError):
    """The data file is shorter than its label says (a cut-off download)."""


class UnknownDataTypeError(ProductError, ValueError):
    """The label's ``data_type`` is not one lunar_edu reads."""


class AxisOrderError(ProductError, ValueError):
    """The array axes are not Line, Sample[, Band] with the last index fastest."""


class LabelNotXMLError(ProductError, ValueError):
    """The label file is not well-formed XML."""


class ImageNotLabelError(ProductError, ValueError):
    """A picture (PNG, JPEG...) or a data file was passed where a label belongs."""


class ProductTooLargeError(ProductError, ValueError):
    """The label describes an array too large to map into memory."""


class LabelContentError(ProductError, ValueError):
    """The label is XML but lacks, or garbles, something a product needs."""


class ProductWriteError(ProductError, ValueError):
    """A frame cannot be written as a product."""
