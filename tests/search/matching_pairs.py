"""Labelled claim pairs for the 'checked before?' matcher.

Each case: a claim, a paraphrase of it from another outlet (the same claim: it must match),
and a near miss (different figures, place or event worded alike: it must rank lower).
Written by hand for this project; 21 cases, 42 labelled pairs.
"""

from typing import NamedTuple


class Case(NamedTuple):
    claim: str
    same: str
    near_miss: str
    why: str  # what makes the near miss a different claim


CASES = [
    Case(
        "The Russian Volunteer Corps advanced 42 kilometres into Russia.",
        "Fighters penetrated 42 km into Russian territory, the group's leader said.",
        "Fighters penetrated 24 km into Russian territory, the group's leader said.",
        "24 km, not 42 km",
    ),
    Case(
        "The bridge cost 12 million euros to build.",
        "Construction of the bridge cost €12m.",
        "The bridge cost 21 million euros to build.",
        "a different sum",
    ),
    Case(
        "3,000 cars cross the bridge every day.",
        "Every day some 3000 vehicles drive across the bridge.",
        "300 cars cross the bridge every day.",
        "a tenth of the traffic",
    ),
    Case(
        "Unemployment rose to 7.2 percent in March.",
        "The jobless rate climbed to 7.2% in March.",
        "Unemployment rose to 2.7 percent in March.",
        "digits swapped",
    ),
    Case(
        "Two people were killed and eleven injured in the shelling of Belgorod.",
        "The shelling of Belgorod left 2 dead and 11 wounded.",
        "Twelve people were killed and eleven injured in the shelling of Belgorod.",
        "twelve dead, not two",
    ),
    Case(
        "The army says it shot down 18 drones over the Kursk region overnight.",
        "Air defences destroyed 18 UAVs over Kursk region during the night, the military said.",
        "The army says it shot down 81 drones over the Kursk region overnight.",
        "81 drones",
    ),
    Case(
        "The village of Kozinka was captured by the volunteers on Tuesday.",
        "Volunteers seized the settlement of Kozinka on Tuesday.",
        "The village of Glotovo was captured by the volunteers on Tuesday.",
        "another village",
    ),
    Case(
        "The library lent 48,000 books last year.",
        "Some 48000 books were borrowed from the library last year.",
        "The library lent 84,000 books last year.",
        "a different figure",
    ),
    Case(
        "The ferry carries 450 passengers per crossing.",
        "Each crossing of the ferry takes up to 450 passengers.",
        "The ferry carries 150 passengers per crossing.",
        "a different capacity",
    ),
    Case(
        "The governor ordered the evacuation of 9 villages near the border.",
        "Residents of nine villages close to the frontier were told to evacuate by the governor.",
        "The governor ordered the evacuation of 19 villages near the border.",
        "19 villages",
    ),
    Case(
        "Inflation fell to 3.1 per cent in October.",
        "Consumer price inflation dropped to 3.1% in October.",
        "Inflation fell to 3.1 per cent in December.",
        "another month",
    ),
    Case(
        "The new hospital will have 600 beds.",
        "A 600-bed hospital is to be built.",
        "The new school will have 600 pupils.",
        "a school, not a hospital",
    ),
    Case(
        "Police arrested 35 protesters outside parliament.",
        "35 demonstrators were detained by police in front of parliament.",
        "Police arrested 53 protesters outside parliament.",
        "53 arrests",
    ),
    Case(
        "The company cut 1,200 jobs in Germany.",
        "1200 German jobs were cut by the company.",
        "The company cut 1,200 jobs in France.",
        "another country",
    ),
    Case(
        "Turnout in the referendum was 64 percent.",
        "64% of voters took part in the referendum.",
        "Turnout in the referendum was 46 percent.",
        "46 percent",
    ),
    Case(
        "A missile strike hit a power plant in Kharkiv on Monday.",
        "On Monday a rocket attack struck a Kharkiv power station.",
        "A missile strike hit a power plant in Odesa on Monday.",
        "another city",
    ),
    Case(
        "The dam holds back 18 million cubic metres of water.",
        "Some 18m cubic metres of water are held back by the dam.",
        "The dam holds back 8 million cubic metres of water.",
        "8 million",
    ),
    Case(
        "Wolves killed 40 sheep in the valley this spring.",
        "Forty sheep were killed by wolves in the valley this spring.",
        "Wolves killed 40 cows in the valley this spring.",
        "cows, not sheep",
    ),
    Case(
        "The minister said the tunnel will open in 2027.",
        "According to the minister, the tunnel opens in 2027.",
        "The minister said the tunnel will open in 2029.",
        "another year",
    ),
    Case(
        "Russian troops crossed the border near Shebekino with 30 tanks.",
        "Thirty tanks and Russian soldiers crossed the frontier close to Shebekino.",
        "Russian troops crossed the border near Shebekino with 13 tanks.",
        "13 tanks",
    ),
    Case(
        "The fire destroyed 120 homes in the north of the island.",
        "120 houses were destroyed by the blaze in the island's north.",
        "The fire destroyed 120 homes in the south of the island.",
        "south, not north",
    ),
]

PAIRS = [(c.claim, c.same, True) for c in CASES] + [(c.claim, c.near_miss, False) for c in CASES]
