"""Comparing rendered images in tests (an SVG rendered back against its PNG export)."""

from __future__ import annotations

import numpy as np


def pixels(img) -> np.ndarray:
    """A QImage as an (h, w, 3) float array of RGB."""
    from PySide6.QtGui import QImage
    img = img.convertToFormat(QImage.Format.Format_RGB32)
    a = np.frombuffer(img.constBits(), np.uint8).reshape(img.height(), img.bytesPerLine() // 4, 4)
    return a[:, :img.width(), :3].astype(float)


def blocks(a: np.ndarray, k: int = 8) -> np.ndarray:
    """Mean colour of k x k blocks: text anti-aliasing evens out, a misplaced mark does not."""
    h, w = a.shape[0] // k * k, a.shape[1] // k * k
    return a[:h, :w].reshape(h // k, k, w // k, k, 3).mean(axis=(1, 3))
