import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "loan_default"
rng = np.random.default_rng(404)
# consumer instalment loans of a regional lender; default = 90+ days past due within 24 months
n = 3000
income = np.exp(rng.normal(np.log(58000), 0.45, n)).clip(14000, 400000)          # USD/year
loan = (income * rng.uniform(0.05, 0.6, n)).clip(1000, 80000)                     # USD
score = rng.normal(690, 60, n).clip(380, 850)                                     # credit score
dti = rng.beta(2.2, 5.5, n) * 0.8                                                 # debt-to-income ratio
emp = rng.gamma(2.0, 3.5, n).clip(0, 40)                                          # years with employer
delinq = rng.poisson(0.35, n)                                                     # past delinquencies
term = rng.choice([12, 24, 36, 60], n, p=[0.15, 0.3, 0.35, 0.2])                  # months
logit = (-4.3 - 0.035 * (score - 690) + 9.0 * (dti - 0.22) + 0.9 * delinq
         + 1.6 * np.log(loan / income / 0.3) - 0.05 * emp + 0.012 * (term - 36))
p = 1 / (1 + np.exp(-logit))
y = (rng.random(n) < p).astype(int)
df = pd.DataFrame(dict(annual_income_usd=income.round(0), loan_amount_usd=loan.round(0), credit_score=score.round(0),
                       debt_to_income=dti.round(3), employment_years=emp.round(1), past_delinquencies=delinq,
                       term_months=term, default=y))
df.iloc[:2200].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[2200:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
