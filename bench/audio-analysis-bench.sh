#!/usr/bin/env bash
# audio-service's analyser: seconds of analysis per minute of audio, per format (WAV, FLAC, MP3, Ogg
# Vorbis) on one 60 s, 44.1 kHz stereo recording of espeak-ng speech made here, then what
# pocketsphinx adds for the transcript (16 kHz mono of the same recording). Prints the load average
# before and after: other work on the machine shares its cores. Needs sox, espeak-ng and (for the
# transcript line) pocketsphinx + pocketsphinx-en-us. LV_BENCH_ROUNDS (2): timed runs per format,
# after one warm-up.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -n "${LV_BENCH_NO_BUILD:-}" ]] || ./mvnw -B -q -pl audio-service -am package -DskipTests
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
text="Good morning everyone. Today we look at how sound travels through air, why some rooms echo, and \
how a microphone turns pressure into a signal that a computer can measure. "
espeak-ng -v en-us -s 150 -w "$work/line.wav" "$text$text$text$text$text$text$text"
sox "$work/line.wav" -r 44100 -c 2 -b 16 "$work/take.wav" trim 0 60
for f in flac mp3 ogg; do sox "$work/take.wav" "$work/take.$f"; done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "audio-service/target/classes:audio-service/target/quarkus-app/lib/main/*" \
  bench/audio-analysis-bench.java "${LV_BENCH_ROUNDS:-2}" \
  "WAV:audio/wav:$work/take.wav" "FLAC:audio/flac:$work/take.flac" \
  "MP3:audio/mpeg:$work/take.mp3" "OGG:audio/ogg:$work/take.ogg"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
