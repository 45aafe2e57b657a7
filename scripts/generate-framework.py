#!/usr/bin/env python3
"""Writes a synthetic career framework for benchmarks: TRACKS x LEVELS roles, one file each,
AREAS areas of BEHAVIOURS behaviours with inline Markdown, a summary, abilities and assignments.
Seeded, so the same arguments always give the same files.

usage: generate-framework.py OUT TRACKS LEVELS AREAS BEHAVIOURS [SEED]
"""
import os
import random
import shutil
import sys

out, tracks, levels, areas, behaviours = sys.argv[1], *map(int, sys.argv[2:6])
rng = random.Random(int(sys.argv[6]) if len(sys.argv) > 6 else 7)

verbs = "lead design review plan ship test measure mentor explain decide improve document automate negotiate prioritise".split()
nouns = ("services systems features releases incidents experiments roadmaps interviews metrics budgets hiring "
         "onboarding dashboards contracts migrations retrospectives standards reviews prototypes launches").split()
# About 4,000 made-up words: a real framework of this size uses thousands of distinct words.
syllables = [f"{c}{v}" for c in "bcdfghklmnprstvz" for v in "aeiou"]
vocabulary = sorted({rng.choice(syllables) + rng.choice(syllables) + rng.choice("nrstlk") for _ in range(6000)})


weights = [1 / (rank + 1) for rank in range(len(vocabulary))]


def phrase(n):
    # Zipf-like: a few words are common and most are rare, as in real prose.
    return " ".join(rng.choices(vocabulary, weights=weights, k=n))


def behaviour():
    text = f"I {rng.choice(verbs)} {rng.choice(nouns)} {phrase(rng.randint(4, 9))}"
    marks = rng.random()
    if marks < 0.2:
        text += f" with *{phrase(1)}*"
    elif marks < 0.3:
        text += f" using `{phrase(1)}`"
    elif marks < 0.35:
        text += f" ([guide](https://example.com/{phrase(1)}))"
    return text


shutil.rmtree(out, ignore_errors=True)
os.makedirs(f"{out}/abilities")
os.makedirs(f"{out}/assignments")
ability_names = [f"ability-{i:02d}" for i in range(16)]
for i, name in enumerate(ability_names):
    with open(f"{out}/abilities/{name}.md", "w") as f:
        f.write(f"---\ntitle: Ability {i}\ncategory: Group {i % 4}\n---\n")
        for m in range(1, 6):
            f.write(f"## Milestone {m}\n\n- {behaviour()}\n\n")
assignment_names = [f"duty-{i:02d}" for i in range(12)]
for i, name in enumerate(assignment_names):
    with open(f"{out}/assignments/{name}.md", "w") as f:
        service = f"in_service_to: Team {i}\n" if i % 2 else ""
        f.write(f"---\ntitle: Duty {i}\n{service}abilities: {{ {ability_names[i]}: 2 }}\n---\n{phrase(12)}.\n")
with open(f"{out}/framework.yml", "w") as f:
    f.write("title: Synthetic framework\n")

for t in range(tracks):
    os.makedirs(f"{out}/track-{t:02d}")
    for level in range(1, levels + 1):
        needs = ", ".join(f"{a}: {min(5, 1 + level // 2)}" for a in rng.sample(ability_names, 4))
        with open(f"{out}/track-{t:02d}/{level:02d}-role.md", "w") as f:
            f.write(f'---\nlevel: "{level}"\neligibility_miles: "+10%"\n'
                    f"abilities: {{ required: {{ {needs} }} }}\n"
                    f"assignments: {{ required: [{rng.choice(assignment_names)}], common: [{rng.choice(assignment_names)}] }}\n---\n")
            f.write(f"# Track {t} role {level}\n\n> {phrase(20)}.\n\n{phrase(30)}.\n\n")
            for a in range(areas):
                f.write(f"## Area {a} {{#area-{a}}}\n\n")
                for _ in range(behaviours):
                    f.write(f"- {behaviour()}\n")
                f.write("\n")
print(f"{out}: {tracks * levels} roles, {tracks * levels * areas * behaviours} behaviours")
