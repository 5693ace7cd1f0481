"""Import-only shim (aisprint bench): Hyperopt is not available in this benchmark."""
STATUS_OK = "ok"


def fmin(*args, **kwargs):
    raise RuntimeError("hyperopt shim: Hyperopt is not available in this benchmark")


class _Unavailable:
    def __getattr__(self, name):
        raise RuntimeError("hyperopt shim: Hyperopt is not available in this benchmark")


tpe = _Unavailable()
hp = _Unavailable()
