"""Recognizers and normalizers: located documents to model objects (format knowledge, part two)."""
