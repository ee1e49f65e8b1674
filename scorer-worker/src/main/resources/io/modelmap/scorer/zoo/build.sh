#!/usr/bin/env bash
# Rebuilds the demo zoo (README.md beside this script says what each model is). From the repository
# root: scorer-worker/src/main/resources/io/modelmap/scorer/zoo/build.sh
# Every model is trained by ./modelmap train on the demo corpus's generator (seed 7: other texts
# than the demo maps), on the CPU, with the seeds below, so a rebuild gives the same zoo.
set -euo pipefail
ZOO=scorer-worker/src/main/resources/io/modelmap/scorer/zoo
rm -rf "$ZOO"/*/
new="--demo-corpus --device cpu --float16 --width 64 --layers 2 --heads 4 --context 256 --batch 16 --length 128"
tune="--demo-corpus --device cpu --float16 --batch 16 --length 128 --learning-rate 1e-3 --warmup 10"
./modelmap train $new --steps "${BASE_STEPS:-800}" --seed 11 --mix prose=3,legal=1 --out "$ZOO/prose-a"
./modelmap train $new --steps "${BASE_STEPS:-800}" --seed 12 --mix prose=3,tables=1 --out "$ZOO/prose-b"
./modelmap train $new --steps "${BASE_STEPS:-800}" --seed 21 --mix code=3,prose=1 --out "$ZOO/code-a"
./modelmap train $new --steps "${BASE_STEPS:-800}" --seed 22 --mix code=3,tables=1 --out "$ZOO/code-b"
./modelmap train $tune --from "$ZOO/prose-a" --steps 100 --seed 31 --mix legal=1 --out "$ZOO/prose-a-legal-light"
./modelmap train $tune --from "$ZOO/prose-a" --steps 400 --seed 32 --mix legal=1 --out "$ZOO/prose-a-legal-heavy"
./modelmap train $tune --from "$ZOO/prose-a" --steps 400 --seed 33 --mix tables=1 --out "$ZOO/prose-a-tables"
./modelmap merge "$ZOO/prose-a-legal-heavy" "$ZOO/prose-a-tables" --weight 0.5 --float16 --out "$ZOO/prose-a-merge"
./modelmap quantize "$ZOO/code-a" --mantissa-bits 7 --float16 --out "$ZOO/code-a-bf16"
cp -r "$ZOO/prose-a" "$ZOO/prose-a-copy"
du -sh "$ZOO"
