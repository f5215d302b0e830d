"""Maximum-likelihood support: re-parameterisation and identifiability analysis."""
