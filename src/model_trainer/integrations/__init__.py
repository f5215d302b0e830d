"""Callbacks for users who keep their own framework loop (Lightning, Keras), each an optional extra.

Import the one you use: ``model_trainer.integrations.lightning`` or ``model_trainer.integrations.keras``;
this package itself imports neither framework.
"""
