"""Exports of a workspace's recorded runs to other tools (``model-trainer export ...``)."""
