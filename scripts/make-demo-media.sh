#!/usr/bin/env bash
# Generates the synthetic demo call recordings in media/demo/ (see media/demo/README.md).
# Every clip is drawn and voiced by ffmpeg's lavfi sources, so the set is reproducible and free of
# real people. Re-running regenerates every clip in place; `npm run media:demo` calls this script.
set -euo pipefail

readonly ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly OUT_DIR="${ROOT_DIR}/media/demo"
readonly MAX_TOTAL_BYTES=$((10 * 1024 * 1024))
readonly FONT_SANS=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
readonly FONT_MONO=/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf
readonly FPS=15
# Fixed thread count, because the encoders' output depends on it: the same bytes on every run and
# machine (given the same ffmpeg build).
# (For the same reason x264 runs without VBV: VBV with frame threads is not repeatable.)
readonly THREADS=2

die() {
  echo "make-demo-media: $*" >&2
  exit 1
}

for tool in ffmpeg ffprobe; do
  command -v "$tool" >/dev/null 2>&1 ||
    die "'$tool' not found on PATH. Install ffmpeg (e.g. 'sudo apt-get install ffmpeg' or 'brew install ffmpeg') and re-run."
done
for font in "$FONT_SANS" "$FONT_MONO"; do
  [[ -r "$font" ]] || die "font '$font' not found. Install the DejaVu fonts (Debian/Ubuntu: 'sudo apt-get install fonts-dejavu-core')."
done
# Captured first: piping into `grep -q` would SIGPIPE ffmpeg and trip pipefail.
ffmpeg_encoders=$(ffmpeg -hide_banner -encoders 2>/dev/null)
ffmpeg_filters=$(ffmpeg -hide_banner -filters 2>/dev/null)
for encoder in libvpx libvpx-vp9 libopus libx264 aac; do
  grep -qE "^ [A-Z.]{6} ${encoder} " <<<"$ffmpeg_encoders" ||
    die "this ffmpeg has no '${encoder}' encoder; install a full build (Debian/Ubuntu package 'ffmpeg')."
done
grep -qE ' drawtext ' <<<"$ffmpeg_filters" ||
  die "this ffmpeg has no 'drawtext' filter (built without libfreetype); install a full build."

# One line per clip, fields separated by '|':
#   file | seconds | video codec | call topic | agent | customer | agent tile | customer tile |
#   agent pitch Hz | customer pitch Hz | seconds per turn pair | agent share of a turn pair |
#   agent shirt | customer shirt | agent skin | customer skin
# Durations are all different so tests can tell the clips apart by duration alone.
readonly CLIPS=(
  '01-billing-dispute.webm|47|vp9|Billing dispute · double charge on invoice 4471|Dana Whitfield|Marco Rossi|0x2b4c7e|0x7a4a2a|205|118|11|0.55|0x1f2a44|0x3d5a3a|0xe0b49a|0xc8946e'
  '02-password-reset.mp4|22|h264|Password reset · locked out after MFA change|Dana Whitfield|Priya Natarajan|0x2b4c7e|0x5b3a70|205|232|8|0.5|0x1f2a44|0x8a2d4a|0xe0b49a|0xa8734f'
  '03-delivery-delay.webm|38|vp8|Delivery delay · parcel stuck at depot|Sam Okafor|Helen Brandt|0x2f6b5a|0x6e5f2b|128|214|10|0.45|0x23303a|0x5a2d6e|0x9c6b4a|0xf0c8ae'
  '04-plan-upgrade.mp4|75|h264|Plan upgrade · moving the team to Business|Sam Okafor|Kenji Watanabe|0x2f6b5a|0x344a80|128|140|13|0.6|0x23303a|0x2d2d2d|0x9c6b4a|0xdcb48c'
  '05-refund-request.webm|31|vp9|Refund request · damaged headphones|Dana Whitfield|Lucia Fernandez|0x2b4c7e|0x803a3a|205|246|9|0.5|0x1f2a44|0x2a6a7a|0xe0b49a|0xc89a78'
  '06-cancellation-retention.mp4|58|h264|Cancellation · customer moving to a competitor|Sam Okafor|Tom Gallagher|0x2f6b5a|0x4d5560|128|105|12|0.5|0x23303a|0x6a4a1a|0x9c6b4a|0xe8c0a0'
  '07-technical-outage.webm|86|vp8|Technical outage · dashboard not loading since 9 am|Dana Whitfield|Amara Nwosu|0x2b4c7e|0x2d6e6e|205|196|14|0.45|0x1f2a44|0xa0522d|0xe0b49a|0x7a5238'
  '08-address-change.mp4|27|h264|Address change · verifying a new shipping address|Sam Okafor|Ingrid Larsen|0x2f6b5a|0x6a2d55|128|225|9|0.55|0x23303a|0x3a5a8a|0x9c6b4a|0xf2d0b8'
)

WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/tapeline-demo-media.XXXXXX")"
readonly WORK_DIR
trap 'rm -rf "$WORK_DIR"' EXIT

# A voice-like signal for one speaker: a buzzy harmonic tone whose pitch drifts and whose vowel colour
# changes, chopped into ~4 syllables a second and into words, audible only during that speaker's turns.
voice_expr() {
  local pitch=$1 gate=$2 seed=$3
  local phase="${pitch}*(t-0.08*cos(2*PI*0.9*t+${seed})/(2*PI*0.9)-0.03*cos(2*PI*5.5*t)/(2*PI*5.5))"
  local vowel="(0.5+0.5*sin(2*PI*2.3*t+${seed}))"
  local tone="sin(2*PI*${phase})+0.7*${vowel}*sin(4*PI*${phase})+0.5*(1-${vowel})*sin(6*PI*${phase})+0.3*${vowel}*sin(8*PI*${phase})+0.15*sin(10*PI*${phase})"
  local syllables="pow(abs(sin(PI*(4.2*t+0.6*sin(2*PI*0.7*t+${seed})))),0.7)"
  local words="gt(sin(2*PI*0.53*t+${seed})+sin(2*PI*0.21*t+2*${seed}),-1.1)"
  local loudness="(0.6+0.4*sin(2*PI*0.31*t+${seed}))"
  echo "0.22*(${gate})*${words}*${syllables}*${loudness}*(${tone})"
}

# The filtergraph of one clip: title bar with topic, REC dot and elapsed clock; two tiles, each with a
# swaying person, a live waveform of that speaker, a name label and a green border while speaking.
write_filtergraph() {
  local seconds=$1 agent_tile=$2 customer_tile=$3 agent_pitch=$4 customer_pitch=$5 turn=$6 share=$7
  local agent_shirt=$8 customer_shirt=$9 agent_skin=${10} customer_skin=${11} graph=${12}
  local agent_end customer_start customer_end
  agent_end=$(awk -v p="$turn" -v s="$share" 'BEGIN { printf "%.2f", p * s - 0.4 }')
  customer_start=$(awk -v p="$turn" -v s="$share" 'BEGIN { printf "%.2f", p * s + 0.3 }')
  customer_end=$(awk -v p="$turn" 'BEGIN { printf "%.2f", p - 0.5 }')
  local agent_gate="lt(mod(t,${turn}),${agent_end})"
  local customer_gate="between(mod(t,${turn}),${customer_start},${customer_end})"

  # Person cut-out (head, neck, shoulders) drawn once with geq at twice the size and scaled down for
  # smooth edges, then repeated as a still frame. Transparent pixels carry the tile colour so the
  # scaled edges do not fringe.
  local head='lt(hypot(X-140,Y-104),66)'
  local neck='lt(abs(X-140),26)*between(Y,140,208)'
  local body='lt(pow((X-140)/136,2)+pow((Y-344)/148,2),1)*gt(Y,200)'
  person() {
    local skin=$1 shirt=$2 tile=$3
    local channel shift shade=()
    for shift in 16 8 0; do
      channel="if(${body},$((shirt >> shift & 255)),if(${head}+${neck},$((skin >> shift & 255)),$((tile >> shift & 255))))"
      shade+=("$channel")
    done
    echo "color=c=black@0:s=280x420:r=${FPS}:d=1,format=rgba,geq=r='${shade[0]}':g='${shade[1]}':b='${shade[2]}':a='255*gt(${head}+${neck}+${body},0)',scale=140:210:flags=area,trim=end_frame=1,loop=loop=-1:size=1,setpts=N/(${FPS}*TB)"
  }

  local sans="fontfile=${FONT_SANS}"
  local mono="fontfile=${FONT_MONO}"
  local label="${sans}:expansion=none:fontsize=14:fontcolor=white:box=1:boxcolor=black@0.55:boxborderw=5:x=10:y=h-th-12"
  local clock="%{eif\\:trunc(t/60)\\:d\\:2}\\:%{eif\\:mod(trunc(t)\\,60)\\:d\\:2}"

  cat >"$graph" <<EOF
aevalsrc=exprs='$(voice_expr "$agent_pitch" "$agent_gate" 0.7)':s=16000:d=${seconds},asplit[agent_voice][agent_wave_in];
aevalsrc=exprs='$(voice_expr "$customer_pitch" "$customer_gate" 2.9)':s=16000:d=${seconds},asplit[customer_voice][customer_wave_in];
[agent_voice][customer_voice]amix=inputs=2:normalize=0,highpass=f=120,lowpass=f=3800,aresample=48000[aout];
[agent_wave_in]showwaves=s=96x28:mode=cline:rate=${FPS}:scale=sqrt:colors=0x4ade80[agent_wave];
[customer_wave_in]showwaves=s=96x28:mode=cline:rate=${FPS}:scale=sqrt:colors=0x4ade80[customer_wave];
$(person "$agent_skin" "$agent_shirt" "$agent_tile")[agent_person];
$(person "$customer_skin" "$customer_shirt" "$customer_tile")[customer_person];
color=c=${agent_tile}:s=304x262:r=${FPS}:d=${seconds},drawbox=x=0:y=196:w=iw:h=66:color=black@0.25:t=fill[agent_room];
color=c=${customer_tile}:s=304x262:r=${FPS}:d=${seconds},drawbox=x=0:y=196:w=iw:h=66:color=black@0.25:t=fill[customer_room];
[agent_room][agent_person]overlay=x='82+10*sin(2*PI*t/5.3)':y='60+4*sin(2*PI*t/3.7)':shortest=1[agent_seen];
[customer_room][customer_person]overlay=x='82+9*sin(2*PI*t/4.6+1.3)':y='60+4*sin(2*PI*t/3.1+0.4)':shortest=1[customer_seen];
[agent_seen][agent_wave]overlay=x=W-w-10:y=10:shortest=1,drawtext=${label}:textfile=${WORK_DIR}/agent.txt,drawbox=x=0:y=0:w=iw:h=ih:color=0x4ade80:t=4:enable='${agent_gate}'[agent_tile];
[customer_seen][customer_wave]overlay=x=W-w-10:y=10:shortest=1,drawtext=${label}:textfile=${WORK_DIR}/customer.txt,drawbox=x=0:y=0:w=iw:h=ih:color=0x4ade80:t=4:enable='${customer_gate}'[customer_tile];
color=c=0x161a22:s=640x360:r=${FPS}:d=${seconds}[stage];
[stage][agent_tile]overlay=x=12:y=46[with_agent];
[with_agent][customer_tile]overlay=x=324:y=46,
drawbox=x=0:y=0:w=iw:h=36:color=0x0d1016:t=fill,
drawtext=${sans}:text='●':fontsize=16:fontcolor=0xef4444:x=12:y=10:enable='lt(mod(t,1),0.6)',
drawtext=${sans}:text='REC':fontsize=13:fontcolor=0xef4444:x=30:y=12,
drawtext=${sans}:expansion=none:textfile=${WORK_DIR}/topic.txt:fontsize=15:fontcolor=white:x=72:y=10,
drawtext=${mono}:text='${clock}':fontsize=17:fontcolor=white:x=w-tw-12:y=9,
drawbox=x=0:y=318:w=iw:h=42:color=0x0d1016:t=fill,
drawbox=x=236:y=326:w=52:h=26:color=0x2a303c:t=fill,
drawtext=${sans}:text='Mic':fontsize=12:fontcolor=white:x=236+(52-tw)/2:y=333,
drawbox=x=294:y=326:w=52:h=26:color=0x2a303c:t=fill,
drawtext=${sans}:text='Cam':fontsize=12:fontcolor=white:x=294+(52-tw)/2:y=333,
drawbox=x=352:y=326:w=52:h=26:color=0xdc2626:t=fill,
drawtext=${sans}:text='Leave':fontsize=12:fontcolor=white:x=352+(52-tw)/2:y=333,
drawtext=${sans}:expansion=none:textfile=${WORK_DIR}/footer.txt:fontsize=11:fontcolor=0x8b93a3:x=12:y=334,
format=yuv420p[vout]
EOF
}

encoder_args() {
  case $1 in
    vp9) echo "-c:v libvpx-vp9 -b:v 110k -deadline good -cpu-used 4 -row-mt 1 -g 30 -keyint_min 30 -c:a libopus -b:a 32k -application voip" ;;
    vp8) echo "-c:v libvpx -b:v 150k -deadline good -cpu-used 2 -g 30 -keyint_min 30 -c:a libopus -b:a 32k -application voip" ;;
    h264) echo "-c:v libx264 -preset slow -profile:v high -b:v 120k -g 30 -keyint_min 30 -sc_threshold 0 -c:a aac -b:a 40k -movflags +faststart" ;;
    *) die "unknown video codec '$1'" ;;
  esac
}

mkdir -p "$OUT_DIR"
started=$SECONDS
expected_files=()
for clip in "${CLIPS[@]}"; do
  IFS='|' read -r file seconds codec topic agent customer agent_tile customer_tile agent_pitch \
    customer_pitch turn share agent_shirt customer_shirt agent_skin customer_skin <<<"$clip"
  expected_files+=("$file")
  printf 'Agent · %s' "$agent" >"${WORK_DIR}/agent.txt"
  printf 'Customer · %s' "$customer" >"${WORK_DIR}/customer.txt"
  printf '%s' "$topic" >"${WORK_DIR}/topic.txt"
  printf 'Tapeline demo · synthetic call' >"${WORK_DIR}/footer.txt"
  write_filtergraph "$seconds" "$agent_tile" "$customer_tile" "$agent_pitch" "$customer_pitch" "$turn" \
    "$share" "$agent_shirt" "$customer_shirt" "$agent_skin" "$customer_skin" "${WORK_DIR}/graph.txt"

  echo "make-demo-media: ${file} (${seconds} s, ${codec})"
  partial="${WORK_DIR}/${file}"
  # shellcheck disable=SC2046 # encoder_args is a fixed list of flags, split on purpose
  ffmpeg -hide_banner -loglevel error -nostdin -y \
    -filter_complex_script "${WORK_DIR}/graph.txt" -map '[vout]' -map '[aout]' -t "$seconds" \
    $(encoder_args "$codec") -threads "$THREADS" -pix_fmt yuv420p -r "$FPS" -ac 1 -ar 48000 \
    -map_metadata -1 -fflags +bitexact -flags:v +bitexact -flags:a +bitexact \
    -metadata title="$topic" "$partial" ||
    die "ffmpeg failed while generating ${file}"
  mv -f "$partial" "${OUT_DIR}/${file}"
done

# Clips from an earlier version of this list would otherwise linger and skew the size budget.
shopt -s nullglob
for existing in "$OUT_DIR"/[0-9][0-9]-*.webm "$OUT_DIR"/[0-9][0-9]-*.mp4; do
  name=$(basename "$existing")
  [[ " ${expected_files[*]} " == *" ${name} "* ]] || {
    echo "make-demo-media: removing stale ${name}"
    rm -f "$existing"
  }
done

# Who is on each clip, for the demo seed (server/db/seed.ts) to pair clips with the right agent.
{
  echo '['
  for index in "${!CLIPS[@]}"; do
    IFS='|' read -r file _ _ topic agent customer _ <<<"${CLIPS[$index]}"
    separator=','
    ((index == ${#CLIPS[@]} - 1)) && separator=''
    printf '  { "file": "%s", "topic": "%s", "agent": "%s", "customer": "%s" }%s\n' \
      "$file" "$topic" "$agent" "$customer" "$separator"
  done
  echo ']'
} >"${OUT_DIR}/clips.json"

total_bytes=0
echo
printf '%-32s %10s %10s  %s\n' FILE DURATION SIZE CODECS
for file in "${expected_files[@]}"; do
  path="${OUT_DIR}/${file}"
  duration=$(ffprobe -v error -show_entries format=duration -of default=nw=1:nk=1 "$path")
  codecs=$(ffprobe -v error -show_entries stream=codec_name -of csv=p=0 "$path" | paste -sd+ -)
  bytes=$(wc -c <"$path")
  total_bytes=$((total_bytes + bytes))
  printf '%-32s %9.1fs %7d KB  %s\n' "$file" "$duration" $((bytes / 1024)) "$codecs"
done
printf '%-32s %10s %7d KB  (limit %d KB), generated in %d s\n' TOTAL '' $((total_bytes / 1024)) \
  $((MAX_TOTAL_BYTES / 1024)) $((SECONDS - started))

((total_bytes <= MAX_TOTAL_BYTES)) ||
  die "the demo set is ${total_bytes} bytes, over the ${MAX_TOTAL_BYTES}-byte budget; lower the bitrates or durations."
