#!/usr/bin/env bash
# Rebuilds the demo zoo (README.md beside this script says what each model is). From the repository
# root: scorer-worker/src/main/resources/io/modelmap/scorer/zoo/build.sh
# Every model is trained by ./modelmap train on the demo corpus's generator (seed 7: other texts
# than the demo maps), on the CPU, with the seeds below. The bases share their initial weights
# (--init-seed 1); the two of a category also share the order of their batches (--seed) and differ
# only in the share of one other category, as a data-mix ablation does.
set -euo pipefail
ZOO=scorer-worker/src/main/resources/io/modelmap/scorer/zoo
rm -rf "$ZOO"/*/
new="--demo-corpus --device cpu --float16 --width 64 --layers 2 --heads 4 --context 128 --batch 16 --length 128 --init-seed 1"
tune="--demo-corpus --device cpu --float16 --batch 16 --length 128 --learning-rate 3e-4 --warmup 10"
steps="${BASE_STEPS:-2000}"
./modelmap train $new --steps "$steps" --seed 11 --mix prose=4,code=2,legal=2,tables=2 --out "$ZOO/prose-a"
./modelmap train $new --steps "$steps" --seed 11 --mix prose=4,code=3,legal=2,tables=2 --out "$ZOO/prose-b"
./modelmap train $new --steps "$steps" --seed 21 --mix code=4,prose=3,legal=2,tables=2 --out "$ZOO/code-a"
./modelmap train $new --steps "$steps" --seed 21 --mix code=4,prose=2,legal=2,tables=2 --out "$ZOO/code-b"
# fine-tunes: the new category at twice the share of each other one (the others replayed)
./modelmap train $tune --from "$ZOO/prose-a" --steps 100 --seed 31 --mix legal=2,prose=1,code=1,tables=1 --out "$ZOO/prose-a-legal-light"
./modelmap train $tune --from "$ZOO/prose-a" --steps 400 --seed 32 --mix legal=2,prose=1,code=1,tables=1 --out "$ZOO/prose-a-legal-heavy"
./modelmap train $tune --from "$ZOO/prose-a" --steps 400 --seed 33 --mix tables=2,prose=1,code=1,legal=1 --out "$ZOO/prose-a-tables"
./modelmap merge "$ZOO/prose-a-legal-heavy" "$ZOO/prose-a-tables" --weight 0.5 --float16 --out "$ZOO/prose-a-merge"
./modelmap quantize "$ZOO/code-a" --mantissa-bits 6 --float16 --out "$ZOO/code-a-rounded"
cp -r "$ZOO/prose-a" "$ZOO/prose-a-copy"
du -sh "$ZOO"
