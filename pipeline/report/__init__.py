"""The HTML audit report (`jixiao report`)."""

from pipeline.report.build import build_report

__all__ = ["build_report"]
