// `/`: the caller's queue and recent recordings. For now the shell's landing page.
export function HomePage() {
  return (
    <>
      <title>Your queue · Tapeline</title>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Your queue</h1>
      <div className="mt-6 rounded-2xl border border-dashed border-slate-300 bg-white px-6 py-14 text-center">
        <p className="text-base font-medium text-slate-900">Recordings appear here</p>
        <p className="mx-auto mt-2 max-w-md text-sm text-slate-600">
          Calls waiting for your review and your team’s recent recordings will be listed on this page.
        </p>
      </div>
    </>
  );
}
