// Times in a recording as people type them: "1:23", "1:02:03" or plain seconds (annotations, clips).

export function parseTimeInput(input: string): number | null {
  const trimmed = input.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  if (!/^\d+(:[0-5]?\d){1,2}$/.test(trimmed)) return null;
  return trimmed.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}
