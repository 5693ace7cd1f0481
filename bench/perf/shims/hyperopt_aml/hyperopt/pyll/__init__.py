"""Import-only shim (aisprint bench)."""


class _Scope:
    def __getattr__(self, name):
        raise RuntimeError("hyperopt shim: pyll is not available in this benchmark")


scope = _Scope()
