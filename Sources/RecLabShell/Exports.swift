@_exported import RecLab
