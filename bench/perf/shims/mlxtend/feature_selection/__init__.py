"""Import-only shim (aisprint bench)."""


class SequentialFeatureSelector:
    def __init__(self, *args, **kwargs):
        raise RuntimeError("mlxtend shim: SFS is not available in this benchmark")
