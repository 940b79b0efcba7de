"""Formatters turn Reports into output. They only read Reports; each registers
through the ``tonecheck_formatters`` hook like a third-party one would."""
