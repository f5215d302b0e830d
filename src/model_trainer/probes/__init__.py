"""Measurements that explain a finding without retraining: data checks, feature and target scale,
gradient ratios across parameter groups, activation saturation. Each returns numbers with names.
"""
