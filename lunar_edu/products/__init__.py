"""Read and write Chang'e 4 camera products: a PDS4 XML label next to a raw array.

A CLEP camera product is a pair of files: a detached PDS4 label (``.2BL``,
``.2CL``, ``.2AL``) and a headerless array (``.2B``, ``.2C``, ``.2A``) that the
label's ``<file_name>`` names (data.md s. 2.1):

========== ================== ============== ================================
product    PDS4 object        data type      axes (slowest first)
========== ================== ============== ================================
PCAM 2B -C ``Array_2D_Image`` UnsignedLSB2   Line 1728, Sample 2352 (RGGB)
PCAM 2B -Q ``Array_2D_Image`` UnsignedLSB2   Line 864, Sample 1176
TCAM 2C    ``Array_3D_Image`` UnsignedByte   Line 1728, Sample 2352, Band 3
LCAM 2A    ``Array_2D_Image`` UnsignedByte   Line 1024, Sample 1024
========== ================== ============== ================================

The label is parsed with the standard library (the labels point their schema
at an example XSD, so they are never validated) and read tolerantly: tags are
matched in lower case without namespaces, and the misspellings of real labels
(``principle_point_coordinate``, ``mast_angel_pitch``,
``lander_solar_incidence_angel``) are the names looked for first. The
``<file_size>`` element is ignored, because CE-4 LCAM labels state a wrong one;
the ``Axis_Array`` counts and the real file size are trusted instead. The array
is memory-mapped, never copied.

Products written by lunar_edu carry a ``Lunar_Edu_Product`` element in the
mission area that records whether the frame is real or simulated (with credit,
licence and origin) and the few frame fields a CLEP label cannot hold exactly,
so a simulated product always reads back as simulated.

An ordinary picture file (PNG, JPEG, TIFF) is read by :func:`read_image`,
with the credit and licence its caller gives.
"""

from __future__ import annotations

from .errors import (
    AxisOrderError,
    DataFileMissingError,
    ImageNotLabelError,
    LabelContentError,
    LabelNotFoundError,
    LabelNotXMLError,
    ProductError,
    ProductTooLargeError,
    ProductWriteError,
    TruncatedDataError,
    UnknownDataTypeError,
)
from .image import ImageFileError, read_image
from .label import MAX_ARRAY_BYTES, ProductLabel, read_label
from .read import REAL_CREDIT, REAL_LICENCE, read_product
from .write import write_product

__all__ = [
    "MAX_ARRAY_BYTES",
    "REAL_CREDIT",
    "REAL_LICENCE",
    "AxisOrderError",
    "DataFileMissingError",
    "ImageFileError",
    "ImageNotLabelError",
    "LabelContentError",
    "LabelNotFoundError",
    "LabelNotXMLError",
    "ProductError",
    "ProductLabel",
    "ProductTooLargeError",
    "ProductWriteError",
    "TruncatedDataError",
    "UnknownDataTypeError",
    "read_image",
    "read_label",
    "read_product",
    "write_product",
]
