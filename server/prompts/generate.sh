#!/bin/sh
# Regenerates the default prompts and the hold tune that ship with kefu (committed, so a site
# needs neither tool). Needs espeak-ng and sox (apt-get install -y espeak-ng sox).
# Every file is 8 kHz mono G.711 u-law WAV: the carrier's own codec, a few kilobytes a second.
set -eu
cd "$(dirname "$0")"

say() { # language voice name text
  mkdir -p "$1"
  espeak-ng -v "$2" -s 150 -w "/tmp/kefu-prompt-$$.wav" "$4"
  sox "/tmp/kefu-prompt-$$.wav" -r 8000 -c 1 -e u-law "$1/$3.wav" norm -3
  rm -f "/tmp/kefu-prompt-$$.wav"
}

say en en-us welcome "Thank you for calling. All our agents are busy. Please hold, and the next free agent will answer."
say en en-us closed "Thank you for calling. We are closed now. Please call again during our opening hours."
say en en-us busy "Sorry, all our lines are busy. Please call again later."
for n in 1 2 3 4 5 6 7 8 9; do say en en-us "position-$n" "You are number $n in the queue."; done
say en en-us position-many "There are more than nine callers ahead of you."

say zh-CN cmn welcome "感谢您的来电。座席正忙，请稍候，我们将尽快为您接通。"
say zh-CN cmn closed "感谢您的来电。现在是非工作时间，请在工作时间再次来电。"
say zh-CN cmn busy "抱歉，线路正忙，请稍后再拨。"
for n in 1 2 3 4 5 6 7 8 9; do say zh-CN cmn "position-$n" "您前面还有 $n 位来电者。"; done
say zh-CN cmn position-many "您前面的来电者超过九位。"

# The hold tune: a slow arpeggio over a soft pad, made from sine tones (no one else's music).
mkdir -p music
notes="C4 E4 G4 C5 A3 C4 E4 A4 F3 A3 C4 F4 G3 B3 D4 G4"
parts=""
i=0
for note in $notes; do
  sox -n -r 8000 -c 1 "/tmp/kefu-note-$$-$i.wav" synth 0.5 sine "$note" fade q 0.02 0.5 0.2 vol 0.4
  parts="$parts /tmp/kefu-note-$$-$i.wav"
  i=$((i + 1))
done
sox $parts "/tmp/kefu-tune-$$.wav"
sox "/tmp/kefu-tune-$$.wav" -r 8000 -c 1 -e u-law music/hold.wav repeat 1 norm -6
rm -f /tmp/kefu-note-$$-*.wav "/tmp/kefu-tune-$$.wav"
