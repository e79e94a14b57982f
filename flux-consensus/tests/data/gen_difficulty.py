#!/usr/bin/env python3
"""Independent re-implementation of fluxd's next-work rules, used to produce
difficulty_cases.json for flux-consensus/tests/difficulty.rs.

Written from the spec (the fluxd specification, spec/fluxd.md sections 5.1-5.7) and fluxd's source
(RunOnFlux/fluxd at 2dfb5046b81c482914b93fa1caa0a7254c80bf64: src/pow.cpp
GetNextWorkRequired / DigishieldCalculateNextWorkRequired / LWMACalculateNextWorkRequired /
Lwma3CalculateNextWorkRequired, src/pon/pon.cpp GetNextPONWorkRequired,
src/pon/pon-fork.cpp GetNextWorkRequiredByFork, src/chain.h GetMedianTimePast,
src/chainparams.cpp constants), sharing no code with the Rust implementation: Python
integers with explicit `% 2**256` where C++ arith_uint256 wraps.

Run:  python3 gen_difficulty.py > difficulty_cases.json   (deterministic, seeded)
"""
import json
import random

M256 = 1 << 256

NETS = {
    "main": dict(
        pow_limit=int("0007" + "f" * 60, 16),
        pon_limit=int("0f" + "f" * 62, 16),
        pon_start=int("000b" + "f" * 60, 16),
        spacing=120, fade=11, pon_window=30, min_diff=False,
        lwma=125000, e144=125100, acadia=250000, kamiooka=372500, pon=2020000,
    ),
    "test": dict(
        pow_limit=int("0e" + "f" * 62, 16),
        pon_limit=int("0f" + "f" * 62, 16),
        pon_start=int("7f" + "f" * 62, 16),
        spacing=60, fade=10, pon_window=60, min_diff=True,
        lwma=70, e144=140, acadia=210, kamiooka=280, pon=800,
    ),
}


def set_compact(bits):
    """SetCompact: (value, negative, overflow)."""
    size = bits >> 24
    word = bits & 0x007FFFFF
    if size <= 3:
        word >>= 8 * (3 - size)
        value = word
    else:
        value = (word << (8 * (size - 3))) % M256
    negative = word != 0 and (bits & 0x00800000) != 0
    overflow = word != 0 and (size > 34 or (word > 0xFF and size > 33) or (word > 0xFFFF and size > 32))
    return value, negative, overflow


def get_compact(value):
    size = (value.bit_length() + 7) // 8
    if size <= 3:
        compact = (value << (8 * (3 - size))) & 0xFFFFFFFF
    else:
        compact = (value >> (8 * (size - 3))) & 0xFFFFFFFF
    if compact & 0x00800000:
        compact >>= 8
        size += 1
    return (compact | (size << 24)) & 0xFFFFFFFF


def tgt(bits):
    return set_compact(bits)[0]


class Chain:
    def __init__(self, first_height, times, bits):
        self.first = first_height
        self.times = times
        self.bits = bits

    def has(self, h):
        return 0 <= h and self.first <= h < self.first + len(self.times)

    def time(self, h):
        assert self.has(h), h
        return self.times[h - self.first]

    def nbits(self, h):
        assert self.has(h), h
        return self.bits[h - self.first]

    def mtp(self, h):
        ts = []
        i = h
        while len(ts) < 11 and i >= 0:
            ts.append(self.time(i))
            i -= 1
        ts.sort()
        return ts[len(ts) // 2]


def c_div(a, b):
    """C++ integer division (truncates toward zero)."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def digishield(net, avg, last_mtp, first_mtp):
    span = 17 * net["spacing"]
    actual = last_mtp - first_mtp
    actual = span + c_div(actual - span, 4)
    lo = span * (100 - 16) // 100
    hi = span * (100 + 32) // 100
    actual = max(actual, lo)
    actual = min(actual, hi)
    new = (avg // span) * (actual & 0xFFFFFFFF) % M256
    new = min(new, net["pow_limit"])
    return get_compact(new)


def lwma(net, c, last):
    T, N = net["spacing"], 60
    k = N * (N + 1) * T // 2
    assert last > N
    t = 0
    s = 0
    for j, i in enumerate(range(last - N + 1, last + 1), start=1):
        st = c.time(i) - c.time(i - 1)
        st = max(-360, min(st, 6 * T))
        t += st * j
        s = (s + tgt(c.nbits(i)) // (k * N)) % M256
    if t < k // 10:
        t = k // 10
    nxt = (t % (1 << 64)) * s % M256
    return get_compact(min(nxt, net["pow_limit"]))


def lwma3(net, c, last):
    T, N = net["spacing"], 60
    k = N * (N + 1) * T // 2
    if last < N:
        return get_compact(net["pow_limit"])
    prev = c.time(last - N)
    t = 0
    s = 0
    prev_diff = 0
    for j, i in enumerate(range(last - N + 1, last + 1), start=1):
        this = c.time(i) if c.time(i) > prev else prev + 1
        st = min(6 * T, this - prev)
        prev = this
        t += st * j
        x = tgt(c.nbits(i))
        s = (s + x // (k * N)) % M256
        if i == last:
            prev_diff = x
    nxt = (t % (1 << 64)) * s % M256
    hi = (prev_diff * 150 % M256) // 100
    lo = (prev_diff * 67 % M256) // 100
    if nxt > hi:
        nxt = hi
    if lo > nxt:
        nxt = lo
    nxt = min(nxt, net["pow_limit"])
    return get_compact(nxt)


def pow_next(net, c, last, block_time):
    limit = get_compact(net["pow_limit"])
    e1 = net["e144"] + net["fade"] - 1
    if e1 - 1 < last < e1 + 61:
        return limit
    e2 = net["kamiooka"] + net["fade"] - 1
    if e2 - 1 < last < e2 + 64:
        full = tgt(lwma3(net, c, last))
        step = full >> 5
        mult = (e2 + 61 - last) % (1 << 64) % (1 << 32)
        full = (full + step * mult % M256) % M256
        if full > net["pow_limit"]:
            full = net["pow_limit"]
        return get_compact(full)
    if net["min_diff"] and block_time is not None and block_time > c.time(last) + 2 * net["spacing"]:
        return limit
    # walk 17 back
    total = 0
    h = last
    for _ in range(17):
        if h < 0:
            break
        total = (total + tgt(c.nbits(h))) % M256
        h -= 1
    first = last - 17
    if first < 0:
        return limit
    avg = total // 17
    height = last + 1
    if height < net["lwma"]:
        return digishield(net, avg, c.mtp(last), c.mtp(first))
    if height < net["acadia"]:
        return lwma(net, c, last)
    return lwma3(net, c, last)


def pon_next(net, c, last):
    A, W = net["pon"], net["pon_window"]
    start = get_compact(net["pon_start"])
    height = last + 1
    if height < A:
        return c.nbits(last)
    if height < A + W:
        return start
    first = last
    for _ in range(W - 1):
        first -= 1
        if first < A:
            return start
    actual = c.time(last) - c.time(first)
    target = (W - 1) * 30
    if actual < target * 4 // 5:
        actual = target * 4 // 5
    if actual > target * 5 // 4:
        actual = target * 5 // 4
    old, neg, ovf = set_compact(c.nbits(last))
    if neg or ovf or old == 0:
        return get_compact(net["pon_limit"])
    new = (old // target) * (actual & 0xFFFFFFFF) % M256
    if new > net["pon_limit"]:
        new = net["pon_limit"]
    if new == 0:
        new = net["pon_limit"]
    return get_compact(new)


def next_work(netname, height, c, block_time):
    net = NETS[netname]
    if height == 0:
        return get_compact(net["pow_limit"])
    if height >= net["pon"]:
        return pon_next(net, c, height - 1)
    return pow_next(net, c, height - 1, block_time)


def make_chain(rng, net, height, count, kind, era):
    """`count` headers ending at height-1 with jittered times and targets."""
    first = max(0, height - count)
    n = height - first
    if era == "pon":
        base = rng.choice([net["pon_start"], net["pon_limit"] >> rng.randint(0, 12)])
        spacing = 30
    else:
        base = net["pow_limit"] >> rng.randint(4, 40)
        spacing = net["spacing"]
    times, bits = [], []
    t = 1_600_000_000 + rng.randint(0, 10_000_000)
    for i in range(n):
        if kind == "constant":
            t += spacing
            b = get_compact(base)
        else:
            r = rng.random()
            if kind == "fast":
                t += rng.randint(1, spacing // 3)
            elif kind == "slow":
                t += rng.randint(spacing * 3, spacing * 12)
            elif r < 0.1:
                t -= rng.randint(0, 500)  # out-of-order timestamp
            elif r < 0.2:
                t += rng.randint(spacing * 4, spacing * 10)
            else:
                t += rng.randint(1, spacing * 3)
            b = get_compact(max(1, base * rng.randint(70, 130) // 100))
        times.append(t & 0xFFFFFFFF)
        bits.append(b)
    if kind == "badbits" and bits:
        bits[-1] = rng.choice([0x04923456, 0xff123456, 0x1f000000])
    return Chain(first, times, bits)


def main():
    rng = random.Random(0xF1C5)
    cases = []

    def add(netname, height, kinds=("random", "constant", "fast", "slow"), count=61, era="pow",
            reps=1, block_time_mode=None):
        net = NETS[netname]
        for kind in kinds:
            for _ in range(reps):
                c = make_chain(rng, net, height, count, kind, era)
                bt = None
                if block_time_mode is not None and c.times:
                    last_t = c.times[-1]
                    bt = {"over": last_t + 2 * net["spacing"] + 1,
                          "at": last_t + 2 * net["spacing"],
                          "early": last_t + 1}[block_time_mode]
                exp = next_work(netname, height, c, bt)
                cases.append({
                    "network": netname, "height": height, "kind": kind,
                    "block_time": bt, "first_height": c.first,
                    "times": c.times, "bits": ["%08x" % b for b in c.bits],
                    "expected": "%08x" % exp,
                })

    # mainnet PoW eras and boundaries
    for h in [1, 10, 17, 18, 28, 29, 1000, 60000, 124999]:
        add("main", h)
    for h in [125000, 125050, 125110, 125111, 125140, 125171, 125172, 200000, 249999]:
        add("main", h)
    for h in [250000, 300000, 372510, 372511, 372512, 372540, 372571, 372572, 372573, 372574,
              372575, 1000000, 2019999]:
        add("main", h)
    # mainnet PoN
    for h in [2020000, 2020001, 2020029, 2020030, 2020031, 2100000, 2996914]:
        add("main", h, kinds=("random", "constant", "fast", "slow", "badbits"), count=30,
            era="pon", reps=2)
    # testnet: every era, min-difficulty rule
    for h in [18, 40, 69, 70, 100, 149, 150, 180, 210, 211, 250, 289, 290, 320, 352, 353, 354,
              355, 500, 799]:
        add("test", h, reps=1)
        for mode in ("over", "at", "early"):
            add("test", h, kinds=("random",), block_time_mode=mode)
    for h in [800, 859, 860, 861, 2000]:
        add("test", h, kinds=("random", "constant", "fast", "slow", "badbits"), count=60,
            era="pon", reps=1)

    doc = {
        "about": "Expected nBits from flux-consensus/tests/data/gen_difficulty.py, an "
                 "independent Python re-implementation of fluxd's GetNextWorkRequiredByFork "
                 "(RunOnFlux/fluxd 2dfb5046b81c482914b93fa1caa0a7254c80bf64 src/pow.cpp, "
                 "src/pon/pon.cpp, src/pon/pon-fork.cpp). Headers are synthetic: "
                 "first_height, times and bits of consecutive headers ending at height-1.",
        "cases": cases,
    }
    print(json.dumps(doc, separators=(",", ":")))


if __name__ == "__main__":
    main()
