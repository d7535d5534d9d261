"""The evidence pack: a board's (or a region's) results for a period, as ``analysis.pack``."""

from analysis.evidence.actions import ActionLine, Closing
from analysis.evidence.build import Inputs, Reach, build_pack
from analysis.evidence.regional import regional_pack

__all__ = ["ActionLine", "Closing", "Inputs", "Reach", "build_pack", "regional_pack"]
