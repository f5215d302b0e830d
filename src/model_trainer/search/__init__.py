"""Hyperparameter search with Optuna and its documented search log."""
