#!/usr/bin/env python3
"""Simulated stations: posts realistic reviews and POS transactions to edge agents' capture APIs.

Usage: simulate_station.py --ports 8470,8471 [--events N] [--seed S] [--token T]
Prints one summary line per agent. Standard library only.
"""
import argparse, json, random, sys, urllib.request

REVIEWS = {
    "fuel": [(1, "Attente trop longue à la pompe, une seule pompe marche"), (5, "Pompiste très accueillant, merci"),
             (2, "Le compteur ne me semble pas honnête"), (4, "Service rapide"), (None, "a ka di kosɛbɛ"),
             (1, "Rupture de gasoil encore une fois !!!"), (3, "Correct sans plus")],
    "shop": [(5, "Boutique propre et bien rangée"), (2, "Trop cher pour ce que c'est"), (4, "Bon café"),
             (1, "Pas de pain, rupture"), (None, "The staff was friendly and quick")],
    "wash": [(5, "Lavage impeccable"), (1, "Ma voiture est rayée après le lavage"), (2, "Attente de 40 minutes"),
             (4, "Bon travail, prix correct")],
    "gas": [(1, "Bouteille pas pleine, poids insuffisant"), (5, "Échange de bouteille rapide"),
            (2, "gaz tɛ yen, a man di"), (1, "Odeur de fuite sur la bouteille, dangereux")],
}
PRODUCTS = {"fuel": ["gasoil", "super"], "shop": ["pain", "eau", "café"], "wash": ["lavage-complet"], "gas": ["butane-6kg", "butane-12kg"]}

def post(port, path, body, token=None):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ports", required=True)
    ap.add_argument("--events", type=int, default=40)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--token")
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    for port in [int(p) for p in a.ports.split(",")]:
        ok = bad = 0
        for _ in range(a.events):
            service = rnd.choice(list(REVIEWS))
            if rnd.random() < 0.5:
                rating, text = rnd.choice(REVIEWS[service])
                body = {"service": service, "channel": rnd.choice(["kiosk", "pos", "attendant"]), "text": text}
                if rating: body["rating"] = rating
                s = post(port, "/v1/reviews", body, a.token)
            else:
                body = {"service": service, "amount_xof": rnd.choice([1500, 5000, 12500, 25000]),
                        "product": rnd.choice(PRODUCTS[service]), "wait_seconds": rnd.randint(20, 1500),
                        "payment": rnd.choice(["cash", "mobile_money", "card", "fleet_card"])}
                s = post(port, "/v1/transactions", body, a.token)
            ok += s == 201
            bad += s != 201
        print(f"station on :{port}: {ok} captures accepted, {bad} refused", file=sys.stderr)
    return 0

if __name__ == "__main__":
    sys.exit(main())
