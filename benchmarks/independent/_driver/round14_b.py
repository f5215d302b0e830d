"""Round 14 (part b): three programs written against CONTRACT.md alone (imbalanced / ordinal classification),
measured with driver.py by run_round14_b.sh.

P14B has the fields of round4.py's entries; EXTRA_RUNS_B lists the quoted extra-run metrics (rounded to 4 places).
`python round14_b.py refs` writes results/round14_b_refs.json (constant / scaled logistic / HistGradientBoosting on
each program's delivered split, and on the corrected split of storm_damage_survey);
`python round14_b.py diag` writes results/round14_b_diag.json (quantities the entries quote that the driver's
result files do not hold); `python round14_b.py` checks the quoted numbers against the result files.
"""
import os as _os
import sys, json, math

ROOT = _os.path.dirname(_os.path.dirname(_os.path.abspath(__file__)))  # the folder holding the programs
R = ROOT + "/_driver/results"

P14B = [
 dict(name="rail_fastenings", shape="function, 4-arg, plain torch MLP (standardisation buffers from the training mean/sd, 2 x hidden_units ReLU, 2 logits), cross-entropy, SGD with momentum and weight_decay from [config], mini-batches taken in file order by slicing, monitor.log_epoch(train_loss, val_loss, metric, grad_norm=model, lr); imbalanced binary target (212 of 1600 training sections defective, 13%); returns the nn.Module",
      status="faulty", metric="accuracy", units="",
      fault="code/fastening_net.py lines 46-47: the mini-batches are consecutive slices xt[i:i + bs] of the rows in file order, never shuffled, and data/train.csv is the asset database's export with the 1388 sound sections first and the 212 defective ones last (train lines 1390-1601; first defect at row index 1388). Every epoch (batch 32) is 43 batches of only sound sections, one mixed batch and 6 batches of only defects, and with lr 0.1 and momentum 0.9 each block drags the network to its own class: after epoch 1 it calls almost every section a defect (val accuracy 0.1233); from epoch 2 to 40 val accuracy stays at 0.8733 and the train loss at 0.82-1.11 (0.891-0.892 from epoch 11 on); at the end 31 of the 32 second-layer ReLU units are dead on every training row and the network answers P(defect) = 0.0805 for every section (val probability sd 0.0, no defect predicted): val accuracy 0.8733, exactly the majority share (524 of 600 sound); train loss settles at 0.891 against a val loss of 0.392, the last batch's gradient norm 1.369 in every epoch; train accuracy 0.8675 (the sound share of training). The twin scores 0.9317 (logistic reference 0.8867, boosting 0.9383)",
      expected_symptoms=["constant_output", "underfitting", "dying_relu"], expected_causes=["training_loop_bug"], repairable=True,
      twin_fix="code: a fresh torch.randperm(n) each epoch and batches taken through it (lines 46-49 of _twins/rail_fastenings/fastening_net.py), config unchanged (lr 0.1 kept): train loss 0.362 -> 0.152, val loss 0.163-0.265 (0.186 at the end), 1 dead second-layer unit, 65 validation sections called defects (76 are), train accuracy 0.95, val accuracy 0.9317",
      extra="config-only attempts: lr=0.02 -> 0.94 (the smaller steps no longer wipe out what the other block taught; within 0.03 of the twin, so repairable = yes although the cause is the unshuffled loop; the twin at lr=0.02 -> 0.9383); batch_size=1600 with epochs=400 (one full batch per epoch, so order no longer matters) -> 0.945; lr=0.05 -> 0.895 (val accuracy jumps between 0.8533 and 0.9017 from epoch to epoch); momentum=0.0 -> 0.7567 (worse than the constant: the net ends each epoch on the defect block and over-calls defects); epochs=80 -> 0.8733 (constant); the contract's standardize repair (features pre-standardised with training statistics, --train/--val copies) -> 0.8733, identical to plain: the code standardises itself"),
 dict(name="storm_damage_survey", shape="kind=sklearn, build_estimator(config) -> a user-written ordinal classifier class (BaseEstimator, ClassifierMixin) after Frank & Hall: one Pipeline(StandardScaler, LogisticRegression(C, max_iter from config)) per cut 'level > k', level probabilities from differences of the cumulative probabilities; 4 ordered damage levels (544/333/217/106 in training, the destroyed level 9%); one fit",
      status="faulty", metric="accuracy", units="",
      fault="data: the damage_level column uses two codings of the same four ordered levels. data/train.csv (the county assessor's survey) writes minor..destroyed as 1-4; data/val.csv (the second team's tablet export, all 400 rows, lines 2-401) writes them as 0-3. The classifier learns classes [1, 2, 3, 4] and answers on that scale (validation predictions 178/115/68/39 across levels 1-4); 76.5% of its validation answers equal the file's level + 1, i.e. are right on the assessor's scale, but the file's level itself is matched only where the model answers one level too low (10.5% of its answers are one level too high): val accuracy 0.1275, below the constant answer (0.2775) although the model fits its own training rows at 0.7717. The quick references fitted on the delivered split fail the same way (logistic 0.1325, boosting 0.1375)",
      expected_symptoms=["overfitting", "invalid_data"], expected_causes=["train_val_mismatch", "label_corruption"], repairable=False,
      twin_fix="data: the validation levels put back on the 1-4 scale (gen/storm_damage_survey.py --clean, /tmp/sd_va_clean.csv passed with --val; code and config unchanged): val accuracy 0.765, the logistic reference's 0.765 on the corrected split (boosting 0.75, constant 0.44)",
      extra="config-only attempts: C=0.01 -> 0.335 (still far below the twin); C=100.0 -> 0.1275; the contract's standardize repair (features pre-standardised with training statistics, --train/--val copies) -> 0.1275: no data repair the contract lists touches the label coding. The plain model on its own training rows -> 0.7717 (extra_trainfit)"),
 dict(name="bathing_water_alerts", shape="kind=torch, build_model(config, n_features) -> nn.Module that log-transforms the two nutrient columns and centres/scales all 7 inputs with fixed constants from a regional monitoring summary (buffers), then 2 x hidden_units ReLU with Dropout, 3 logits; 3 ordered alert levels (1087/239/174 in training, warning 11.6%); Adam, cross-entropy",
      status="healthy", metric="accuracy", units="", fault="none", expected_symptoms=[], expected_causes=[], repairable=False,
      twin_fix="none (healthy); with the driver's standard loop (Adam lr 0.002, weight_decay 0.001, batch 64, 40 epochs, raw CSV features): train loss 0.96 -> 0.251, val loss 0.779 -> lowest 0.2653 at epoch 17, 0.2712 at epoch 40 (flat), gradient norm 0.25-1.25, no warning; val accuracy 0.886 (best 0.888 at epoch 8; 0.87-0.886 over the last 10 epochs) against constant 0.738, logistic 0.858, boosting 0.85",
      plain_note="measured with the driver's standard kind=torch loop (optimizer/lr/epochs/batch_size/weight_decay from [config], cross-entropy, raw CSV features)",
      extra="seed=1 (build_model's seed and the driver's --seed 1) -> 0.862, still above the logistic and boosting references"),
]

EXTRA_RUNS_B = {
    "rail_fastenings": {"plain": 0.8733, "twin": 0.9317, "extra_cfg": 0.94, "extra_cfg2": 0.895, "extra_cfg3": 0.945,
                        "extra_cfg4": 0.7567, "extra_cfg5": 0.8733, "extra_std": 0.8733, "extra_twin_lr002": 0.9383},
    "storm_damage_survey": {"plain": 0.1275, "twin": 0.765, "extra_cfg": 0.335, "extra_cfg2": 0.1275, "extra_std": 0.1275,
                            "extra_trainfit": 0.7717},
    "bathing_water_alerts": {"plain": 0.886, "extra_seed1": 0.862},
}


def m(name, tag):
    v = json.load(open(f"{R}/{name}_{tag}.json"))["val_metric"]
    return None if (v is None or (isinstance(v, float) and math.isnan(v))) else round(v, 4)


def check():
    bad = 0
    for name, runs in EXTRA_RUNS_B.items():
        for tag, want in runs.items():
            got = m(name, tag)
            if got != want and not (got is not None and want is not None and abs(got - want) < 6e-5):
                print(f"MISMATCH {name} {tag}: quoted {want}, result file {got}")
                bad += 1
    return bad


def refs():
    import numpy as np, pandas as pd
    from sklearn.linear_model import LogisticRegression
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.preprocessing import StandardScaler
    from sklearn.pipeline import make_pipeline
    out = {}
    for name, target, val in [("rail_fastenings", "defect", None), ("storm_damage_survey", "damage_level", None),
                              ("storm_damage_survey", "damage_level", "/tmp/sd_va_clean.csv"),
                              ("bathing_water_alerts", "alert_level", None)]:
        tr = pd.read_csv(f"{ROOT}/{name}/data/train.csv")
        va = pd.read_csv(val or f"{ROOT}/{name}/data/val.csv")
        f = [c for c in tr.columns if c != target]
        lin = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000)).fit(tr[f], tr[target])
        gbm = HistGradientBoostingClassifier(random_state=0).fit(tr[f], tr[target])
        key = name + ("_clean_val" if val else "")
        out[key] = dict(constant=round(float(np.mean(va[target] == tr[target].mode()[0])), 4),
                        linear=round(float(lin.score(va[f], va[target])), 4),
                        boosting=round(float(gbm.score(va[f], va[target])), 4),
                        train_counts=tr[target].value_counts().sort_index().to_dict(),
                        val_counts=va[target].value_counts().sort_index().to_dict())
    json.dump(out, open(f"{R}/round14_b_refs.json", "w"), indent=1, default=str)
    print(json.dumps(out, default=str))


def diag():
    import importlib.util, tomllib
    import numpy as np, pandas as pd, torch
    torch.set_num_threads(1)
    out = {}

    class Mon:
        should_stop = False

        def __init__(self):
            self.rows = []

        def log_epoch(self, **k):
            self.rows.append({a: (float(b) if isinstance(b, (int, float)) else None) for a, b in k.items()})

    name = "rail_fastenings"
    tr = pd.read_csv(f"{ROOT}/{name}/data/train.csv"); va = pd.read_csv(f"{ROOT}/{name}/data/val.csv")
    cfg = tomllib.load(open(f"{ROOT}/{name}/spec.toml", "rb"))["config"]
    d = {"train_first_defect_row": int(np.argmax(tr.defect.to_numpy() == 1)), "train_rows": len(tr),
         "train_defects": int(tr.defect.sum()), "val_defects": int(va.defect.sum())}
    for tag, code in [("plain", f"{ROOT}/{name}/code/fastening_net.py"),
                      ("twin", f"{ROOT}/_twins/{name}/fastening_net.py")]:
        sp = importlib.util.spec_from_file_location("u_" + tag, code)
        mod = importlib.util.module_from_spec(sp); sp.loader.exec_module(mod)
        torch.manual_seed(0)
        model = mod.train_model(tr, va, dict(cfg), Mon())
        model.eval()
        feats = [c for c in tr.columns if c != "defect"]
        xt = torch.tensor(tr[feats].to_numpy(np.float32)); xv = torch.tensor(va[feats].to_numpy(np.float32))
        with torch.no_grad():
            h1 = model.body[1](model.body[0]((xt - model.mean) / model.sd))
            h2 = model.body[3](model.body[2](h1))
            pv = torch.softmax(model(xv), 1)[:, 1].numpy()
            pt = torch.softmax(model(xt), 1)[:, 1].numpy()
        d[tag] = {"dead_units_layer1": int((h1.max(0).values <= 0).sum()), "dead_units_layer2": int((h2.max(0).values <= 0).sum()),
                  "hidden_units": int(h1.shape[1]),
                  "val_pred_defects": int((pv > 0.5).sum()), "val_prob_defect_min": round(float(pv.min()), 4),
                  "val_prob_defect_max": round(float(pv.max()), 4), "val_prob_defect_sd": round(float(pv.std()), 5),
                  "train_accuracy": round(float(np.mean((pt > 0.5) == tr.defect.to_numpy())), 4)}
    out[name] = d

    name = "storm_damage_survey"
    sp = importlib.util.spec_from_file_location("u_sd", f"{ROOT}/{name}/code/damage_ordinal.py")
    mod = importlib.util.module_from_spec(sp); sp.loader.exec_module(mod)
    tr = pd.read_csv(f"{ROOT}/{name}/data/train.csv"); va = pd.read_csv(f"{ROOT}/{name}/data/val.csv")
    cfg = tomllib.load(open(f"{ROOT}/{name}/spec.toml", "rb"))["config"]
    f = [c for c in tr.columns if c != "damage_level"]
    est = mod.build_estimator(cfg).fit(tr[f].to_numpy(np.float64), tr["damage_level"].to_numpy())
    pv = est.predict(va[f].to_numpy(np.float64))
    yv = va["damage_level"].to_numpy()
    out[name] = {"classes_learned": est.classes_.tolist(), "val_levels_in_file": sorted(set(yv.tolist())),
                 "val_pred_counts": {int(k): int(v) for k, v in zip(*np.unique(pv, return_counts=True))},
                 "val_pred_equals_file_plus_1": round(float(np.mean(pv == yv + 1)), 4),
                 "val_pred_one_above_file": round(float(np.mean(pv == yv + 2)), 4)}
    json.dump(out, open(f"{R}/round14_b_diag.json", "w"), indent=1)
    print(json.dumps(out))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "refs":
        refs()
    elif len(sys.argv) > 1 and sys.argv[1] == "diag":
        diag()
    else:
        n = check()
        print(f"round14_b: {sum(len(v) for v in EXTRA_RUNS_B.values())} quoted extra runs checked, {n} mismatches")
