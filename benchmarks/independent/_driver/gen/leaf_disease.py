import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "leaf_disease"
rng = np.random.default_rng(402)
# 20 features extracted from segmented photos of tomato leaves (colour, lesion geometry, texture);
# classes: 0 healthy, 1 early blight, 2 late blight, 3 leaf mould, 4 septoria leaf spot
n = 2000
cls = rng.integers(0, 5, n)
sev = rng.beta(2, 3, n)                     # disease severity, 0-1 (unused for healthy leaves)
sev[cls == 0] = 0.0
# per-class profile: lesion hue (deg), lesion lightness, lesions per cm2, mean lesion area (mm2), eccentricity,
# halo (yellow ring) strength, concentric-ring score
prof = np.array([
    [100, 55, 0.0, 0.0, 0.0, 0.00, 0.0],
    [30, 30, 0.6, 12.0, 0.35, 0.60, 0.8],
    [25, 22, 0.3, 40.0, 0.55, 0.15, 0.1],
    [55, 60, 1.2, 6.0, 0.45, 0.25, 0.1],
    [35, 40, 3.0, 2.0, 0.20, 0.45, 0.2],
])[cls]
jit = lambda s: rng.normal(0, 2.6 * s, n)     # field photos: uneven light, mixed infections
hue_les = prof[:, 0] + jit(9)
light_les = prof[:, 1] + jit(7)
density = np.clip(prof[:, 2] * (0.4 + sev) + np.abs(jit(0.25)), 0, None)
area = np.clip(prof[:, 3] * (0.5 + sev) + np.abs(jit(3)), 0, None)
ecc = np.clip(prof[:, 4] + jit(0.12), 0, 0.99)
halo = np.clip(prof[:, 5] * (0.5 + sev) + jit(0.12), 0, 1)
rings = np.clip(prof[:, 6] + jit(0.2), 0, 1)
lesion_frac = np.clip(density * area / 100 + jit(0.02), 0, 1)
green = 120 - 60 * lesion_frac - 25 * halo + jit(8)
red = 70 + 50 * lesion_frac + 30 * halo * (cls != 2) + jit(8)
blue = 45 + 10 * (cls == 3) + jit(6)
yellow_frac = np.clip(0.05 + 0.3 * halo * sev + jit(0.03), 0, 1)
brown_frac = np.clip(lesion_frac * (cls != 3) * 0.8 + jit(0.02), 0, 1)
contrast = 20 + 40 * lesion_frac + 15 * rings + jit(5)
homog = np.clip(0.8 - 0.3 * lesion_frac - 0.1 * rings + jit(0.04), 0, 1)
entropy = 4 + 2 * lesion_frac + 0.8 * rings + 0.6 * (cls == 3) + jit(0.3)
edge_dens = 0.05 + 0.15 * density / 3 + jit(0.02)
vein_vis = np.clip(0.6 - 0.3 * (cls == 3) - 0.2 * lesion_frac + jit(0.08), 0, 1)
underside_fuzz = np.clip(0.7 * (cls == 3) * (0.3 + sev) + 0.15 * (cls == 2) + jit(0.1), 0, 1)
leaf_area = rng.normal(38, 9, n)
df = pd.DataFrame(dict(
    mean_red=red, mean_green=green, mean_blue=blue, lesion_hue_deg=hue_les, lesion_lightness=light_les,
    lesions_per_cm2=density, mean_lesion_area_mm2=area, lesion_eccentricity=ecc, halo_strength=halo,
    ring_score=rings, lesion_area_frac=lesion_frac, yellow_frac=yellow_frac, brown_frac=brown_frac,
    glcm_contrast=contrast, glcm_homogeneity=homog, texture_entropy=entropy, edge_density=edge_dens,
    vein_visibility=vein_vis, underside_fuzz=underside_fuzz, leaf_area_cm2=leaf_area)).round(3)
df["disease_class"] = cls
df.iloc[:1400].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1400:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]]); print(np.bincount(cls))
