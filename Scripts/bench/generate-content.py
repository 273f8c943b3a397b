#!/usr/bin/env python3
"""Writes a synthetic academy content tree for benchmarks: N modules of 5 two-minute videos with
captions (WebVTT, about 25 cues each) and a step plan of 10 steps, plus the catalog that lists them.

    generate-content.py OUT_DIR [--modules 2000]
"""
import argparse
import os

WORDS = ("de bordsessie het team leerlingen doelen acties voortgang samen elke dag een beetje beter "
         "lesontwerp lesbezoek feedback schoolcoach schoolleiding successen vieren ritme ambitie").split()


def timestamp(ms):
    return f"{ms // 60000:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def line(seed, limit=38):
    words, index = [], seed
    while True:
        word = WORDS[index % len(WORDS)]
        if len(" ".join(words + [word])) > limit:
            return " ".join(words)
        words.append(word)
        index += 7


def captions(seed):
    lines = ["WEBVTT", ""]
    start = 1000
    for cue in range(25):
        lines += [f"{cue + 1}", f"{timestamp(start)} --> {timestamp(start + 4200)}", line(seed + cue), line(seed + cue + 3), ""]
        start += 4200
    return "\n".join(lines)


def module(number, ident):
    videos, steps = [], []
    for v in range(5):
        vid = f"{ident}-video-{v + 1}"
        videos.append(f"""  <video id="{vid}" duration="PT2M">
    <title>Video {v + 1} van module {number}</title>
    <title xml:lang="en">Video {v + 1} of module {number}</title>
    <summary>Wat deze video laat zien over de aanpak.</summary>
    <summary xml:lang="en">What this video shows about the approach.</summary>
    <source src="{vid}.webm" type="video/webm"/>
    <source src="{vid}.mp4" type="video/mp4"/>
    <poster src="{vid}.jpg"/>
    <captions xml:lang="nl" src="captions/{vid}.nl.vtt"/>
  </video>""")
    for s in range(10):
        steps.append(f"""    <step id="{ident}-step-{s + 1}" role="leraar" minutes="10">
      <title>Stap {s + 1}</title>
      <body>Doe deze stap samen met je collega's en leg vast wat jullie afspreken.</body>
      <need>Een whiteboard</need>
      <see video="{ident}-video-{s % 5 + 1}" at="PT{s + 1}S"/>
    </step>""")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<module xmlns="urn:academy:module:1" id="{ident}" number="{number}" version="1" xml:lang="nl">
  <title>Module {number}</title>
  <title xml:lang="en">Module {number}</title>
  <summary>Een synthetische module om het valideren te meten.</summary>
  <summary xml:lang="en">A synthetic module to measure validation.</summary>
  <instrument ref="bordsessie"/>
  <audience>leraar schoolcoach</audience>
  <estimatedMinutes>25</estimatedMinutes>
{"".join(f'  <requires module="module-{number - 1}"/>{chr(10)}' if number > 1 else "")}{chr(10).join(videos)}
  <stepPlan id="{ident}-plan">
    <title>Stappenplan {number}</title>
    <title xml:lang="en">Step plan {number}</title>
{chr(10).join(steps)}
  </stepPlan>
  <completion videoThreshold="0.9" videos="all" steps="all"/>
</module>
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--modules", type=int, default=2000)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    entries = []
    for number in range(1, args.modules + 1):
        ident = f"module-{number}"
        folder = f"{number:04d}-{ident}"
        os.makedirs(os.path.join(args.out, folder, "captions"), exist_ok=True)
        with open(os.path.join(args.out, folder, "module.xml"), "w") as handle:
            handle.write(module(number, ident))
        for v in range(5):
            with open(os.path.join(args.out, folder, "captions", f"{ident}-video-{v + 1}.nl.vtt"), "w") as handle:
                handle.write(captions(number + v))
        entries.append(f'    <module ref="{ident}" folder="{folder}"/>')
    track = "\n".join(f'    <module ref="module-{n}"/>' for n in range(1, args.modules + 1))
    with open(os.path.join(args.out, "academy.xml"), "w") as handle:
        handle.write(f"""<?xml version="1.0" encoding="UTF-8"?>
<academy xmlns="urn:academy:catalog:1" id="bench" version="1" xml:lang="nl">
  <title>Benchmark</title>
  <title xml:lang="en">Benchmark</title>
  <summary>Synthetische inhoud.</summary>
  <summary xml:lang="en">Synthetic content.</summary>
  <instrument id="bordsessie">
    <title>Bordsessie</title>
    <title xml:lang="en">Board session</title>
  </instrument>
  <modules>
{chr(10).join(entries)}
  </modules>
  <track id="alles" role="leraar">
    <title>Alles</title>
    <title xml:lang="en">Everything</title>
{track}
  </track>
</academy>
""")


if __name__ == "__main__":
    main()
