"""Summary statistics shared by micro.py and combine.py, computed the way JMH reports them:
the mean of the samples and the half-width of its 99.9% confidence interval (Student's t)."""

import math
import statistics

# Two-sided 99.9% quantiles of Student's t (that is, the 0.9995 quantile) for 1..30 degrees of
# freedom; beyond 30 the normal quantile is close enough.
_T_9995 = [636.619, 31.599, 12.924, 8.610, 6.869, 5.959, 5.408, 5.041, 4.781, 4.587,
           4.437, 4.318, 4.221, 4.140, 4.073, 4.015, 3.965, 3.922, 3.883, 3.850,
           3.819, 3.792, 3.768, 3.745, 3.725, 3.707, 3.690, 3.674, 3.659, 3.646]
_Z_9995 = 3.291


def summarize(samples):
    """(mean, error) of the samples; the error is NaN with fewer than two, as in JMH."""
    if not samples:
        raise ValueError("no samples")
    mean = statistics.fmean(samples)
    if len(samples) < 2:
        return mean, float("nan")
    df = len(samples) - 1
    t = _T_9995[df - 1] if df <= len(_T_9995) else _Z_9995
    return mean, t * statistics.stdev(samples) / math.sqrt(len(samples))
