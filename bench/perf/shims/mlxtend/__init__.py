"""Import-only shim (aisprint bench): mlxtend is not installed; SFS is unavailable."""
