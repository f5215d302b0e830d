"""The names a user's [config] gives the knobs the tool turns (CONTRACT §4).

In function mode [config] is passed through as it is, so a training function may call its learning rate
``learning_rate`` and its epoch count ``n_epochs``. The probes and repairs read and change the knobs under one
canonical name each (``lr``, ``epochs``, ...); this module maps between the two, so that a change is made under the
name the user's code reads and the diary shows that name.

Example:
    >>> names({"learning_rate": 0.1, "n_epochs": 5, "lr_decay": 0.9})
    {'lr': 'learning_rate', 'epochs': 'n_epochs'}
    >>> value({"num_epochs": 5}, "epochs")
    5
    >>> canonical({"learning_rate": 0.1, "seed": 0})
    {'lr': 0.1, 'seed': 0}
    >>> to_user({"lr": 0.3, "seed": 0}, {"lr": "learning_rate"})
    {'learning_rate': 0.3, 'seed': 0}
"""

from __future__ import annotations

from typing import Any

# canonical name -> the other names common training code reads it under (Keras, PyTorch Lightning, scikit-learn
# and tutorial code), in the order they are looked for; a canonical name present in the config always wins. Names
# that often mean something else in a model's own parameters (``eta`` a viscosity, ``epoch`` the current one,
# ``batch`` a flag) are left out: a knob is only turned where its name leaves no doubt.
ALIASES: dict[str, tuple[str, ...]] = {
    "lr": ("learning_rate", "eta0"),
    "epochs": ("n_epochs", "num_epochs", "max_epochs", "nb_epoch", "n_epoch", "num_epoch"),
    "batch_size": ("bs", "batchsize"),
    "weight_decay": ("wd", "l2", "l2_reg", "l2_penalty"),
    "optimizer": ("optim", "optimiser", "opt"),
    "clip_grad_norm": ("max_grad_norm", "grad_clip", "gradient_clip_val", "clip_norm", "clip"),
    "early_stopping_patience": ("patience",),
    "dropout": ("dropout_rate", "drop_rate", "p_dropout"),
    "activation": ("act", "activation_fn", "nonlinearity"),
}


def names(config: dict[str, Any]) -> dict[str, str]:
    """Canonical name -> the config's own name, for each knob the config holds under another name only."""
    out = {}
    for canon, others in ALIASES.items():
        if canon in config:
            continue
        found = next((o for o in others if o in config), None)
        if found is not None:
            out[canon] = found
    return out


def value(config: dict[str, Any], canon: str, default: Any = None) -> Any:
    """The value of a knob under its canonical name or the first alias the config uses."""
    if canon in config:
        return config[canon]
    own = names(config).get(canon)
    return config[own] if own is not None else default


def canonical(config: dict[str, Any]) -> dict[str, Any]:
    """The config with each aliased knob under its canonical name (in the same position)."""
    back = {own: canon for canon, own in names(config).items()}
    return {back.get(k, k): v for k, v in config.items()}


def to_user(config: dict[str, Any], own: dict[str, str]) -> dict[str, Any]:
    """A canonical config back under the user's names (``own`` as ``names`` returns it)."""
    return {own.get(k, k): v for k, v in config.items()}


__all__ = ["ALIASES", "canonical", "names", "to_user", "value"]
