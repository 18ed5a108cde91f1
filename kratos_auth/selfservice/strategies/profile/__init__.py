"""The ``profile`` method: the traits of an identity (registration's first step)."""
