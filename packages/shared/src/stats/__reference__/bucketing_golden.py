"""Writes packages/shared/src/golden/bucketing.json from an implementation independent of the
TypeScript one: FNV-1a over UTF-8 bytes (as published by Fowler, Noll and Vo), then the
MurmurHash3 32-bit finalizer (fmix32, as published by Austin Appleby) to spread the bits.

Run from the repository root:  python3 packages/shared/src/stats/__reference__/bucketing_golden.py
"""
import json

def fnv1a32(text):
    h = 0x811C9DC5
    for byte in text.encode("utf-8"):
        h ^= byte
        h = (h * 0x01000193) % 2**32
    return h

def fmix32(h):
    h ^= h >> 16
    h = (h * 0x85EBCA6B) % 2**32
    h ^= h >> 13
    h = (h * 0xC2B2AE35) % 2**32
    h ^= h >> 16
    return h

def unit(seed, visitor):
    return fmix32(fnv1a32(f"{seed}:{visitor}")) / 2**32

def usable(w):
    return w if isinstance(w, (int, float)) and w > 0 and w != float("inf") else 0

def pick_arm(seed, visitor, traffic, weights):
    if not unit(f"{seed}:traffic", visitor) < traffic:
        return -1
    total = 0
    for w in weights:
        total += usable(w)
    if total <= 0:
        return -1
    target = unit(seed, visitor) * total
    cumulative, last = 0, -1
    for i, w in enumerate(weights):
        w = usable(w)
        if w <= 0:
            continue
        cumulative += w
        last = i
        if target < cumulative:
            return i
    return last

cases = [
    ("hero-test", "v-1", 1, [1, 1]),
    ("hero-test", "v-2", 1, [1, 1]),
    ("hero-test", "v-3", 1, [1, 1]),
    ("hero-test", "v-4", 1, [1, 1]),
    ("hero-test", "v-5", 1, [1, 1]),
    ("hero-test", "v-6", 1, [1, 1]),
    ("hero-test", "v-7", 1, [1, 1]),
    ("hero-test", "v-8", 1, [1, 1]),
    ("hero-test", "v-9", 1, [1, 1]),
    ("hero-test", "v-10", 1, [1, 1]),
    ("hero-test", "v-1", 0.5, [1, 1]),
    ("hero-test", "v-2", 0.5, [1, 1]),
    ("hero-test", "v-3", 0.5, [1, 1]),
    ("hero-test", "v-4", 0.5, [1, 1]),
    ("hero-test", "v-5", 0.5, [1, 1]),
    ("hero-test", "v-6", 0.5, [1, 1]),
    ("hero-test", "v-1", 0, [1, 1]),
    ("hero-test", "v-7", 0.2, [1, 1]),
    ("hero-test", "v-8", 0.2, [1, 1]),
    ("hero-test", "v-9", 0.2, [1, 1]),
    ("hero-test", "v-10", 0.2, [1, 1]),
    ("sort-test", "9f1c2e7a-0b3d-4c55-8e21-6a7b8c9d0e1f", 1, [1, 2, 7]),
    ("sort-test", "4d2a6b10-77aa-4e0b-9c3d-1f2e3a4b5c6d", 1, [1, 2, 7]),
    ("sort-test", "0c9d8e7f-6a5b-4c3d-2e1f-0a9b8c7d6e5f", 1, [1, 2, 7]),
    ("sort-test", "b7e6d5c4-b3a2-4918-8f7e-6d5c4b3a2918", 1, [1, 2, 7]),
    ("sort-test", "visitor-with-a-long-id-0000000000000000000000000000", 1, [1, 2, 7]),
    ("three-way", "v-10", 1, [0.2, 0.3, 0.5]),
    ("three-way", "v-11", 1, [0.2, 0.3, 0.5]),
    ("three-way", "v-12", 1, [0.2, 0.3, 0.5]),
    ("three-way", "v-13", 1, [0.2, 0.3, 0.5]),
    ("three-way", "v-14", 0.9, [0.2, 0.3, 0.5]),
    ("zero-arm", "v-20", 1, [1, 0, 1]),
    ("zero-arm", "v-21", 1, [1, 0, 1]),
    ("zero-arm", "v-22", 1, [1, 0, 1]),
    ("zero-arm", "v-23", 1, [0, 0, 1]),
    ("zero-arm", "v-24", 1, [0, 0, 0]),
    ("single", "v-30", 1, [5]),
    ("single", "v-31", 0.25, [5]),
    ("unicode", "visiteur-é", 1, [1, 1]),
    ("unicode", "访客-42", 1, [1, 1]),
    ("unicode", "🛒-cart", 1, [1, 1]),
    ("", "", 1, [1, 1]),
    ("", "v-40", 1, [1, 1]),
    ("holdout", "v-41", 0.05, [1]),
    ("holdout", "v-42", 0.05, [1]),
    ("holdout", "v-43", 0.95, [1]),
    ("big-weights", "v-50", 1, [1000000, 1, 1]),
    ("big-weights", "v-51", 1, [1, 1000000, 1]),
    ("tiny-weights", "v-52", 1, [1e-9, 3e-9]),
    ("ten-arms", "v-60", 1, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]),
    ("ten-arms", "v-61", 0.3, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]),
]

vectors = []
for seed, visitor, traffic, weights in cases:
    vectors.append({
        "seed": seed,
        "visitor": visitor,
        "hash": fnv1a32(f"{seed}:{visitor}"),
        "mixed": fmix32(fnv1a32(f"{seed}:{visitor}")),
        "unit": unit(seed, visitor),
        "trafficUnit": unit(f"{seed}:traffic", visitor),
        "traffic": traffic,
        "weights": weights,
        "arm": pick_arm(seed, visitor, traffic, weights),
    })

doc = {
    "description": "Experiment bucketing test vectors: hash = FNV-1a 32 of UTF-8 `${seed}:${visitor}`, mixed = MurmurHash3 fmix32(hash), unit = mixed / 2^32, trafficUnit = unit of (`${seed}:traffic`, visitor), arm = pickArm(seed, visitor, traffic, weights) (-1 = not enrolled). Every implementation must reproduce them.",
    "source": "python3 packages/shared/src/stats/__reference__/bucketing_golden.py",
    "vectors": vectors,
}
with open("packages/shared/src/golden/bucketing.json", "w", encoding="utf-8") as f:
    json.dump(doc, f, indent=2, ensure_ascii=False)
    f.write("\n")
print(len(vectors), "vectors;", sum(1 for v in vectors if v["arm"] == -1), "outside")
