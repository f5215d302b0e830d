import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.abspath(__file__)))  # the folder holding the programs
import json
S = json.load(open(ROOT + "/_driver/results/summary.json"))
R = ROOT + "/_driver/results"
def v(name, tag, key="val_metric", nd=3):
    x = json.load(open(f"{R}/{name}_{tag}.json"))[key]
    return "NaN" if x is None else round(x, nd)
T = {t["name"]: t for t in S}
_plain_times = {t["name"]: json.load(open(f"{R}/{t['name']}_plain.json")).get("time_s") for t in S if t.get("round") == 2}
V = dict(rd_std=v("river_discharge", "extra_stdtarget", nd=2), rd_tw=v("river_discharge", "twin", nd=2), rd_lin=round(T["river_discharge"]["references"]["linear"], 2),
         rd_const=round(T["river_discharge"]["references"]["constant"], 2),
         pd_60=v("postcode_digits", "extra_cfg"), pd_lin=round(T["postcode_digits"]["references"]["linear"], 3), pd_tw=v("postcode_digits", "twin"),
         aq_d3=v("air_quality", "extra_cfg", nd=2), aq_l50=v("air_quality", "extra_cfg2", nd=2), aq_tw=v("air_quality", "twin", nd=2),
         aq_gbm=round(T["air_quality"]["references"]["boosting"], 2), aq_lin=round(T["air_quality"]["references"]["linear"], 2), aq_pl=v("air_quality", "plain", nd=2),
         sm_01=v("soil_moisture", "extra_cfg"), sm_lin=round(T["soil_moisture"]["references"]["linear"], 3), sm_tw=v("soil_moisture", "twin"),
         vf_lr=v("vineyard_frost", "extra_cfg"), vf_ep=v("vineyard_frost", "extra_cfg2"), vf_nl=v("vineyard_frost", "extra_cfg3"), vf_tw=v("vineyard_frost", "twin"),
         gh_tw=v("greenhouse_climate", "twin"), cv_c=f'{json.load(open(f"{R}/clinic_visits_plain.json"))["cond"]:.1e}', cv_c2=round(json.load(open(f"{R}/clinic_visits_twin.json"))["cond"]),
         cv_pl=v("clinic_visits", "plain", nd=3), dm_pl=v("dairy_milk", "plain", nd=2), dm_tw=v("dairy_milk", "twin", nd=2), dm_c=round(T["dairy_milk"]["references"]["constant"], 2),
         tl=v("tidal_level", "plain", nd=4), tl_lin=round(T["tidal_level"]["references"]["linear"], 4),
         mm=v("mammography", "plain"), mm_lin=round(T["mammography"]["references"]["linear"], 3),
         t_tot=round(sum(x for x in _plain_times.values() if x), 1), t_max=max(_plain_times.items(), key=lambda kv: kv[1] or 0))
_plain_times3 = {t["name"]: json.load(open(f"{R}/{t['name']}_plain.json")).get("time_s") for t in S if t.get("round") == 3}
V3 = dict(sv_tw=v("seed_varieties", "twin"), sv_lin=round(T["seed_varieties"]["references"]["linear"], 3),
          bs_pl=v("bakery_sales", "plain", nd=1), bs_tw=v("bakery_sales", "twin", nd=1), bs_c=round(T["bakery_sales"]["references"]["constant"], 1),
          bs_ep=v("bakery_sales", "extra_cfg", nd=1), bs_h=v("bakery_sales", "extra_cfg2", nd=1), bs_gbm=round(T["bakery_sales"]["references"]["boosting"], 1),
          wp_pl=v("wheat_protein", "plain"), wp_tw=v("wheat_protein", "twin"), wp_k=v("wheat_protein", "extra_cfg"), wp_lin=round(T["wheat_protein"]["references"]["linear"], 3),
          oy_pl=v("orchard_yield", "plain", nd=2), oy_tw=v("orchard_yield", "twin", nd=2), oy_lin=round(T["orchard_yield"]["references"]["linear"], 2), oy_gbm=round(T["orchard_yield"]["references"]["boosting"], 2),
          cw_pl=v("cattle_weight", "plain", nd=0), cw_tw=v("cattle_weight", "twin", nd=1), cw_mae=v("cattle_weight", "extra_cfg", nd=0),
          cw_c=round(T["cattle_weight"]["references"]["constant"]), cw_gbm=round(T["cattle_weight"]["references"]["boosting"]),
          ek_pl=v("enzyme_kinetics", "plain"), ek_tw=v("enzyme_kinetics", "twin"), ek_log=v("enzyme_kinetics", "extra_logsigma"),
          hp_pl=v("heat_pump", "plain"), hp_tw=v("heat_pump", "twin"), hp_tanh=v("heat_pump", "extra_cfg"), hp_lr=v("heat_pump", "extra_cfg2"), hp_s1=v("heat_pump", "extra_cfg3"),
          hp_lin=round(T["heat_pump"]["references"]["linear"], 3),
          at_pl=v("activity_tracker", "plain"), at_tw=v("activity_tracker", "twin"), at_g=v("activity_tracker", "extra_cfg"), at_lr=v("activity_tracker", "extra_cfg3"),
          wd_tw=v("water_demand", "twin"), wd_12=v("water_demand", "extra_cfg2"), wd_lin=round(T["water_demand"]["references"]["linear"], 3),
          cr=v("coffee_roast", "plain"), cr_lin=round(T["coffee_roast"]["references"]["linear"], 3), cr_gbm=round(T["coffee_roast"]["references"]["boosting"], 3),
          mt=v("moth_traps", "plain"), mt_lin=round(T["moth_traps"]["references"]["linear"], 3),
          ct=v("courier_times", "plain"), ct_gbm=round(T["courier_times"]["references"]["boosting"], 3),
          t_tot=round(sum(x for x in _plain_times3.values() if x), 1), t_max=max(_plain_times3.items(), key=lambda kv: kv[1] or 0))
R3_NOTES = [
 "- `seed_varieties`: the plain run crashes in the first batch (`IndexError: Target 3 is out of bounds.`), so `plain_metric` is `null`. The labels 1-3 are the growers' variety codes, kept as they are: the twin sizes the output layer as `max + 1` (one unused logit) so argmax returns the codes directly ({sv_tw}, logistic reference {sv_lin}). Remapping the labels to 0-2 would also fix training but then the model would answer 0-2.",
 "- `bakery_sales`: the `.detach()` is on a cached copy kept for plots, and the head reads that copy; only the head's 33 parameters ever get a gradient. The monitor receives `train_loss` and `val_loss` only, so there is no grad_norm to show it: the symptom is a train loss that stops at 0.66 of the target variance (plain {bs_pl} vs constant {bs_c} loaves/day). Training longer ({bs_ep}) changes nothing; 128 hidden units ({bs_h}) gives more random features but stays ~3x the twin ({bs_tw}) and the boosting reference ({bs_gbm}).",
 "- `wheat_protein`: with every weight zero the output bias is the only parameter that moves, so the network is the training mean from epoch 1 ({wp_pl} % = constant); the logged grad_norm is not zero (it is the bias gradient). PyTorch's default init gives {wp_tw}, kaiming {wp_k}; the linear reference ({wp_lin}) is a little better than either — the spectra are close to linear mixtures.",
 "- `orchard_yield`: -999 is finite, so none of the contract's data repairs removes it (drop_non_finite_rows keeps the rows; standardize uses the same polluted mean/sd as the pipeline's own scaler); the plain KNN ({oy_pl} kg/tree) still beats the linear reference ({oy_lin}, hurt by the sentinel too) but not the boosting reference ({oy_gbm}), which splits the sentinel off by itself. The twin imputes (median + missing indicator) and reaches {oy_tw}.",
 "- `cattle_weight`: 6 gram-valued targets (0.8% of rows) make the train mean 3,333 kg; the plain model ({cw_pl} kg) is worse than the constant ({cw_c}), and the boosting reference fitted on the same rows is worse still ({cw_gbm}). `loss = \"mae\"` ({cw_mae}) cuts the error but the target scaling is still set by the gram rows — a suppressed symptom; dropping the rows gives {cw_tw}.",
 "- `enzyme_kinetics`: L-BFGS-B stops at iteration 0 with `ABNORMAL` and a NaN objective, leaving the parameters at their inits (val RMSE {ek_pl}); bounding sigma ({ek_tw}) or estimating log(sigma) ({ek_log}, what the contract's log-transform repair does) both converge to the same fit, hence repairable = yes.",
 "- `heat_pump`: with one ReLU unit per layer the bottleneck dies by epoch 3 and the output is the training mean ({hp_pl} = constant). `activation = \"tanh\"` removes the constant output but leaves {hp_tanh}, ~1.8x the twin ({hp_tw}) — a suppressed symptom; lowering lr to 0.001 kills the unit too ({hp_lr}); with seed 1 the unit survives ({hp_s1}), still capacity-bound (the twin with 32 units: {hp_tw}; linear reference {hp_lin}).",
 "- `activity_tracker`: the schedule divides lr by 10 every epoch (1e-31 at epoch 30): val accuracy freezes at {at_pl}. lr_gamma 0.5 gets halfway ({at_g}); a 10x larger initial lr compensates ({at_lr}); lr_schedule = \"none\" gives the twin ({at_tw}). The code treats any lr_schedule other than step/exponential/cosine as a constant lr.",
 "- `water_demand`: the diverged SGD raises no exception and no ConvergenceWarning; predictions are finite but ~1e17 ML/day. A tiny lr (1e-12) gives a sensible-looking {wd_12}, still ~30% worse than the twin ({wd_tw}) and the linear reference ({wd_lin}) — a suppressed symptom; the tool's `standardize` repair gives the twin with code and config unchanged.",
 "- Healthy round-3 programs: `coffee_roast` ({cr}) sits between the logistic ({cr_lin}) and boosting ({cr_gbm}) references (classes come from a latent, nearly linear roast development); `moth_traps` is a negative-binomial likelihood ({mt} vs linear {mt_lin}), its RMSE dominated by the count scatter; `courier_times` ({ct}, boosting {ct_gbm}) feeds the integer depot_id column to an nn.Embedding inside a kind=torch model (cast to long in forward).",
 "- `wheat_protein` and `courier_times` are `kind = \"torch\"`: their plain metrics come from the driver's standard loop, not the tool's. `heat_pump`'s Lightning callback reports from `on_train_epoch_end`, so train and val loss of an epoch arrive together.",
 "- Plain training time of the round-3 programs (driver `time_s`, one core, imports excluded): {t_tot} s in all, the longest `{t_max[0]}` ({t_max[1]} s).",
]
R9_NOTES = [
 "- `karst_spring` labels each training window with the discharge of its first hour while `predict()` uses the last: the code's own logged validation metric (18.84, on windows misaligned the same way) differs from the returned model's score (17.59). The code standardises its inputs itself.",
 "- `mine_microseismic`'s linear reference (0.388) is near chance: only boosting (0.943) shows the faulty model (0.843) is behind.",
 "- `district_heating` (healthy) trains in MW² on a ~190 MW target with `clip_grad_norm = 5.0`: gradient norms before clipping are 94-2307 and the clip is always active, as intended.",
 "- `soil_carbon` one-hot encodes a land-use code inside its pipeline: the driver's float32 validation features make a standardised code column differ from the training one in the last bits (`extra_standardize64`, 0.9174); the quoted `standardize` repair (0.4083) uses float32-exact copies.",
 "- `office_retrofit`'s GP ends with all five length scales at their bound and five ConvergenceWarnings; `standardize_target` reaches the twin.",
 "- `reservoir_gauge` is repairable only through its own `tol` key: L-BFGS-B reports convergence (\"RELATIVE REDUCTION OF F\") after 4 iterations.",
 "- `heron_colonies`' gradient has a sign error on the intercept only: the loss rises 0.712 -> 21.0 while the gradient norm stays between 0.32 and 0.78.",
]
R10_NOTES = [
 "- `pipeline_survey`'s constant answer is class 2, not the training majority (class 0): its accuracy (0.3983) is not the majority share (0.3867), so only the spread of its predictions shows it is constant. Its Lightning callback reports from `on_train_epoch_end` with a gradient norm taken in `on_before_optimizer_step` (by epoch end Lightning has cleared the gradients).",
 "- `rooftop_thermal`'s Keras `loss` includes the L2 penalty, so its first epochs' loss is well above the cross-entropy.",
 "- `sawmill_grading` (healthy) ends with a modest train/validation accuracy gap (0.84 against 0.79) and a flat validation loss.",
 "- `weed_bioassay` and `mangrove_biomass` (kind=mle) read no `[config]` key: no config-only attempt exists for them. Their `standardize` runs fail because standardising also turns structural columns (`n_plants`, a diameter the code takes the log of) into z-scores.",
 "- `mangrove_biomass`'s Hessian at the reported optimum is indefinite (an eigenvalue of -81.9), not singular.",
 "- In function mode the driver scores the returned model on a float32 array in CSV column order: `flat_rents` and `forest_stands` return models that accept arrays.",
 "- `forest_stands`' standardize attempt crashes on NaN input (the result json records the error).",
]
R11_NOTES = [
 "- `stream_temperature` and `pasture_regrowth` are fits without epochs (a reweighted spline, an L-BFGS-B curve fit): their history rows are the fit's passes or iterations.",
 "- `county_water_use` is repairable through `min_samples_leaf`, a key of its own `[config]` that is not among the knob names the contract lists; `max_depth = 0` in its config means unlimited depth and changes nothing.",
 "- `soil_incubation` reads its observations as the file's last column (`iloc[:, -1]`), the metabolite; the references take the metabolite as a feature, so boosting (0.093) is far better than any decay curve fitted to the wrong column.",
 "- `road_noise`'s `standardize` attempt crashes (the standardised station id no longer indexes the embedding); the result json records the error.",
 "- `wave_runup` returns the nn.Module whose forward gives (mean, log-variance); `grain_dryer` returns a wrapper whose `predict()` gives the median, because the driver reads a two-column output as class scores.",
]
R12_NOTES = [
 "- `substation_transformers` returns a wrapper whose `predict()` thresholds `predict_proba` at the `[config]` threshold; its boosting's log-loss curves are the twin's, the fault is only in what the wrapper reads.",
 "- `dairy_udder_health`'s leaked column holds the references back too (logistic 0.78, boosting 0.76 on the delivered split; 0.855 and 0.837 without the column): only the train/validation gap and the column's shift between the files show the fault.",
 "- `promenade_counts`' `--standardize-target` runs land exactly on the constant (228.1589), plain and twin alike: the code scales its rate by the training mean of the target, about 0 once standardised. The twin is still improving slowly at epoch 30.",
 "- `island_waterworks` (kind=mle) reads no `[config]`: its re-parameterisation attempts (a ridge toward the group mean, the season group tied) are variants of the code in `_twins/island_waterworks/` beside the twin.",
 "- `bus_dwell`'s `standardize` attempt crashes (the standardised stop id gives negative embedding indices); `--standardize-target` gives 52.27 because the builder adds a fixed offset to its output.",
 "- `well_arsenic`: training on the first survey campaign alone gives 0.7583, but leaving a campaign out is not a data repair the contract lists.",
 "- The driver hands validation features to `predict()` as float32, for kind=sklearn too: `substation_transformers`' twin scores 0.8583 in its own float64 history and 0.855 in the driver.",
]
R13_NOTES = [
 "- `cell_towers` is repairable only through `n_buckets`, a key of its own `[config]` that is not among the knob names the contract lists; `n_buckets = 128` still leaves collisions (43 rows for 48 sites).",
 "- `dialysis_sessions`: the contract's `standardize_target` repair reaches the twin exactly, by coincidence: in standardised units the fill value 0 is the training mean. The cause is still the fill of unseen patients.",
 "- `maize_fields`' validation metric is flat from its first iteration (a least-squares start plus field effects); only the likelihood keeps falling.",
 "- `sugarbeet_sucrose` returns a wrapper with `predict()`, not the nn.Module: the driver calls `eval()` on a returned module, which would hide the fault.",
 "- `tram_traction`'s `warmup_epochs` and `accum_steps` are not among the contract's knob names; `lr = 0.00625` (0.05 / 8) reaches the twin.",
 "- `silage_clamps`: dropping the 30 affected bands from both files gives 1.6045, within 1.1x of the twin, but dropping columns is not a data repair the contract lists.",
 "- `staff_survey` is repairable through `init`: any value other than `\"he\"` falls back to PyTorch's default initialisation.",
 "- `tunnel_air`'s EarlyStopping watches the validation split it is scored on, common Keras practice that makes its score slightly optimistic.",
]
R14_NOTES = [
 "- `cortisol_assay` is repairable through its own `optimizer` key: `\"Powell\"` ignores the wrong analytic gradient and reaches the twin; a starting value `ic50_init = 6.0`, a key of its own not among the contract's knob names, nearly does (0.0584).",
 "- `algae_raceways`' twin needs a config change as well as the code change (gradient descent on scaled parameters with `lr = 1e-4`): with the old lr the twin code gives 29.22.",
 "- `caffeine_clearance`'s data seed was chosen from five for estimates closest to the generating values; its fit logs only 7 rows.",
 "- `rail_fastenings` is repairable by config although its fault is in the code (batches never shuffled): `lr = 0.02` gives 0.94, and one full batch per epoch 0.945.",
 "- `storm_damage_survey`'s references score below the constant as delivered (0.1325, 0.1375 against 0.2775): the validation levels are one lower than training's, so every model trained on the training rows answers one level too high.",
 "- `pothole_reports`' validation loss is infinite from epoch 1 (the log of 86 zero counts); scored on its own training rows the model gives 41.7, far worse than on validation.",
 "- `trailhead_counts`' Poisson loss without its constant term is negative (about -450): normal for that loss.",
 "- `highland_rainfall` gains only about 28% over the constant (noisy wet-day amounts): a healthy model close to the references.",
]
R15_NOTES = [
 "- `slurry_pump_seals` is repairable by standardising its three continuous covariates (3985.6) or by `optimizer = \"BFGS\"` (4014.8); standardising every column, its 0/1 `failed` indicator included, breaks the censoring (`failed == 1` never matches).",
 "- `parcel_hub_volume`'s references are hurt by the recoded weekday too (linear 6410, boosting 8149 against the plain model's 4782): the plain model beats them; only its twin (3381.8) shows the fault.",
 "- `substation_feeder_load`'s last epoch (2.312) is about 7% behind the linear reference (2.161); its best epoch is 2.036.",
 "- `maternity_stays`' units are integer codes read as one number by a log-link Gamma regression: 1.34x the boosting reference's error, below the 1.5x that condemns a model alone.",
 "- `rehab_referrals`' data come from a multinomial logit: the one-hot logistic fit (0.655) is near the best possible; the delivered references read the codes as numbers (0.606, 0.6075).",
 "- `fell_raingauges`' occurrence intercept runs to its upper bound 10 and L-BFGS-B still reports convergence.",
]
R16_NOTES = [
 "- `delta_landcover`'s references are fitted on the classes as labels; its model reads the six class codes as one number (MSE on the code, rounded): 0.70 against the logistic reference's 0.805.",
 "- `station_weather_types`' fault is Adam's `epsilon = 1.0` (a `[config]` key of the user's own): `lr = 0.1` with that epsilon gives 0.9229, within 0.03 of the twin's 0.9214, so it is marked repairable; the contract has no cause for an epsilon, and `learning_rate_too_low` is listed.",
 "- `hop_gardens` stores the best epoch's `state_dict()` by reference, so the reload restores nothing: `epochs = 8` (0.8811) or `weight_decay = 0.01` (0.8664) reach the twin, so it is marked repairable; its cause is `training_loop_bug`.",
 "- `quarry_blasting`'s moving average of the weights (decay 0.998, a constant in the code) is updated once per epoch instead of once per step: the returned weights stay 89% the initial ones; no config reaches the twin (`epochs = 300` gives 9.71).",
 "- `tank_chlorine`'s rates are declared and bounded per day while its time column is in hours: the true per-hour rates lie below the lower bounds; lowering the bounds 100-fold (a code change) reaches the twin exactly.",
 "- `yoghurt_vats`' twin steps the ODE 20 times per hour and takes about 31 s; the plain run (one Euler step per hour) takes about 4 s.",
 "- `polder_lakes`' validation lakes are not the training lakes: the boosting reference (53.6) is worse than the constant (48.9); the mass-balance model gives 5.84.",
 "- The references quoted in each round-16 part's own files (`results/round16_a_diag.json`, `results/round16_b_refs.json`, `results/*_refs.json`) are the authors' own fits; `truth.json` carries the shared `references.py` values.",
]
R17_NOTES = [
 "- `fjord_hydro_inflow`'s validation file has its ten lag columns in reverse order under the training header; the references fitted on that split are hurt too (least squares 19.81 against 3.31 on the corrected file), so the plain model (12.74) beats the linear reference and only its twin (3.08) shows the fault.",
 "- `emergency_callouts`' unscaled density makes L-BFGS-B's first trial step overflow and scipy report convergence after one iteration with every slope at zero; `optimizer = \"TNC\"` (7.974) or standardising the three continuous covariates (7.974) reaches the twin, standardising all five columns gives NaN (the offset's population column turns negative).",
 "- `germination_lab`'s log link is capped below 1 with `np.minimum`: 89 of 800 training dishes sit on the cap and L-BFGS-B reports convergence; standardising every column turns the seed count into z-scores (62.69).",
 "- `grain_intake_grades`' twin is the config change `weight_decay = 1.0`; the collapsed model answers grade 2, 31% of the validation loads (below the training majority's 34%).",
 "- `warehouse_picking` and `cottage_lettings` have missing values in both files; the shared references fill the validation file's missing values with training medians for the linear reference (boosting reads them as they are) and drop training rows with any.",
 "- `campus_chiller_load`'s and `toll_bridge_traffic`'s authors fitted their own references as extra runs (`_twins/<name>/ref_*.py`); `truth.json` carries the shared `references.py` values.",
]
R8_NOTES = [
 "- `creek_sediment`'s likelihood leaves out the `sum(log sd)` term of the spread it estimates: both spread parameters run to their upper bounds, the \"NLL\" falls to 2e-5 and L-BFGS-B still reports convergence; the condition number (1.4e3) looks normal, only the size of the eigenvalues and standard errors shows the degenerate fit.",
 "- `ale_fermentation` (Nelder-Mead with `maxiter` 40 where 213 are needed) already beats every reference: only scipy's message, a still-falling loss (with a false plateau from iteration 17 to 29) and the converged fit show it. `optimizer = \"BFGS\"` reaches the twin too, with scipy's warning that it cannot handle bounds.",
 "- `school_electricity` numbers the schools by first appearance in each split (`pd.factorize`): the training error is the twin's, and no school keeps its code in validation.",
 "- `compressed_air` attaches the target by index alignment after `drop_duplicates`: 7 of 960 trained rows keep their own label.",
 "- `lake_chlorophyll` trains exactly as its twin (identical losses); only `predict()` is wrong (`np.exp` of a log10 target). Both `standardize` and `standardize_target` crash its code (log10 of negative values).",
 "- `dam_seepage`'s `ReduceLROnPlateau(mode=\"max\")` on a loss cuts the learning rate fivefold every third epoch; the contract's `training_loop_bug` names a scheduler stepped per batch, not one in the wrong mode, so `learning_rate_too_low` is listed too.",
 "- `honey_origin`'s `[config]` has no `loss` or `output_activation` key: no config change reaches the twin.",
 "- `wastewater_inflow` accumulates gradients over 4 micro-batches correctly (each weighted by its share); `accum_steps = 1` gives the identical metric.",
]
R7_NOTES = [
 "- `espresso_extraction`'s only knob that fixes it is `degree`, a key of the user's own (degree 6 on 5 factors is 461 terms for 90 rows); degree 3 gives 0.606, degree 4 gives 1.891.",
 "- `estuary_nitrate`'s 73 training targets of -999 (a lost sample) pull the references as much as the model (the constant predicts -58 mg N/L): only a check of the target's values finds it. Dropping non-finite rows or standardising changes nothing.",
 "- `tomato_trusses` is marked repairable because `standardize` alone reaches the twin's 13.62: on standardised days the inflection start of 0 lies inside the data. Its cause is the starting values.",
 "- `polymer_flakes` (a model left in eval mode, so the input BatchNorm keeps its initial statistics on raw counts) is repaired by `standardize` to 0.487, better than the twin's 1.273, whose train-mode BatchNorm and dropout make its validation RMSE jump between 1.15 and 3.20.",
 "- `ev_charging`'s `[config]` has no `init` key: every Linear weight and bias is filled with 0.01 in `build_model`, so a tool can only reach it through an initialisation of its own loop.",
 "- `coral_bleaching`'s `MLPClassifier` stops itself at epoch 20 of 500 (its early stopping) with no ConvergenceWarning: by the loss alone it has converged.",
 "- `weld_inspection`'s `constant_output` is a judgement call: 395 of 400 validation seams are called sound.",
 "- `adhesive_ageing` collapses without an overflow or a warning; its best epoch (5, 2.222 MPa) is still twice the twin.",
 "- The references quoted in each round-7 part's own files (`results/round7_*_refs.json`, `round7_*_diag.json`) are the authors' own fits; `truth.json` carries the shared `references.py` values.",
]
R6_NOTES = [
 "- `lathe_tooling` treats 290 inserts changed while still cutting as failures (censoring ignored); the references are fitted on the same censored times, so the plain fit beats all of them, and the validation inserts (a lab test, every one run until worn out) are the only place the fault shows.",
 "- `bike_docks`'s lag columns are one day late in every training row (`trips_lag1` equals the target); dropping that column nearly reaches the twin, but no data repair of the contract drops a column, so it is not counted repairable. `student_retention`'s `credits_registered` leaks the label in training only, and the references are fooled by it too.",
 "- `call_centre` trains on the raw call counts: its gradient norms are 1e4-1e5 in the plain run and the twin alike, with stable training. `borehole_levels` logs the same history as its twin (the loss of the daily change) while the returned model never adds yesterday's level back.",
 "- `hail_nowcast`'s most direct sign is Keras's SyntaxWarning that `categorical_crossentropy` expects more than one class, which the driver does not record; `sleep_stages` steps the optimiser once per epoch, after the batch loop, and more epochs or a larger lr compensate.",
 "- `herring_spawning` and `grid_demand` (healthy) are scipy fits in function mode that log each optimiser iteration through the monitor; `lake_trout_growth` (healthy) logs a history that starts at epoch 0.",
 "- Healthy programs carry `repairable: null` in truth.json, as in the other rounds, whatever their entry says.",
]
R5_NOTES = [
 "- `solar_park`'s fault is in the data alone: 443 consecutive training rows (an older logger) record irradiance in kJ/m²/h, 3.6 times the W/m² of the rest; 44 of them exceed the solar constant. The references are fitted on the same rows, so the plain model sits between them, and the twin (those rows divided by 3.6) is seven times better than either.",
 "- `ferry_fuel`'s mixture-of-experts gate takes its softmax over the batch: a prediction depends on the rows scored with it, so the driver's one-batch validation score (and any tool's) differs from the training batches' own.",
 "- `hive_acoustics` returns a model whose weights are those of epoch 1 (an early stop that watched the accuracy as if lower were better), while its history's last validation accuracy reads 0.834: the returned model scores 0.574.",
 "- `hospital_chiller`'s only sign in the record is Lightning's UserWarning that `training_step` returned `None`, which the driver does not record (it keeps convergence, runtime and optimisation warnings); the weights never change.",
 "- `pond_oxygen` returns its history as a numpy structured array, `motor_claims` and `island_influenza` are likelihoods whose faults leave the optimiser reporting convergence, and `alpine_snowpack` (healthy) is a censored-normal (Tobit) likelihood.",
 "- Healthy programs carry `repairable: null` in truth.json, as in the other rounds, whatever their entry says.",
]
R4_NOTES = [
 "- `glucose_monitor`: every loss is NaN from epoch 1, so `plain_metric` is `null`; `glacier_melt` at lr 0.01 is NaN at every epoch too, and the driver's own best-epoch bookkeeping then fails (`extra_cfg3` prints FAILED by design), so the program uses lr 0.005, where `exp(head)` collapses to 0 instead.",
 "- `milk_fat_mixture`: the 0.00 readings are finite, so none of the contract's data repairs removes them; the plain fit shows no singular information matrix (the log-sigma variant does). `turbine_icing`'s fault is mostly in the information matrix: the plain model already beats every reference on validation.",
 "- `loan_default` is scored on accuracy, as the driver and references score classes: the majority-class answer already has the constant's accuracy; the logged `val_f1` (0 at the end, twin 0.63) shows the failure.",
 "- `store_footfall`'s code standardises each array it is given with that array's own statistics, so pre-standardised data (the tool's `standardize` repair) changes nothing; `leaf_disease` turned out repairable by config (momentum, lr or epochs reach the twin's accuracy).",
]
R2_NOTES = [
 "- `greenhouse_climate`: the plain run crashes at the first batch (`ValueError: Expected more than 1 value per channel when training`), so `plain_metric` is `null`; with `batch_size = 1` every batch has one row, so any training loop that puts BatchNorm in train mode fails the same way. The twin (batch_size 32) ends at {gh_tw} degC, close to the linear/boosting references; its val curve is noisy (best 0.765 at epoch 53).",
 "- `clinic_visits`: plain and twin val RMSE are identical ({cv_pl} visits/day, better than all references); the fault shows only in the information matrix (cond ≈ {cv_c}, smallest eigenvalue ≈ 0) and in the meaningless temperature coefficients. Dropping `temp_F` gives cond ≈ {cv_c2}. It needs a code change (the duplicated regressor is hard-coded), hence repairable = no.",
 "- `air_quality`: the validation split's `air_temp` is in degF; the references are fitted on that same split (linear {aq_lin}, boosting {aq_gbm}), so the plain forest ({aq_pl} ppb) is not worse than the boosting reference — only the train/val gap (train RMSE 1.9) and the shifted `air_temp` distribution (train mean 10.9, val mean 51.6) reveal it. Regularising the forest (max_depth 3 → {aq_d3}, min_samples_leaf 50 → {aq_l50}) narrows the gap without improving validation: a suppressed symptom. No repair the contract lists converts units (standardizing with train statistics keeps the offset), so repairable = no; the twin ({aq_tw}) converts the val column.",
 "- `soil_moisture`: weight_decay 2.0 gives a constant output; a halfway config change (weight_decay 0.1) removes the constant output but gives {sm_01} % vol, ~2.8x the linear reference ({sm_lin}) and the twin ({sm_tw}) — a tool that stops there has suppressed the symptom, not fixed the cause.",
 "- `river_discharge`: the sigmoid output can only produce (0, 1) m3/s. The tool's `standardize_target` repair alone gives {rd_std} m3/s (constant {rd_const}); no config reaches the twin. The twin ({rd_tw}) is itself worse than the linear reference on lagged discharge ({rd_lin}): the catchment response is close to linear in its lags, and the validation period is later in time (chronological split).",
 "- `postcode_digits`: with a softmax before CrossEntropyLoss the loss sits at ln 10 for 12 epochs and then starts to fall, so 'train longer' looks plausible: epochs = 60 gives {pd_60}, still below the logistic reference ({pd_lin}) and the twin ({pd_tw}).",
 "- `vineyard_frost`: neither lr 0.1 ({vf_lr}), epochs 200 ({vf_ep}) nor standardized features (0.85) move it off the majority class; activation relu ({vf_tw}) or n_layers 2 with sigmoid ({vf_nl}) both fix it — `activation` is the knob the contract names.",
 "- `pump_vibration`: a too-high lr without NaN: the loss falls for 5 epochs, jumps, and the net collapses to the majority class; grad norms stay O(0.1-1), so there is no explosion to detect, only the loss jump, the val-loss spike (7.1 at epoch 9), a constant prediction and a dead second hidden layer (all 32 ReLU units zero on every val row, measured on the trained plain model).",
 "- `fish_market`: the truncated labels make it look like overfitting (train RMSE 0.17 against the truncated labels, val 0.42 against the true weights); no regularisation closes the gap because the labels are wrong.",
 "- `dairy_milk`: the plain SVR ({dm_pl} kg/day) is barely better than the constant ({dm_c}); the tool's own `standardize` data repair gives the twin ({dm_tw}) with code and config unchanged, hence repairable = yes.",
 "- Healthy round-2 programs: `mammography` feeds raw features (1e-3 to 4e3) into an input BatchNorm — that is by design, not unscaled features ({mm} vs logistic {mm_lin}); `tidal_level` beats the linear reference ({tl} vs {tl_lin} m) only because the network predicts the hour-on-hour change beside a linear autoregressive path; `led_lifetimes` is a Weibull likelihood whose val RMSE is dominated by the Weibull scatter; `ski_visitors` is gradient boosting at a plateau.",
 "- `greenhouse_climate`, `vineyard_frost` and `mammography` are `kind = \"torch\"`: their plain metrics come from the driver's standard loop, not the tool's.",
 "- Plain training time of the round-2 programs (driver `time_s`, one core, imports excluded): {t_tot} s in all, the longest `{t_max[0]}` ({t_max[1]} s).",
]
def f(v, metric):
    if v is None: return "NaN"
    if abs(v) >= 1e9: return f"{v:.2e}"
    return f"{v:.3f}" if metric == "accuracy" or abs(v) < 1000 else f"{v:,.0f}"
S1 = [t for t in S if t.get("round", 1) == 1]
S2 = [t for t in S if t.get("round", 1) == 2]
S3 = [t for t in S if t.get("round", 1) == 3]
S4 = [t for t in S if t.get("round", 1) == 4]
S5 = [t for t in S if t.get("round", 1) == 5]
S6 = [t for t in S if t.get("round", 1) == 6]
S7 = [t for t in S if t.get("round", 1) == 7]
S8 = [t for t in S if t.get("round", 1) == 8]
S9 = [t for t in S if t.get("round", 1) == 9]
S10 = [t for t in S if t.get("round", 1) == 10]
S11 = [t for t in S if t.get("round", 1) == 11]
S12 = [t for t in S if t.get("round", 1) == 12]
S13 = [t for t in S if t.get("round", 1) == 13]
S14 = [t for t in S if t.get("round", 1) == 14]
S15 = [t for t in S if t.get("round", 1) == 15]
S16 = [t for t in S if t.get("round", 1) == 16]
S17 = [t for t in S if t.get("round", 1) == 17]
L = ["# Independent programs for `model-trainer`", "",
     "Written against `CONTRACT.md` alone, without the tool's source or its other benchmarks, each with its own",
     "ground truth. `python benchmarks/independent.py` runs the tool on them (`make bench-independent`); what the first",
     "run found, and what was changed after reading it, is in `docs/benchmarks.md` (\"eighth round\" for round 1, \"ninth round\" for round 2, \"tenth round\" for round 3, \"eleventh round\" for round 4, \"twelfth round\" for rounds 5 and 6, \"thirteenth round\" for rounds 7 and 8, \"fourteenth round\" for round 9, \"fifteenth round\" for round 10, \"sixteenth round\" for round 11, \"seventeenth round\" for round 12, \"eighteenth round\" for rounds 13 and 14, \"nineteenth round\" for round 15, \"twentieth round\" for round 16, \"twenty-first round\" for round 17).", "",
     f"{len(S)} programs in seventeen rounds written the same way: round 1 has {len(S1)} ({sum(t['status'] == 'faulty' for t in S1)} faulty, {sum(t['status'] == 'healthy' for t in S1)} healthy), round 2 has {len(S2)} ({sum(t['status'] == 'faulty' for t in S2)} faulty, {sum(t['status'] == 'healthy' for t in S2)} healthy; their truth.json carries `\"round\": 2`), round 3 has {len(S3)} ({sum(t['status'] == 'faulty' for t in S3)} faulty, {sum(t['status'] == 'healthy' for t in S3)} healthy; `\"round\": 3`), round 4 has {len(S4)} ({sum(t['status'] == 'faulty' for t in S4)} faulty, {sum(t['status'] == 'healthy' for t in S4)} healthy; `\"round\": 4`), round 5 has {len(S5)} ({sum(t['status'] == 'faulty' for t in S5)} faulty, {sum(t['status'] == 'healthy' for t in S5)} healthy; `\"round\": 5`), round 6 has {len(S6)} ({sum(t['status'] == 'faulty' for t in S6)} faulty, {sum(t['status'] == 'healthy' for t in S6)} healthy; `\"round\": 6`), round 7 has {len(S7)} ({sum(t['status'] == 'faulty' for t in S7)} faulty, {sum(t['status'] == 'healthy' for t in S7)} healthy; `\"round\": 7`), round 8 has {len(S8)} ({sum(t['status'] == 'faulty' for t in S8)} faulty, {sum(t['status'] == 'healthy' for t in S8)} healthy; `\"round\": 8`), round 9 has {len(S9)} ({sum(t['status'] == 'faulty' for t in S9)} faulty, {sum(t['status'] == 'healthy' for t in S9)} healthy; `\"round\": 9`), round 10 has {len(S10)} ({sum(t['status'] == 'faulty' for t in S10)} faulty, {sum(t['status'] == 'healthy' for t in S10)} healthy; `\"round\": 10`), round 11 has {len(S11)} ({sum(t['status'] == 'faulty' for t in S11)} faulty, {sum(t['status'] == 'healthy' for t in S11)} healthy; `\"round\": 11`), round 12 has {len(S12)} ({sum(t['status'] == 'faulty' for t in S12)} faulty, {sum(t['status'] == 'healthy' for t in S12)} healthy; `\"round\": 12`), round 13 has {len(S13)} ({sum(t['status'] == 'faulty' for t in S13)} faulty, {sum(t['status'] == 'healthy' for t in S13)} healthy; `\"round\": 13`), round 14 has {len(S14)} ({sum(t['status'] == 'faulty' for t in S14)} faulty, {sum(t['status'] == 'healthy' for t in S14)} healthy; `\"round\": 14`), round 15 has {len(S15)} ({sum(t['status'] == 'faulty' for t in S15)} faulty, {sum(t['status'] == 'healthy' for t in S15)} healthy; `\"round\": 15`), round 16 has {len(S16)} ({sum(t['status'] == 'faulty' for t in S16)} faulty, {sum(t['status'] == 'healthy' for t in S16)} healthy; `\"round\": 16`), round 17 has {len(S17)} ({sum(t['status'] == 'faulty' for t in S17)} faulty, {sum(t['status'] == 'healthy' for t in S17)} healthy; `\"round\": 17`). Each folder holds `spec.toml`, `code/`, `data/train.csv`, `data/val.csv`, `truth.json`.",
     "Folder names and code comments do not name the fault. `_twins/` (corrected code) and `_driver/` (measurement driver, data generators, raw results) are not programs: they hold the answers, and `benchmarks/independent.py` never copies them into a program's folder.", "",
     "Every metric is on the validation CSV, in the target's units, from a run of `_driver/driver.py` (results in `_driver/results/*.json`; `_driver/run_all.sh` reruns all of them, ~4 min on one core for round 1, ~3.5 min for round 2, ~3 min for round 3, ~4 min for round 4, ~4.5 min for round 5, ~6 min for round 6, ~2 min for round 7, a few minutes for round 8, ~3 min for round 9, ~4 min for round 10, ~2 min for round 11, ~4 min for round 12, ~5 min for round 13, ~5 min for round 14, ~3 min for round 15, ~7 min for round 16 and ~3 min for round 17; `run_all.sh N` reruns round N; then `references.py`, `write_truth.py`, `write_readme.py`).",
     "Function mode: the driver calls the user's function (4-arg gets a stub monitor that never asks to stop) and scores the returned model's predictions on val.",
     "kind=torch: a standard loop (optimizer/lr/epochs/batch_size/weight_decay/clip from [config], MSE or cross-entropy, raw CSV features, no scaling). kind=sklearn: `fit` then `predict`. kind=mle: scipy L-BFGS-B from the inits within the bounds, finite-difference Hessian.",
     "Round 2 also uses: `--standardize-target` in function mode (the user's code gets (y-mean)/sd on both splits, its predictions are mapped back before scoring), `--full-history` (every epoch kept in the result json), and a result json written for a run that crashes (`error`, `val_metric: null`).",
     "Round 3 uses the same driver unchanged (with `--full-history`); its data repairs (dropping rows, standardizing features) are done by `run_all.sh` on copies in /tmp passed with `--train`/`--val`.",
     "Round 4 uses the same driver unchanged; its runs are in `_driver/run_round4_a.sh` and `_driver/run_round4_b.sh` (called by `run_all.sh 4`), its ground truth in `_driver/round4.py` (called by `write_truth.py`).",
     "Round 5 uses the same driver unchanged; it was written in three parts, each with its run script (`_driver/run_round5_a.sh`, `_b`, `_c`, called by `run_all.sh 5`) and its entries (`_driver/round5_a.py`, `_b`, `_c`, joined by `_driver/parts.py` and written out by `write_truth.py`; the quoted numbers are checked by `_driver/quoted.py`). Its likelihood repairs that the driver has no option for (a log scale) are emulated by variants of the code in `_twins/`.",
     "Round 6 is laid out as round 5 (`_driver/run_round6_{a,b,c}.sh`, `_driver/round6_{a,b,c}.py`, joined by `_driver/parts.py`); part b also writes diagnostic files beside its results (`*_diag.json`, `round6_b_refs.json`) that its entries quote.",
     "Round 8 is laid out as round 7 (`_driver/run_round8_{a,b,c}.sh`, `_driver/round8_{a,b,c}.py`), three programs per part.",
     "Round 9 is laid out as round 8 (`_driver/run_round9_{a,b,c}.sh`, `_driver/round9_{a,b,c}.py`), three programs per part; each part also writes its own reference fits (`results/round9_{a,b,c}_refs.json` or `_diag.json`) that its entries quote.",
     "Round 10 is laid out as round 9 (`_driver/run_round10_{a,b,c}.sh`, `_driver/round10_{a,b,c}.py`), three programs per part, with its own reference fits (`results/round10_{a,b,c}_refs.json` or `_diag.json`).",
     "Round 11 is laid out as round 10 (`_driver/run_round11_{a,b,c}.sh`, `_driver/round11_{a,b,c}.py`), three programs per part; its parts write their own reference fits and diagnostics (`results/round11_{a,b,c}_refs.json` or `_diag.json`, from `round11_a_diag.py`, `round11_b.py refs|diag` and `round11_c_diag.py`).",
     "Round 12 is laid out as round 11 (`_driver/run_round12_{a,b,c}.sh`, `_driver/round12_{a,b,c}.py`), three programs per part, with their own reference fits and diagnostics (`results/round12_{a,b,c}_refs.json` or `*_diag.json`).",
     "Round 13 is laid out as round 12 (`_driver/run_round13_{a,b,c}.sh`, `_driver/round13_{a,b,c}.py`), three programs per part, with their own reference fits and diagnostics (`results/round13_{a,b,c}_refs.json`, `*_diag.json`).",
     "Round 14 is laid out as round 13 (`_driver/run_round14_{a,b,c}.sh`, `_driver/round14_{a,b,c}.py`), three programs per part, with their own reference fits and diagnostics (`results/round14_{a,b,c}_refs.json`, `*_diag.json`).",
     "Round 15 is laid out as round 14 (`_driver/run_round15_{a,b,c}.sh`, `_driver/round15_{a,b,c}.py`), three programs per part; parts b and c write their own reference fits and diagnostics (`results/round15_b_refs.json`, `results/round15_{b,c}_diag.json`).",
     "Round 16 is laid out as round 15 (`_driver/run_round16_{a,b,c}.sh`, `_driver/round16_{a,b,c}.py`), three programs per part; its parts write their own reference fits and diagnostics (`results/round16_a_diag.json`, `results/round16_b_refs.json`, `results/<name>_refs.json` for part c).",
     "Round 17 is laid out as round 16 (`_driver/run_round17_{a,b,c}.sh`, `_driver/round17_{a,b,c}.py`), three programs per part; parts b and c write their own reference fits (`results/round17_b_refs.json`, `results/round17_c_refs.json`, `results/round17_b_diag.json`), part a fits its references as extra runs.",
     "Round 7 is laid out as rounds 5 and 6 (`_driver/run_round7_{a,b,c}.sh`, `_driver/round7_{a,b,c}.py`); part c also writes `results/round7_c_diag.json` (fitted parameters of its function-mode programs, its own reference fits) that its entries quote.",
     "References (constant / scaled linear / HistGradientBoosting, fitted on train after dropping non-finite rows) are in each truth.json.", "",
     "## Round 1", "",
     "| # | name | shape | status / fault | expected symptom → cause | repairable by config/data repair | plain → twin (metric) | refs const / lin / GBM |",
     "|---|---|---|---|---|---|---|---|"]
def row(i, t, with_round=False):
    met = t["metric"]
    sym = ", ".join(t["expected_symptoms"]) or "—"
    cau = ", ".join(t["expected_causes"]) or "—"
    fault = "healthy" if t["status"] == "healthy" else t["fault"].split(" -> ")[0].split(": spec")[0]
    rep = "n/a" if t["repairable"] is None else ("yes" if t["repairable"] else "no")
    r = t["references"]
    units = t.get("target_units", "")
    pt = f"{f(t['plain_metric'], met)} → {f(t['twin_metric'], met)} ({met}{', ' + units if units and met != 'accuracy' else ''})"
    if t["status"] == "healthy": pt = f"{f(t['plain_metric'], met)} ({met}{', ' + units if units and met != 'accuracy' else ''}; healthy, twin = itself)"
    rnd = f" {t.get('round', 1)} |" if with_round else ""
    return f"| {i} |{rnd} `{t['name']}` | {t['shape']} | {fault} | {sym} → {cau} | {rep} | {pt} | {f(r['constant'],met)} / {f(r['linear'],met)} / {f(r['boosting'],met)} |"
for i, t in enumerate(S1, 1):
    L.append(row(i, t))
L += ["", "## Round 2", "",
      "| # | round | name | shape | status / fault | expected symptom → cause | repairable by config/data repair | plain → twin (metric) | refs const / lin / GBM |",
      "|---|---|---|---|---|---|---|---|---|"]
for i, t in enumerate(S2, len(S1) + 1):
    L.append(row(i, t, with_round=True))
L += ["", "## Round 3", "",
      "| # | round | name | shape | status / fault | expected symptom → cause | repairable by config/data repair | plain → twin (metric) | refs const / lin / GBM |",
      "|---|---|---|---|---|---|---|---|---|"]
for i, t in enumerate(S3, len(S1) + len(S2) + 1):
    L.append(row(i, t, with_round=True))
L += ["", "## Round 4", "",
      "| # | round | name | shape | status / fault | expected symptom → cause | repairable by config/data repair | plain → twin (metric) | refs const / lin / GBM |",
      "|---|---|---|---|---|---|---|---|---|"]
for i, t in enumerate(S4, len(S1) + len(S2) + len(S3) + 1):
    L.append(row(i, t, with_round=True))
L += ["", "## Round 5", "",
      "| # | round | name | shape | status / fault | expected symptom → cause | repairable by config/data repair | plain → twin (metric) | refs const / lin / GBM |",
      "|---|---|---|---|---|---|---|---|---|"]
for i, t in enumerate(S5, len(S1) + len(S2) + len(S3) + len(S4) + 1):
    L.append(row(i, t, with_round=True))
L += ["", "## Round 6", "",
      "| # | round | name | shape | status / fault | expected symptom → cause | repairable by config/data repair | plain → twin (metric) | refs const / lin / GBM |",
      "|---|---|---|---|---|---|---|---|---|"]
for i, t in enumerate(S6, len(S1) + len(S2) + len(S3) + len(S4) + len(S5) + 1):
    L.append(row(i, t, with_round=True))
L += ["", "## Round 7", "",
      "| # | round | name | shape | status / fault | expected symptom → cause | repairable by config/data repair | plain → twin (metric) | refs const / lin / GBM |",
      "|---|---|---|---|---|---|---|---|---|"]
for i, t in enumerate(S7, len(S1) + len(S2) + len(S3) + len(S4) + len(S5) + len(S6) + 1):
    L.append(row(i, t, with_round=True))
L += ["", "## Round 8", "",
      "| # | round | name | shape | status / fault | expected symptom → cause | repairable by config/data repair | plain → twin (metric) | refs const / lin / GBM |",
      "|---|---|---|---|---|---|---|---|---|"]
for i, t in enumerate(S8, len(S1) + len(S2) + len(S3) + len(S4) + len(S5) + len(S6) + len(S7) + 1):
    L.append(row(i, t, with_round=True))
L += ["", "## Round 9", "",
      "| # | round | name | shape | status / fault | expected symptom → cause | repairable by config/data repair | plain → twin (metric) | refs const / lin / GBM |",
      "|---|---|---|---|---|---|---|---|---|"]
for i, t in enumerate(S9, len(S1) + len(S2) + len(S3) + len(S4) + len(S5) + len(S6) + len(S7) + len(S8) + 1):
    L.append(row(i, t, with_round=True))
L += ["", "## Round 10", "",
      "| # | round | name | shape | status / fault | expected symptom → cause | repairable by config/data repair | plain → twin (metric) | refs const / lin / GBM |",
      "|---|---|---|---|---|---|---|---|---|"]
for i, t in enumerate(S10, len(S1) + len(S2) + len(S3) + len(S4) + len(S5) + len(S6) + len(S7) + len(S8) + len(S9) + 1):
    L.append(row(i, t, with_round=True))
L += ["", "## Twins (what was changed to get the twin metric)", ""]
L += ["", "## Round 11", "",
      "| # | round | name | shape | status / fault | expected symptom → cause | repairable by config/data repair | plain → twin (metric) | refs const / lin / GBM |",
      "|---|---|---|---|---|---|---|---|---|"]
for i, t in enumerate(S11, len(S1) + len(S2) + len(S3) + len(S4) + len(S5) + len(S6) + len(S7) + len(S8) + len(S9) + len(S10) + 1):
    L.append(row(i, t, with_round=True))
L += ["", "## Round 12", "",
      "| # | round | name | shape | status / fault | expected symptom → cause | repairable by config/data repair | plain → twin (metric) | refs const / lin / GBM |",
      "|---|---|---|---|---|---|---|---|---|"]
for i, t in enumerate(S12, len(S1) + len(S2) + len(S3) + len(S4) + len(S5) + len(S6) + len(S7) + len(S8) + len(S9) + len(S10) + len(S11) + 1):
    L.append(row(i, t, with_round=True))
L += ["", "## Round 13", "",
      "| # | round | name | shape | status / fault | expected symptom → cause | repairable by config/data repair | plain → twin (metric) | refs const / lin / GBM |",
      "|---|---|---|---|---|---|---|---|---|"]
for i, t in enumerate(S13, len(S1) + len(S2) + len(S3) + len(S4) + len(S5) + len(S6) + len(S7) + len(S8) + len(S9) + len(S10) + len(S11) + len(S12) + 1):
    L.append(row(i, t, with_round=True))
L += ["", "## Round 14", "",
      "| # | round | name | shape | status / fault | expected symptom → cause | repairable by config/data repair | plain → twin (metric) | refs const / lin / GBM |",
      "|---|---|---|---|---|---|---|---|---|"]
for i, t in enumerate(S14, len(S1) + len(S2) + len(S3) + len(S4) + len(S5) + len(S6) + len(S7) + len(S8) + len(S9) + len(S10) + len(S11) + len(S12) + len(S13) + 1):
    L.append(row(i, t, with_round=True))
L += ["", "## Round 15", "",
      "| # | round | name | shape | status / fault | expected symptom → cause | repairable by config/data repair | plain → twin (metric) | refs const / lin / GBM |",
      "|---|---|---|---|---|---|---|---|---|"]
for i, t in enumerate(S15, len(S1) + len(S2) + len(S3) + len(S4) + len(S5) + len(S6) + len(S7) + len(S8) + len(S9) + len(S10) + len(S11) + len(S12) + len(S13) + len(S14) + 1):
    L.append(row(i, t, with_round=True))
L += ["", "## Round 16", "",
      "| # | round | name | shape | status / fault | expected symptom → cause | repairable by config/data repair | plain → twin (metric) | refs const / lin / GBM |",
      "|---|---|---|---|---|---|---|---|---|"]
for i, t in enumerate(S16, len(S1) + len(S2) + len(S3) + len(S4) + len(S5) + len(S6) + len(S7) + len(S8) + len(S9) + len(S10) + len(S11) + len(S12) + len(S13) + len(S14) + len(S15) + 1):
    L.append(row(i, t, with_round=True))
L += ["", "## Round 17", "",
      "| # | round | name | shape | status / fault | expected symptom → cause | repairable by config/data repair | plain → twin (metric) | refs const / lin / GBM |",
      "|---|---|---|---|---|---|---|---|---|"]
for i, t in enumerate(S17, len(S1) + len(S2) + len(S3) + len(S4) + len(S5) + len(S6) + len(S7) + len(S8) + len(S9) + len(S10) + len(S11) + len(S12) + len(S13) + len(S14) + len(S15) + len(S16) + 1):
    L.append(row(i, t, with_round=True))
for t in S1 + S2 + S3 + S4 + S5 + S6 + S7 + S8 + S9 + S10 + S11 + S12 + S13 + S14 + S15 + S16 + S17:
    if t["status"] == "faulty":
        L.append(f"- `{t['name']}`: {t['twin_fix']}" + (f" — note: {t['notes']}" if t.get("notes") else "") + (f" — plain run: {t['plain_note']}" if t.get("plain_note") else ""))
L += ["", "## Things worth knowing", "", "### Round 1", "",
 "- `battery_fade`, `wind_turbine`: plain metric is NaN (recorded as `null` in truth.json, see `plain_note`). `wind_turbine` looks exactly like a too-high learning rate but no config reaches the twin: lr=1e-3/momentum 0/clip 1.0 gives 0.563 MW and lr=1e-5 gives 0.628 MW vs 0.090 MW with `zero_grad()` — a tool that lowers lr and calls it resolved has suppressed a symptom (both are far worse than the linear reference 0.446).",
 "- `oral_pk`: plain and twin val RMSE are identical (0.4335 mg/L); the fault shows only in the information matrix (cond ≈ 2.6e12, smallest eigenvalue ≈ 1.5e-7, SE(V) ≈ 2609 L). The twin's condition number is still ≈ 6.9e5 in raw parameter units because V/F (~59 L) and the rate constants (~0.2/h) differ in scale — not a fault by itself.",
 "- `building_energy`: the bug is in code (val features not scaled) but the tool's own `standardize` data repair fixes it without touching code (val RMSE 2.806 vs twin 2.805), so repairable = yes; the root cause is still `train_val_mismatch`.",
 "- `tumour_biopsy`: with shuffled labels the net memorises noise (train loss 0.70 → 0.16, val loss 0.69 → 1.25), so it also looks like overfitting; regularising (weight_decay 0.01, dropout 0.5, 20 epochs) gives 0.645, still at the majority-class level 0.621 — a 'fix' by regularisation is a suppressed symptom.",
 "- `crop_yield`: the overfit model (1.253 t/ha) is worse than the linear reference (0.890) and its own best epoch (~125: 1.189); the twin (hidden_units 16, weight_decay 0.01, lr 0.003) reaches 0.904 ≈ linear. Overfitting here is a large train/val gap (train MSE < 0.01 vs val MSE ~1.6) rather than a dramatic U-shaped val curve.",
 "- `house_prices` and `crop_yield` are `kind = \"torch\"`: their plain metrics come from the driver's standard loop, not the tool's; a tool whose built-in loop standardizes the target by default would not reproduce the `house_prices` fault.",
 "- `handwritten_digits` and `bearing_condition` use the 2-arg signature and have no `[config]` table (knobs are constants in code); the three MLE specs have no `[config]` either.",
 "- Plain training time (driver `time_s`, one core, Keras import excluded): `solar_home` ~8.5-10.5 s, `crop_yield` ~10 s, `battery_fade` ~9 s; all others < 7 s.",
 "- Healthy `truth.json` files carry `repairable: null` (not applicable).",
]
L += ["", "### Round 2", "", *[ln.format(**V) for ln in R2_NOTES]]
L += ["", "### Round 3", "", *[ln.format(**V3) for ln in R3_NOTES]]
L += ["", "### Round 4", "", *R4_NOTES]
L += ["", "### Round 5", "", *R5_NOTES]
L += ["", "### Round 6", "", *R6_NOTES]
L += ["", "### Round 7", "", *R7_NOTES]
L += ["", "### Round 8", "", *R8_NOTES]
L += ["", "### Round 9", "", *R9_NOTES]
L += ["", "### Round 10", "", *R10_NOTES]
L += ["", "### Round 11", "", *R11_NOTES]
L += ["", "### Round 12", "", *R12_NOTES]
L += ["", "### Round 13", "", *R13_NOTES]
L += ["", "### Round 14", "", *R14_NOTES]
L += ["", "### Round 15", "", *R15_NOTES]
L += ["", "### Round 16", "", *R16_NOTES]
L += ["", "### Round 17", "", *R17_NOTES]
open(ROOT + "/README.md", "w").write("\n".join(L) + "\n")
print("\n".join(L))
