import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd
rng = np.random.default_rng(101)
n = 1500
tenure = rng.integers(1, 73, n)
contract = rng.choice([1, 12, 24], n, p=[0.5, 0.3, 0.2])
charge = rng.uniform(20, 120, n).round(2)
calls = rng.poisson(1.5, n)
usage = rng.gamma(2, 8, n).round(1)
age = rng.integers(18, 80, n)
autopay = rng.binomial(1, 0.45, n)
z = (1.2 - 0.07 * tenure - 0.12 * (contract - 1) + 0.035 * (charge - 70) + 0.7 * calls
     - 0.02 * usage - 0.7 * autopay + 0.005 * (age - 45))
p = 1 / (1 + np.exp(-z))
churn = rng.binomial(1, p)
df = pd.DataFrame(dict(tenure_months=tenure, contract_months=contract, monthly_charge_usd=charge, support_calls_90d=calls,
                       data_usage_GB=usage, customer_age=age, autopay=autopay, churned=churn))
df.iloc[:1100].to_csv(ROOT + "/telecom_churn/data/train.csv", index=False)
df.iloc[1100:].to_csv(ROOT + "/telecom_churn/data/val.csv", index=False)
print(df.churned.mean())
