"""The evidence pack: a board's (or a region's) results for a period, as ``analysis.pack``."""

from analysis.evidence.build import Inputs, Reach, build_pack
from analysis.evidence.regional import regional_pack

__all__ = ["Inputs", "Reach", "build_pack", "regional_pack"]
