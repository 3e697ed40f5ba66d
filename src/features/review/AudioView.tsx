// What the player shows for a recording of sound alone (a call with the camera off): not a black frame,
// but a panel that says so, with level bars that move while the sound plays.
const BARS = [0.35, 0.6, 0.9, 0.5, 0.75, 1, 0.55, 0.8, 0.4, 0.7, 0.95, 0.45, 0.65, 0.3];

export function AudioView({ playing }: { playing: boolean }) {
  return (
    <div
      data-testid="audio-view"
      className="absolute inset-0 flex flex-col items-center justify-center gap-4 bg-gradient-to-b from-slate-900 to-slate-950 px-6 pb-12 text-center"
    >
      <div className="flex h-16 items-end gap-1.5" aria-hidden="true">
        {BARS.map((height, index) => (
          <span
            key={index}
            className={`w-2 origin-bottom rounded-full bg-brand-300/80 ${playing ? 'animate-pulse' : ''}`}
            style={{
              height: `${Math.round(height * 100)}%`,
              animationDelay: `${(index % 5) * 120}ms`,
              transform: playing ? undefined : 'scaleY(0.35)',
            }}
          />
        ))}
      </div>
      <div>
        <p className="text-base font-semibold text-white">Audio recording</p>
        <p className="mt-1 text-sm text-slate-300">
          This call has no video: the camera was off, or only sound was recorded.
        </p>
      </div>
    </div>
  );
}
