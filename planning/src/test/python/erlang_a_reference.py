# Reference values for ErlangATest: the Erlang A (M/M/n+M) chain solved in 40-digit arithmetic with mpmath.
# python3 planning/src/test/python/erlang_a_reference.py  (pip install mpmath; about 15 s)
from mpmath import mp, mpf, exp, log, loggamma, digamma, sqrt, floor
mp.dps = 40
def erlang_b(n, a):
    b = mpf(1)
    for k in range(1, n + 1):
        b = a * b / (k + a * b)
    return b
def case(n, load, aht, patience):
    load = mpf(load); aht = mpf(aht); patience = mpf(patience)
    c = n * patience / aht; r = load * patience / aht; lam = load / aht
    B = erlang_b(n, load)
    peak = r - c - 1
    start = max(0, int(floor(peak - 40 * sqrt(r))))
    t = exp(start * log(r) + loggamma(c + 1) - loggamma(c + start + 1)) if start else mpf(1)
    ew = (digamma(c + start + 1) - digamma(c + 1)) * patience
    S = L = W = Ab = mpf(0); j = start
    while True:
        lm = c + j + 1
        ew += patience / lm
        S += t; L += t * j; Ab += t * (1 - c / lm); W += t * (c / lm) * ew
        ratio = r / lm
        t *= ratio
        if ratio < 1 and t < mpf(10) ** -35 * S:
            break
        j += 1
    total = 1 / B - 1 + S
    pab = Ab / total
    return dict(pwait=S / total, pab=pab, avgwait=L / total / lam, asa=W / total / (1 - pab),
                pab_little=L / total / r, states=j - start)
for args in [(14, 12.5, 180, 60), (1000, 2000, 180, 600), (10, 12, 180, 1e6), (10, 12, 180, 1e9)]:
    res = case(*args)
    print(args, {k: (mp.nstr(v, 22) if k != 'states' else v) for k, v in res.items()}, flush=True)
    if args[0] == 1000:
        print('  1-pwait', mp.nstr(1 - res['pwait'], 10), 'pab-0.5', mp.nstr(res['pab'] - mpf('0.5'), 10))
