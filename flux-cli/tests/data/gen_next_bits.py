"""Writes next_bits.json: one case per (network, height) of
flux-consensus/tests/data/difficulty_cases.json (the first listed), as the JSON input of
`flux chain next-bits`. Run from this directory:
python3 gen_next_bits.py > next_bits.json"""
import json

doc = json.load(open("../../../flux-consensus/tests/data/difficulty_cases.json"))
seen, out = set(), []
for c in doc["cases"]:
    key = (c["network"], c["height"])
    if key in seen:
        continue
    seen.add(key)
    headers = [
        {"height": c["first_height"] + i, "time": t, "bits": b}
        for i, (t, b) in enumerate(zip(c["times"], c["bits"]))
    ]
    out.append({
        "network": c["network"],
        "height": c["height"],
        "block_time": c["block_time"],
        "headers": headers,
        "expected": c["expected"],
    })
print(json.dumps({"about": "One case per network and height of flux-consensus/tests/data/difficulty_cases.json (" + doc["about"] + ")", "cases": out}, separators=(",", ":")))
