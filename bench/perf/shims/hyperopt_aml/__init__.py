"""Import-only shim (aisprint bench) for aMLLibrary's hyperopt fork."""
